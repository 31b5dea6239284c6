/**
 * The indicators a town and a district are assessed on (DOMAIN.md "How success is measured"),
 * each defined once, here, over the orders' facts (./orderFacts, from events). Every rate is a
 * count over a count of the same orders, and every count keeps the ids of its orders, so a
 * number on the screen opens exactly the orders behind it.
 *
 * The orders of a period are those reported in it (China time); their state is taken as of
 * the moment of the figures. So the order reported on 30 November and closed on 2 December
 * counts as closed in November's report made in December, and not in December's.
 * Each key has its Chinese name and one-line definition in the catalogue (`stats:indicator.<key>`).
 */
import { levelOfUnit } from '../org';
import type { Period } from './period';
import { REACHED_LEVELS, type OrderFacts, type ReachedLevel } from './orderFacts';

export const COUNT_KEYS = [
  'reports', 'voided', 'valid', 'selfHandled', 'escalated', 'closed', 'insideGrid', 'onTime', 'overdue', 'dispatched',
  'fedBack', 'reworked', 'supervised', 'extended', 'levelVillage', 'levelTown', 'levelDistrict', 'levelEnforcement',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

const LEVEL_KEY: Record<ReachedLevel, CountKey> = { village: 'levelVillage', town: 'levelTown', district: 'levelDistrict', enforcement: 'levelEnforcement' };
export const LEVEL_KEYS: readonly CountKey[] = REACHED_LEVELS.map((level) => LEVEL_KEY[level]);

/** Which orders each count holds. */
const MEMBER: Record<CountKey, (f: OrderFacts) => boolean> = {
  reports: () => true,
  voided: (f) => f.voided,
  valid: (f) => !f.voided,
  selfHandled: (f) => f.selfHandled,
  escalated: (f) => !f.voided && f.escalated,
  closed: (f) => f.closed,
  insideGrid: (f) => f.closed && f.reachedLevel === 'village',
  onTime: (f) => f.closed && f.onTime === true,
  overdue: (f) => f.overdue,
  dispatched: (f) => f.dispatched,
  fedBack: (f) => f.fedBack,
  reworked: (f) => f.reworkCount > 0,
  supervised: (f) => f.supervised,
  extended: (f) => f.extended,
  levelVillage: (f) => !f.voided && f.reachedLevel === 'village',
  levelTown: (f) => !f.voided && f.reachedLevel === 'town',
  levelDistrict: (f) => !f.voided && f.reachedLevel === 'district',
  levelEnforcement: (f) => !f.voided && f.reachedLevel === 'enforcement',
};

/** Each rate as numerator over denominator; a click on it opens the numerator's orders. */
export const RATES = {
  insideGridRate: { of: 'insideGrid', per: 'closed' },
  escalationRate: { of: 'escalated', per: 'valid' },
  closeRate: { of: 'closed', per: 'valid' },
  onTimeRate: { of: 'onTime', per: 'closed' },
  overdueRate: { of: 'overdue', per: 'dispatched' },
  reworkRate: { of: 'reworked', per: 'fedBack' },
} as const satisfies Record<string, { of: CountKey; per: CountKey }>;
export type RateKey = keyof typeof RATES;
export const RATE_KEYS = Object.keys(RATES) as RateKey[];

export interface WorkorderFigures {
  counts: Record<CountKey, number>;
  /** 0–1; null when the denominator is 0. */
  rates: Record<RateKey, number | null>;
  /** Mean working hours from dispatch to feedback (平均处置时长), one decimal; null without feedback. */
  avgHandlingHours: number | null;
  /** Distinct accounts that reported orders. */
  reporters: number;
  /** reports / reporters, one decimal. */
  reportsPerWorker: number | null;
  /** The orders behind each count (ticket ids). */
  ids: Record<CountKey, string[]>;
}

/** What the table shows, in order: counts, rates and the two averages. */
export const INDICATOR_COLUMNS = [
  'reports', 'selfHandled', 'insideGridRate', 'escalationRate', 'closed', 'closeRate', 'onTimeRate', 'overdue', 'overdueRate',
  'reworkRate', 'avgHandlingHours', 'supervised', 'reportsPerWorker',
] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

/** The orders a column's number stands for (a rate: its numerator's), or null (averages). */
export function drillKeyOf(column: IndicatorColumn): CountKey | null {
  if (column in RATES) return RATES[column as RateKey].of;
  return (COUNT_KEYS as readonly string[]).includes(column) ? (column as CountKey) : null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const HOUR_MS = 3_600_000;

/**
 * The sums the figures are made of, added to order by order (figuresOf) or from the district's
 * map/reduce rows (district/report.ts), so both end in the same arithmetic.
 */
export interface FiguresTally {
  counts: Record<CountKey, number>;
  ids: Record<CountKey, string[]>;
  /** Handling time summed in whole milliseconds, as the views sum it: exact in any order. */
  handlingMs: number;
  timed: number;
  reporters: Set<string>;
}

export function emptyTally(): FiguresTally {
  return {
    counts: Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as Record<CountKey, number>,
    ids: Object.fromEntries(COUNT_KEYS.map((key) => [key, [] as string[]])) as Record<CountKey, string[]>,
    handlingMs: 0,
    timed: 0,
    reporters: new Set(),
  };
}

/** One order into the tally. */
export function addFacts(tally: FiguresTally, f: OrderFacts): void {
  for (const key of COUNT_KEYS) {
    if (!MEMBER[key](f)) continue;
    tally.counts[key] += 1;
    tally.ids[key].push(f.id);
  }
  if (f.reporter) tally.reporters.add(f.reporter);
  if (f.handlingHours !== undefined) {
    tally.handlingMs += Math.round(f.handlingHours * HOUR_MS);
    tally.timed += 1;
  }
}

export function figuresOfTally(tally: FiguresTally): WorkorderFigures {
  const { counts, timed } = tally;
  const rates = Object.fromEntries(
    RATE_KEYS.map((key) => [key, counts[RATES[key].per] > 0 ? counts[RATES[key].of] / counts[RATES[key].per] : null]),
  ) as Record<RateKey, number | null>;
  const reporters = tally.reporters.size;
  return {
    counts: { ...counts },
    rates,
    avgHandlingHours: timed > 0 ? round1(tally.handlingMs / HOUR_MS / timed) : null,
    reporters,
    reportsPerWorker: reporters > 0 ? round1(counts.reports / reporters) : null,
    ids: tally.ids,
  };
}

/** The figures of these orders (already chosen: a period, a unit). */
export function figuresOf(facts: Iterable<OrderFacts>): WorkorderFigures {
  const tally = emptyTally();
  for (const f of facts) addFacts(tally, f);
  return figuresOfTally(tally);
}

/** The orders reported in the period. */
export function inPeriodFacts(facts: readonly OrderFacts[], period: Period): OrderFacts[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  return facts.filter((f) => {
    const at = Date.parse(f.reportedAt);
    return at >= from && at < to;
  });
}

/** How a unit's figures break down: a district by its towns and departments, a town by its villages, a village by grids and workers. */
export type Dimension = 'unit' | 'department' | 'grid' | 'worker';

export function dimensionsOf(viewer: string): Dimension[] {
  const level = levelOfUnit(viewer);
  return level === 'district' ? ['unit', 'department'] : level === 'town' ? ['unit'] : ['grid', 'worker'];
}

/** The row an order falls in, for the viewer's dimension ('' = none, e.g. no department yet). */
export function rowKeyOf(viewer: string, dimension: Dimension, f: OrderFacts): string {
  switch (dimension) {
    case 'unit':
      // The child unit the owner lies in; orders the viewer reported itself form its own row.
      return f.ownerCode.length > viewer.length ? f.ownerCode.slice(0, viewer.length + 3) : f.ownerCode;
    case 'department':
      return f.departmentCode ?? '';
    case 'grid':
      return f.gridCode;
    case 'worker':
      return f.reporter;
  }
}

export interface FiguresRow {
  key: string;
  figures: WorkorderFigures;
}

/**
 * One row per child (every one of `children`, orders or not, in their order; then any other key
 * seen, sorted), and the total of the viewer's orders.
 */
export function breakdownOf(facts: readonly OrderFacts[], viewer: string, dimension: Dimension, children: readonly string[] = []): { rows: FiguresRow[]; total: WorkorderFigures } {
  const mine = facts.filter((f) => f.ownerCode.startsWith(viewer));
  const groups = new Map<string, OrderFacts[]>(children.map((child) => [child, []]));
  for (const f of mine) {
    const key = rowKeyOf(viewer, dimension, f);
    if (key === '') continue;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const known = new Set(children);
  const extra = [...groups.keys()].filter((key) => !known.has(key)).sort();
  return {
    rows: [...children, ...extra].map((key) => ({ key, figures: figuresOf(groups.get(key) ?? []) })),
    total: figuresOf(mine),
  };
}
