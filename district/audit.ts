/**
 * `district audit`: the 等保 audit records (core/audit.ts) every station's workstations wrote,
 * read from the district database, where they all end up (everything replicates up).
 *
 * - `list` by unit (`--station`: a village, or a town with its villages), person and period
 *   (`--from`/`--to`, days in China time), as a table or as .xlsx / .csv (`--out`). It reads
 *   through the `_design/gridlink-audit` views, never the whole database: `byUnit` keys each
 *   record under every unit of its scope, so one range finds a unit and everything below it in
 *   a period; `byPerson` keys it under its person and its account.
 * - `purge --before YYYY-MM-DD` (or the district's `auditRetentionDays`) deletes older records
 *   from the district database and says what it removed. Never closer than 180 days to today
 *   (等保 2.0 expects six months of logs). Only a server or district admin may delete (the rules).
 *   The tombstones carry no scope, so the down jobs carry none of them to a unit: each
 *   workstation's own copy stays with the station.
 */
import { writeFile } from 'node:fs/promises';
import { fromCouchDoc } from '../core/couchDoc';
import { MIN_AUDIT_RETENTION_DAYS } from '../core/audit';
import { t } from '../core/i18n';
import { databaseOfUnit, isUnitCode } from '../core/org';
import type { EventDoc, SettingDoc } from '../core/schema';
import { settingIdOf } from '../core/settings';
import { isNotFound, type Connection } from './connection';
import { DistrictError } from './districtError';
import { ensureDesignViews, type ViewsDesignDoc } from './reportViews';
import { table } from './status';

