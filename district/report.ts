/**
 * `district report --month YYYY-MM [--unit CODE] --out file.xlsx`: the 月报 workbook for a unit
 * of the district (the district itself by default), from the district database's views
 * (reportViews.ts): the month's orders with their events and the month's cases, replayed through
 * the app's indicator core and written by the same workbook builder the app uses. Only that
 * month's orders are read, never the whole database.
 */
import { writeFile } from 'node:fs/promises';
import { fromCouchDoc } from '../core/couchDoc';
import { t } from '../core/i18n';
import { databaseOfUnit } from '../core/org';
import type { DepartmentDoc, EventDoc, GridDoc, MediationCaseDoc, TicketDoc } from '../core/schema';
import { dimensionsOf, type Dimension } from '../core/stats/indicators';
import { monthlyReport, type MonthlyReport } from '../core/stats/monthlyReport';
import { ordersFactsOf } from '../core/stats/orderFacts';
import { monthPeriod } from '../core/stats/period';
import { reportWorkbook } from '../core/stats/reportWorkbook';
import { WorkdayCalendar } from '../core/workorders/workdayCalendar';
import type { Connection } from './connection';
import { DistrictError } from './districtError';
import { STATS_DESIGN_DOC_ID } from './reportViews';

interface ViewRow {
  id: string;
  key: unknown;
  doc?: Record<string, unknown> & { _id: string };
}

const VIEW = STATS_DESIGN_DOC_ID.replace('_design/', '');
const BATCH = 500;

async function viewDocs<D extends { id: string }>(connection: Connection, db: string, view: string, params: Record<string, unknown>, keys?: unknown[]): Promise<D[]> {
  const body = (await connection.couch.request({
    db,
    path: `_design/${VIEW}/_view/${view}`,
    method: keys ? 'post' : 'get',
    // nano JSON-encodes startkey / endkey itself.
    qs: { include_docs: true, reduce: false, ...params },
    ...(keys ? { body: { keys } } : {}),
  })) as { rows: ViewRow[] };
  return body.rows.flatMap((row) => (row.doc ? [fromCouchDoc<D>(row.doc)] : []));
}

async function allOfType<D extends { id: string }>(connection: Connection, db: string, type: string): Promise<D[]> {
  const body = (await connection.couch.request({ db, path: '_all_docs', qs: { include_docs: true, startkey: `${type}:`, endkey: `${type}:\ufff0` } })) as { rows: ViewRow[] };
  return body.rows.flatMap((row) => (row.doc ? [fromCouchDoc<D>(row.doc)] : []));
}

export interface ReportOptions {
  month: string;
  /** The unit reported on; the district by default. */
  unit?: string;
  dimension?: Dimension;
  /** The moment the figures describe; now by default. */
  asOf?: Date;
}

/** The month's report of the unit, from the district database's views. */
export async function districtReport(connection: Connection, districtCode: string, options: ReportOptions): Promise<MonthlyReport> {
  const unit = options.unit ?? districtCode;
  if (!unit.startsWith(districtCode)) throw new DistrictError(t('stats:district.badUnit', { unit, district: districtCode }));
  const db = databaseOfUnit(districtCode);
  const period = monthPeriod(options.month);
  const range = { startkey: [options.month, unit], endkey: [options.month, `${unit}\ufff0`] };
  const tickets = await viewDocs<TicketDoc>(connection, db, 'orders', range);
  const events: EventDoc[] = [];
  for (let i = 0; i < tickets.length; i += BATCH) events.push(...(await viewDocs<EventDoc>(connection, db, 'events', {}, tickets.slice(i, i + BATCH).map((o) => o.id))));
  const cases = await viewDocs<MediationCaseDoc>(connection, db, 'cases', range);
  const [grids, departments] = await Promise.all([allOfType<GridDoc>(connection, db, 'grid'), allOfType<DepartmentDoc>(connection, db, 'department')]);
  const asOf = options.asOf ?? new Date();
  const kinds = new Map(departments.map((d) => [d.code, d.kind]));
  const gridNames = new Map(grids.map((g) => [g.code, g.name]));
  const departmentNames = new Map(departments.map((d) => [d.code, d.name]));
  const allowed = dimensionsOf(unit);
  const dimension = options.dimension && allowed.includes(options.dimension) ? options.dimension : allowed[0];
  const children =
    dimension === 'unit' ? grids.filter((g) => g.level === (unit.length === 6 ? 1 : 2) && g.code.startsWith(unit) && g.code.length === unit.length + 3).map((g) => g.code).sort()
    : dimension === 'department' ? departments.map((d) => d.code).sort()
    : dimension === 'grid' ? grids.filter((g) => g.level === 3 && g.code.startsWith(unit)).map((g) => g.code).sort()
    : [];
  const nameOf = (key: string) => gridNames.get(key) ?? departmentNames.get(key) ?? key;
  return monthlyReport({
    unit: { code: unit, name: unit === districtCode ? t('stats:district.districtName', { code: unit }) : nameOf(unit) },
    period,
    asOf,
    dimension,
    facts: ordersFactsOf(tickets, events, { calendar: new WorkdayCalendar(), asOf, departmentKind: (code) => kinds.get(code) }),
    cases,
    children,
    nameOf,
  });
}

export async function writeDistrictReport(connection: Connection, districtCode: string, options: ReportOptions & { out: string }): Promise<MonthlyReport> {
  const report = await districtReport(connection, districtCode, options);
  await writeFile(options.out, Buffer.from(await reportWorkbook(report).xlsx.writeBuffer()));
  return report;
}

/** The `counts` view's month: per owner unit, per indicator (the map/reduce figures). */
export async function monthCounts(connection: Connection, districtCode: string, month: string): Promise<Map<string, Record<string, number>>> {
  const body = (await connection.couch.request({
    db: databaseOfUnit(districtCode),
    path: `_design/${VIEW}/_view/counts`,
    qs: { group_level: 3, startkey: [month], endkey: [month, {}] },
  })) as { rows: { key: [string, string, string]; value: number }[] };
  const out = new Map<string, Record<string, number>>();
  for (const row of body.rows) {
    const [, owner, key] = row.key;
    const counts = out.get(owner) ?? {};
    counts[key] = row.value;
    out.set(owner, counts);
  }
  return out;
}
