/** The unit, period and report a 统计 address names (shared by the screen and the 月报 print view). */
import { useMemo } from 'react';
import { useSession } from '../../data/session';
import type { Period } from '../../../core/stats/period';
import { useMonthlyReport } from './useMonthlyReport';
import { periodOfChoice, type StatsChoice } from './statsRoute';

export function useStatsView(choice: StatsChoice) {
  const { actor } = useSession();
  const station = actor.unit;
  // Only the station's own unit or one below it: a station holds no one else's orders.
  const unit = choice.unit && choice.unit.startsWith(station) ? choice.unit : station;
  const period: Period = useMemo(() => periodOfChoice(choice, new Date()), [choice.choice, choice.from, choice.to]); // eslint-disable-line react-hooks/exhaustive-deps
  const { report, names, facts } = useMonthlyReport(unit, period, choice.dimension);
  const trail = useMemo(() => {
    const codes: string[] = [];
    for (let length = station.length; length <= unit.length; length += 3) codes.push(unit.slice(0, length));
    return codes.map((code) => ({ code, name: names.unit(code) }));
  }, [station, unit, names]);
  return { station, unit, period, report, names, facts, trail };
}
