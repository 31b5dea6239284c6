/**
 * `district report --month YYYY-MM|YYYY [--unit CODE] --out file.xlsx`: the 月报 workbook for a
 * unit of the district (the district itself by default), from the district database's views
 * (reportViews.ts): every indicator is a grouped map/reduce over the tickets' statistics records,
 * summed here into the core's figures (core/stats/indicators: the same tally the app's screen
 * ends in), and written by the same workbook builder the app uses. Only orders whose ticket has
 * no record are read, with their events, and replayed through the app's code; the report says
 * how many. A year is its twelve months' rows.
 *
 * The views read each order at its last state: the figures are those of the report moment
 * (`asOf`, now by default), which decides which open orders are past their deadline.
 */
import { writeFile } from 'node:fs/promises';
import { fromCouchDoc } from '../core/couchDoc';
import { t } from '../core/i18n';
import { databaseOfUnit } from '../core/org';
import type { DepartmentDoc, EventDoc, GridDoc, MediationCaseDoc, TicketDoc } from '../core/schema';
import { addFacts, COUNT_KEYS, dimensionsOf, emptyTally, figuresOfTally, inPeriodFacts, rowKeyOf, type CountKey, type Dimension, type FiguresTally } from '../core/stats/indicators';
import { childUnitOf, monthlyReport, type MonthlyReport } from '../core/stats/monthlyReport';
import { higher, levelOfHolder, ordersFactsOf, type FactsContext, type ReachedLevel } from '../core/stats/orderFacts';
import { monthPeriod, type Period } from '../core/stats/period';
import { reportWorkbook } from '../core/stats/reportWorkbook';
import { WorkdayCalendar } from '../core/workorders/workdayCalendar';
import type { Connection } from './connection';
import { DistrictError } from './districtError';
import { STATS_DESIGN_DOC_ID, VECTOR, type VectorKey } from './reportViews';

interface ViewRow {
  id: string;
  key: unknown;
  value?: unknown;
  doc?: Record<string, unknown> & { _id: string };
}

const VIEW = STATS_DESIGN_DOC_ID.replace('_design/', '');
const BATCH = 500;

async function viewRows(connection: Connection, db: string, view: string, params: Record<string, unknown>, keys?: unknown[]): Promise<ViewRow[]> {
  const body = (await connection.couch.request({
    db,
    path: `_design/${VIEW}/_view/${view}`,
    method: keys ? 'post' : 'get',
    // nano JSON-encodes startkey / endkey itself.
    qs: params,
    ...(keys ? { body: { keys } } : {}),
  })) as { rows: ViewRow[] };
  return body.rows;
}

async function viewDocs<D extends { id: string }>(connection: Connection, db: string, view: string, params: Record<string, unknown>, keys?: unknown[]): Promise<D[]> {
  const rows = await viewRows(connection, db, view, { include_docs: true, reduce: false, ...params }, keys);
  return rows.flatMap((row) => (row.doc ? [fromCouchDoc<D>(row.doc)] : []));
}

async function allOfType<D extends { id: string }>(connection: Connection, db: string, type: string): Promise<D[]> {
  const body = (await connection.couch.request({ db, path: '_all_docs', qs: { include_docs: true, startkey: `${type}:`, endkey: `${type}:\ufff0` } })) as { rows: ViewRow[] };
  return body.rows.flatMap((row) => (row.doc ? [fromCouchDoc<D>(row.doc)] : []));
}

export interface ReportOptions {
  /** `YYYY-MM`, or `YYYY` for the whole year. */
  month: string;
  /** The unit reported on; the district by default. */
  unit?: string;
  dimension?: Dimension;
  /** The moment the figures describe; now by default. */
  asOf?: Date;
}

export interface DistrictReport extends MonthlyReport {
  /** Orders whose ticket had no statistics record: replayed from their events. */
  replayed: number;
}

