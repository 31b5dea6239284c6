/**
 * The monthly report (月报) of a unit and period as one figures object: the screen's table, the
 * A4 print view and the .xlsx workbook are all drawn from it, so they cannot disagree.
 */
import { mediationStats, type MediationStats } from '../mediation/stats';
import { levelOfUnit } from '../org';
import type { MediationCaseDoc } from '../schema';
import { breakdownOf, inPeriodFacts, RATES, type Dimension, type FiguresRow, type IndicatorColumn, type WorkorderFigures } from './indicators';
import type { OrderFacts } from './orderFacts';
import type { Period } from './period';

export interface ReportRow {
  key: string;
  name: string;
  figures: WorkorderFigures;
}

export interface MonthlyReport {
  unit: { code: string; name: string };
  period: Period;
  /** The moment the figures describe (ISO). */
  asOf: string;
  dimension: Dimension;
  total: WorkorderFigures;
  rows: ReportRow[];
  mediation: MediationStats;
  /** Names of the mediation rows' units. */
  mediationNames: Record<string, string>;
}

export interface ReportInput {
  unit: { code: string; name: string };
  period: Period;
  asOf: Date;
  dimension: Dimension;
  /** Every order's facts the unit has (any period); or, already summed, `breakdown`. */
  facts?: readonly OrderFacts[];
  /** The period's figures per row and in total (the district's views), instead of `facts`. */
  breakdown?: { rows: FiguresRow[]; total: WorkorderFigures };
  cases: Iterable<MediationCaseDoc>;
  /** The rows to list even when they have no order or case (a town's villages …). */
  children: readonly string[];
  nameOf: (key: string, dimension: Dimension) => string;
}

/** The child unit a case's owner lies in, seen from `viewer` (a district's towns, a town's villages). */
export function childUnitOf(viewer: string, ownerCode: string): string {
  return ownerCode.length > viewer.length ? ownerCode.slice(0, viewer.length + 3) : ownerCode;
}

export function monthlyReport(input: ReportInput): MonthlyReport {
  const { unit, period, dimension } = input;
  const breakdown = input.breakdown ?? breakdownOf(inPeriodFacts(input.facts ?? [], period), unit.code, dimension, input.children);
  const unitChildren = dimension === 'unit' ? input.children : [];
  const cases = [...input.cases].filter((c) => c.ownerCode.startsWith(unit.code));
  const mediation = mediationStats(cases, period, input.asOf, {
    units: levelOfUnit(unit.code) === 'village' ? [unit.code] : unitChildren,
    rowOf: (owner) => childUnitOf(unit.code, owner),
  });
  const mediationNames: Record<string, string> = {};
  for (const row of mediation.stations) mediationNames[row.code] = input.nameOf(row.code, 'unit');
  return {
    unit,
    period,
    asOf: input.asOf.toISOString(),
    dimension,
    total: breakdown.total,
    rows: breakdown.rows.map((row) => ({ key: row.key, name: input.nameOf(row.key, dimension), figures: row.figures })),
    mediation,
    mediationNames,
  };
}

export type ColumnKind = 'count' | 'rate' | 'hours' | 'ratio';

export function kindOf(column: IndicatorColumn): ColumnKind {
  return column in RATES ? 'rate' : column === 'avgHandlingHours' ? 'hours' : column === 'reportsPerWorker' ? 'ratio' : 'count';
}

/** A column's number (a rate 0–1), or null where it has none (no denominator). */
export function valueOf(figures: WorkorderFigures, column: IndicatorColumn): number | null {
  switch (kindOf(column)) {
    case 'rate':
      return figures.rates[column as keyof typeof RATES];
    case 'hours':
      return figures.avgHandlingHours;
    case 'ratio':
      return figures.reportsPerWorker;
    default:
      return figures.counts[column as keyof WorkorderFigures['counts']];
  }
}

/** How the screen and the print view write a value: 80.0%, 8.4, 1,234; '—' for none. */
export function formatValue(column: IndicatorColumn, value: number | null): string {
  if (value === null) return '—';
  switch (kindOf(column)) {
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'hours':
    case 'ratio':
      return value.toFixed(1);
    default:
      return value.toLocaleString('zh-CN');
  }
}
