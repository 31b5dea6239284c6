/**
 * Where inside 统计 the clerk is, all in the hash so the back button and a reload keep it:
 * `#/stats?p=lastMonth&unit=320506101&dim=unit` (the screen) and `#/stats/report?…` (the 月报
 * print view of the same choice). `p` is 本月 / 上月 / 本季度 / 本年, or `range` with `from`, `to`.
 */
import { useSyncExternalStore } from 'react';
import { periodOf, PERIOD_CHOICES, rangePeriod, type Period, type PeriodChoice } from '../../../core/stats/period';
import type { Dimension } from '../../../core/stats/indicators';

export interface StatsChoice {
  view: 'screen' | 'report';
  choice: PeriodChoice;
  /** YYYY-MM-DD, for `range`. */
  from?: string;
  to?: string;
  /** The unit looked at (the station's own, or one below it); undefined = the station's. */
  unit?: string;
  dimension?: Dimension;
}

const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export function statsChoiceOf(hash: string): StatsChoice {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const p = params.get('p');
  const choice = (PERIOD_CHOICES as readonly string[]).includes(p ?? '') ? (p as PeriodChoice) : 'thisMonth';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const dim = params.get('dim');
  return {
    view: path.split('/')[1] === 'report' ? 'report' : 'screen',
    choice,
    ...(from && DAY.test(from) ? { from } : {}),
    ...(to && DAY.test(to) ? { to } : {}),
    ...(unit && /^[0-9]{6,12}$/.test(unit) ? { unit } : {}),
    ...(dim === 'unit' || dim === 'department' || dim === 'grid' || dim === 'worker' ? { dimension: dim } : {}),
  };
}

export function hrefOfStats(choice: StatsChoice): string {
  const params = new URLSearchParams({ p: choice.choice });
  if (choice.choice === 'range') {
    if (choice.from) params.set('from', choice.from);
    if (choice.to) params.set('to', choice.to);
  }
  if (choice.unit) params.set('unit', choice.unit);
  if (choice.dimension) params.set('dim', choice.dimension);
  return `#/stats${choice.view === 'report' ? '/report' : ''}?${params.toString()}`;
}

/** The period the choice names at `now`; a range missing a day falls back to 本月. */
export function periodOfChoice(choice: StatsChoice, now: Date): Period {
  if (choice.choice === 'range') {
    if (choice.from && choice.to && choice.from <= choice.to) return rangePeriod(choice.from, choice.to);
    return periodOf('thisMonth', now);
  }
  return periodOf(choice.choice, now);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useStatsChoice(): StatsChoice {
  return statsChoiceOf(useSyncExternalStore(subscribe, () => window.location.hash));
}

export function goStats(choice: StatsChoice): void {
  window.location.hash = hrefOfStats(choice);
}