/** The months of `YYYY-MM` or `YYYY`, and their period. */
export function monthsOf(month: string): { months: string[]; period: Period } {
  if (/^[0-9]{4}$/.test(month)) {
    const months = Array.from({ length: 12 }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
    return { months, period: { from: monthPeriod(months[0]).from, to: monthPeriod(months[11]).to } };
  }
  return { months: [month], period: monthPeriod(month) };
}

const RANK: Record<string, ReachedLevel> = { village: 'village', town: 'town', district: 'district' };
const LEVEL_KEY: Record<ReachedLevel, CountKey> = { village: 'levelVillage', town: 'levelTown', district: 'levelDistrict', enforcement: 'levelEnforcement' };

/** Adds a `counts` row (a vector summed over orders alike in owner, grid, reporter and levels). */
function addRow(tally: FiguresTally, v: Record<VectorKey, number>, reporter: string, levels: string, context: FactsContext): void {
  for (const key of COUNT_KEYS) if (key in v) tally.counts[key] += v[key as VectorKey];
  // 超期 of closed orders here; of open ones from `due`, at the report moment.
  tally.counts.overdue += v.overdueClosed;
  tally.handlingMs += v.handlingMs;
  tally.timed += v.timed;
  if (reporter && v.reports > 0) tally.reporters.add(reporter);
  const [unitLevel, codes] = levels.split('|');
  let level = RANK[unitLevel] ?? 'village';
  for (const code of codes ? codes.split(',') : []) level = higher(level, levelOfHolder(code, context));
  tally.counts[LEVEL_KEY[level]] += v.valid;
  if (level === 'village') tally.counts.insideGrid += v.closed;
}

/** The report of the unit for the month (or year), from the district database's views. */
export async function districtReport(connection: Connection, districtCode: string, options: ReportOptions): Promise<DistrictReport> {
  const unit = options.unit ?? districtCode;
  if (!unit.startsWith(districtCode)) throw new DistrictError(t('stats:district.badUnit', { unit, district: districtCode }));
  const db = databaseOfUnit(districtCode);
  const { months, period } = monthsOf(options.month);
  const asOf = options.asOf ?? new Date();
  const [grids, departments] = await Promise.all([allOfType<GridDoc>(connection, db, 'grid'), allOfType<DepartmentDoc>(connection, db, 'department')]);
  const kinds = new Map(departments.map((d) => [d.code, d.kind]));
  const context: FactsContext = { calendar: new WorkdayCalendar(), asOf, departmentKind: (code) => kinds.get(code) };
  const allowed = dimensionsOf(unit);
  const dimension = options.dimension && allowed.includes(options.dimension) ? options.dimension : allowed[0];
  const gridNames = new Map(grids.map((g) => [g.code, g.name]));
  const departmentNames = new Map(departments.map((d) => [d.code, d.name]));
  const children =
    dimension === 'unit' ? grids.filter((g) => g.level === (unit.length === 6 ? 1 : 2) && g.code.startsWith(unit) && g.code.length === unit.length + 3).map((g) => g.code).sort()
    : dimension === 'department' ? departments.map((d) => d.code).sort()
    : dimension === 'grid' ? grids.filter((g) => g.level === 3 && g.code.startsWith(unit)).map((g) => g.code).sort()
    : [];

  const rows = new Map<string, FiguresTally>(children.map((child) => [child, emptyTally()]));
  const total = emptyTally();
  const rowOf = (key: string) => {
    let tally = rows.get(key);
    if (!tally) rows.set(key, (tally = emptyTally()));
    return tally;
  };
  const ownerRange = (month: string, tag: string) => ({ startkey: [month, tag, unit], endkey: [month, tag, `${unit}\ufff0`] });
  const asVector = (value: unknown) => Object.fromEntries(VECTOR.map((key, i) => [key, (value as number[])[i] ?? 0])) as Record<VectorKey, number>;

  const perMonth = await Promise.all(
    months.map(async (month) => {
      const [owned, byDepartment, due, legacy, cases] = await Promise.all([
        viewRows(connection, db, 'counts', { group: true, ...ownerRange(month, 'o') }),
        dimension === 'department' ? viewRows(connection, db, 'counts', { group: true, startkey: [month, 'd'], endkey: [month, 'd', {}] }) : Promise.resolve([]),
        viewRows(connection, db, 'due', { startkey: [month, unit], endkey: [month, `${unit}\ufff0`] }),
        viewRows(connection, db, 'legacy', { startkey: [month, unit], endkey: [month, `${unit}\ufff0`] }),
        viewDocs<MediationCaseDoc>(connection, db, 'cases', { startkey: [month, unit], endkey: [month, `${unit}\ufff0`] }),
      ]);
      return { owned, byDepartment, due, legacy, cases };
    }),
  );

  const legacyIds: string[] = [];
  const cases: MediationCaseDoc[] = [];
  for (const { owned, byDepartment, due, legacy, cases: monthCases } of perMonth) {
    for (const row of owned) {
      const [, , owner, grid, reporter, levels] = row.key as string[];
      const v = asVector(row.value);
      addRow(total, v, reporter, levels, context);
      const key = dimension === 'unit' ? childUnitOf(unit, owner) : dimension === 'grid' ? grid : dimension === 'worker' ? reporter : null;
      if (key) addRow(rowOf(key), v, reporter, levels, context);
    }
    for (const row of byDepartment) {
      const [, , department, reporter, levels] = row.key as string[];
      if (department) addRow(rowOf(department), asVector(row.value), reporter, levels, context);
    }
    for (const row of due) {
      const [, owner] = row.key as string[];
      const [deadline, grid, reporter, department, late] = row.value as [string, string, string, string, number];
      const overdue = late === 1 || (deadline !== '' && asOf.getTime() > Date.parse(deadline));
      if (!overdue) continue;
      const key = dimension === 'unit' ? childUnitOf(unit, owner) : dimension === 'grid' ? grid : dimension === 'worker' ? reporter : department;
      for (const tally of key ? [total, rowOf(key)] : [total]) {
        if (late !== 1) tally.counts.overdue += 1;
        tally.ids.overdue.push(row.id);
      }
    }
    legacyIds.push(...legacy.map((row) => row.id));
    cases.push(...monthCases);
  }

  // Orders without a record: read with their events and replayed (reportedAt decides the period).
  if (legacyIds.length > 0) {
    const tickets: TicketDoc[] = [];
    const events: EventDoc[] = [];
    for (let i = 0; i < legacyIds.length; i += BATCH) {
      const ids = legacyIds.slice(i, i + BATCH);
      const body = (await connection.couch.request({ db, path: '_all_docs', method: 'post', qs: { include_docs: true }, body: { keys: ids } })) as { rows: ViewRow[] };
      tickets.push(...body.rows.flatMap((row) => (row.doc ? [fromCouchDoc<TicketDoc>(row.doc)] : [])));
      events.push(...(await viewDocs<EventDoc>(connection, db, 'events', {}, ids)));
    }
    for (const f of inPeriodFacts(ordersFactsOf(tickets, events, context), period)) {
      if (!f.ownerCode.startsWith(unit)) continue;
      addFacts(total, f);
      const key = rowKeyOf(unit, dimension, f);
      if (key !== '') addFacts(rowOf(key), f);
    }
  }

  const known = new Set(children);
  const extra = [...rows.keys()].filter((key) => !known.has(key)).sort();
  const nameOf = (key: string) => gridNames.get(key) ?? departmentNames.get(key) ?? key;
  const report = monthlyReport({
    unit: { code: unit, name: unit === districtCode ? t('stats:district.districtName', { code: unit }) : nameOf(unit) },
    period,
    asOf,
    dimension,
    breakdown: { rows: [...children, ...extra].map((key) => ({ key, figures: figuresOfTally(rows.get(key)!) })), total: figuresOfTally(total) },
    cases,
    children,
    nameOf,
  });
  return { ...report, replayed: legacyIds.length };
}

export async function writeDistrictReport(connection: Connection, districtCode: string, options: ReportOptions & { out: string }): Promise<DistrictReport> {
  const report = await districtReport(connection, districtCode, options);
  await writeFile(options.out, Buffer.from(await reportWorkbook(report).xlsx.writeBuffer()));
  return report;
}

/** The `counts` view's month per owner unit: the vector's sums (the map/reduce figures). */
export async function monthCounts(connection: Connection, districtCode: string, month: string): Promise<Map<string, Record<VectorKey, number>>> {
  const rows = await viewRows(connection, databaseOfUnit(districtCode), 'counts', { group_level: 3, startkey: [month, 'o'], endkey: [month, 'o', {}] });
  const out = new Map<string, Record<VectorKey, number>>();
  for (const row of rows) {
    const [, , owner] = row.key as string[];
    out.set(owner, Object.fromEntries(VECTOR.map((key, i) => [key, (row.value as number[])[i] ?? 0])) as Record<VectorKey, number>);
  }
  return out;
}