export const AUDIT_DESIGN_DOC_ID = '_design/gridlink-audit';
const VIEW = AUDIT_DESIGN_DOC_ID.replace('_design/', '');
/** A year, when the district has set no retention of its own. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export function auditDesignDoc(): ViewsDesignDoc {
  return {
    _id: AUDIT_DESIGN_DOC_ID,
    language: 'javascript',
    views: {
      byUnit: {
        map: "function (doc) { if (doc.type !== 'audit' || typeof doc.at !== 'string' || !doc.scope) return; for (var i = 0; i < doc.scope.length; i++) emit([doc.scope[i], doc.at], null); }",
      },
      byPerson: {
        map: "function (doc) { if (doc.type !== 'audit' || typeof doc.at !== 'string') return; if (doc.person) emit([doc.person, doc.at], null); if (doc.by && doc.by !== doc.person) emit([doc.by, doc.at], null); }",
      },
    },
  };
}

export function ensureAuditViews(connection: Connection, db: string): Promise<'created' | 'updated' | null> {
  return ensureDesignViews(connection.couch, db, auditDesignDoc());
}

/** `YYYY-MM-DD` as the instant its day starts in China time (UTC+8, no daylight saving). */
export function chinaDayStart(day: string): string {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00+08:00`))) {
    throw new DistrictError(t('district:audit.badDay', { day }));
  }
  return new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
}

/** An instant as China's wall time, `YYYY-MM-DD HH:mm:ss`, whatever the CLI machine's zone. */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Today's date in China. */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export interface AuditFilter {
  /** A unit: its records and those of every unit below it. */
  station?: string;
  /** A personal account, or a station's account. */
  person?: string;
  /** First day, China time (inclusive). */
  from?: string;
  /** Last day, China time (inclusive). */
  to?: string;
}

interface ViewRow {
  id: string;
  doc?: (Record<string, unknown> & { _id: string }) | null;
}

async function viewDocs(connection: Connection, db: string, view: string, startkey: unknown[], endkey: unknown[]): Promise<EventDoc[]> {
  const body = (await connection.couch.request({ db, path: `_design/${VIEW}/_view/${view}`, qs: { include_docs: true, startkey, endkey } })) as { rows: ViewRow[] };
  return body.rows.flatMap((row) => (row.doc ? [fromCouchDoc<EventDoc>(row.doc)] : []));
}

/** The records that match, oldest first. */
export async function listAudit(connection: Connection, districtCode: string, filter: AuditFilter): Promise<EventDoc[]> {
  if (filter.station !== undefined && (!isUnitCode(filter.station) || !filter.station.startsWith(districtCode))) {
    throw new DistrictError(t('district:audit.badStation', { unit: filter.station, district: districtCode }));
  }
  const from = filter.from ? chinaDayStart(filter.from) : '';
  // The day after `to` starts where the period ends.
  const to = filter.to ? new Date(Date.parse(chinaDayStart(filter.to)) + DAY_MS).toISOString() : '\ufff0';
  if (from && filter.to && from >= to) throw new DistrictError(t('district:audit.badPeriod', { from: filter.from, to: filter.to }));
  const db = databaseOfUnit(districtCode);
  const found = filter.person
    ? await viewDocs(connection, db, 'byPerson', [filter.person, from], [filter.person, to])
    : await viewDocs(connection, db, 'byUnit', [filter.station ?? districtCode, from], [filter.station ?? districtCode, to]);
  const unique = new Map(found.map((doc) => [doc.id, doc]));
  const inUnit = (doc: EventDoc) => !filter.station || (Array.isArray(doc.scope) && doc.scope.includes(filter.station));
  return [...unique.values()].filter(inUnit).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}

const COLUMNS = ['time', 'unit', 'account', 'person', 'action', 'target', 'detail'] as const;

function cellsOf(doc: EventDoc): string[] {
  const action = t(`district:audit.action.${doc.action}`, { defaultValue: doc.action });
  return [chinaTime(doc.at), doc.byUnit, doc.by, doc.person ?? '', action, doc.target ?? '', doc.detail ?? ''];
}

function header(): string[] {
  return COLUMNS.map((column) => t(`district:audit.column.${column}`));
}

export function formatAuditTable(docs: readonly EventDoc[]): string {
  if (docs.length === 0) return t('district:audit.none');
  return [table(header(), docs.map(cellsOf)), '', t('district:audit.count', { count: docs.length })].join('\n');
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The records as .xlsx or .csv (by the file's extension); CSV with a BOM so Excel and WPS read it as UTF-8. */
export async function writeAuditFile(docs: readonly EventDoc[], out: string, filter: AuditFilter = {}): Promise<void> {
  if (/\.csv$/i.test(out)) {
    const lines = [header(), ...docs.map(cellsOf)].map((cells) => cells.map(csvCell).join(','));
    await writeFile(out, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
    return;
  }
  if (!/\.xlsx$/i.test(out)) throw new DistrictError(t('district:audit.badOut', { path: out }));
  // exceljs is large: loaded only when a workbook is written (provisioning imports this module).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t('common:appName');
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(t('district:audit.sheetName'));
  sheet.addRow([t('district:audit.title', { filter: describeFilter(filter) })]);
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.addRow(header()).font = { bold: true };
  for (const doc of docs) sheet.addRow(cellsOf(doc));
  sheet.columns.forEach((column, i) => {
    column.width = [20, 14, 24, 24, 12, 36, 40][i];
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  await writeFile(out, Buffer.from(await workbook.xlsx.writeBuffer()));
}

export function describeFilter(filter: AuditFilter): string {
  const parts = [
    filter.station ? t('district:audit.filter.station', { unit: filter.station }) : '',
    filter.person ? t('district:audit.filter.person', { person: filter.person }) : '',
    filter.from || filter.to ? t('district:audit.filter.period', { from: filter.from ?? '…', to: filter.to ?? '…' }) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('，') : t('district:audit.filter.all');
}

/** The district's audit retention in days: its setting, or the default. */
export async function auditRetentionDays(connection: Connection, districtCode: string): Promise<number> {
  const doc = await connection.couch
    .use<SettingDoc>(databaseOfUnit(districtCode))
    .get(settingIdOf(districtCode))
    .catch((err: unknown) => {
      if (isNotFound(err)) return null;
      throw err;
    });
  const days = (doc as { auditRetentionDays?: unknown } | null)?.auditRetentionDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_AUDIT_RETENTION_DAYS;
}

export interface PurgeOptions {
  /** Delete records from before this day (China time); by default, today minus the retention. */
  before?: string;
  dryRun?: boolean;
  now?: Date;
}

export interface PurgeReport {
  before: string;
  /** Where the day came from: `--before`, or the district's retention in days. */
  retentionDays: number | null;
  removed: EventDoc[];
  dryRun: boolean;
}

/**
 * Deletes the district database's audit records from before `before` (or the retention's
 * cut-off), refusing a cut-off within the last 180 days. Returns what it removed.
 */
export async function purgeAudit(connection: Connection, districtCode: string, options: PurgeOptions = {}): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const today = chinaToday(now);
  const retentionDays = options.before ? null : await auditRetentionDays(connection, districtCode);
  const before = options.before ?? new Date(Date.parse(chinaDayStart(today)) - (retentionDays as number) * DAY_MS + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const cutoff = chinaDayStart(before);
  const latestAllowed = new Date(Date.parse(chinaDayStart(today)) - MIN_AUDIT_RETENTION_DAYS * DAY_MS + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  if (cutoff > chinaDayStart(latestAllowed)) {
    throw new DistrictError(t('district:audit.tooRecent', { before, days: MIN_AUDIT_RETENTION_DAYS, latest: latestAllowed, ...(retentionDays ? { retention: retentionDays } : {}) }));
  }
  const db = databaseOfUnit(districtCode);
  const removed = await viewDocs(connection, db, 'byUnit', [districtCode, ''], [districtCode, cutoff]);
  const old = removed.filter((doc) => doc.at < cutoff);
  if (!options.dryRun && old.length > 0) {
    const scope = connection.couch.use(db);
    for (let i = 0; i < old.length; i += 500) {
      const batch = old.slice(i, i + 500);
      // The current revision of each: a record is create-only, but read it rather than assume.
      const revs = (await scope.fetchRevs({ keys: batch.map((doc) => doc.id) })).rows.flatMap((row) => ('value' in row && row.value ? [{ _id: row.id, _rev: row.value.rev, _deleted: true }] : []));
      const results = await scope.bulk({ docs: revs });
      const failed = results.filter((result) => result.error);
      if (failed.length > 0) throw new DistrictError(t('district:audit.purgeFailed', { count: failed.length, first: `${failed[0].id}: ${failed[0].reason ?? failed[0].error}` }));
    }
  }
  return { before, retentionDays, removed: old, dryRun: options.dryRun === true };
}

/** What a purge removed: per unit and action, then the total. */
export function formatPurgeReport(report: PurgeReport): string {
  const counts = new Map<string, number>();
  for (const doc of report.removed) {
    const key = `${doc.byUnit}\u0000${doc.action}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => {
    const [unit, action] = key.split('\u0000');
    return [unit, t(`district:audit.action.${action}`, { defaultValue: action }), String(count)];
  });
  const first = report.removed[0];
  const last = report.removed.at(-1);
  const lines = [
    report.retentionDays !== null ? t('district:audit.purgeRule', { days: report.retentionDays, before: report.before }) : t('district:audit.purgeBefore', { before: report.before }),
  ];
  if (report.removed.length === 0) lines.push(t('district:audit.purgeNothing'));
  else {
    lines.push(table(t('district:audit.purgeHeader', { returnObjects: true }) as string[], rows));
    lines.push(t(report.dryRun ? 'district:audit.purgeWouldRemove' : 'district:audit.purgeRemoved', { count: report.removed.length, first: chinaTime(first!.at), last: chinaTime(last!.at) }));
  }
  return lines.join('\n');
}
