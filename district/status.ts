/**
 * The health report: per workstation of every village station and town sub-center its last
 * sync, who is signed in, version and channel, pending uploads, refused docs, conflicts, last
 * error and storage left (from the heartbeat docs, renderer/data/heartbeat.ts, that replicate up
 * to gl-district), units that never reported, and the state of every Gridlink replication job —
 * stale and failed ones first.
 *
 * Job states come from CouchDB 3's scheduler (`_scheduler/docs`, `_scheduler/jobs`). A server
 * without the scheduler API (pouchdb-server, the dev stand-in, or CouchDB 1.x) keeps the state
 * in each `_replicator` doc's `_replication_state`: that is read instead, and the report says so.
 */
import dayjs from 'dayjs';
import { t } from '../core/i18n';
import { databaseOfUnit } from '../core/org';
import { docId, type GridDoc, type StationStatusDoc } from '../core/schema';
import type { Connection } from './connection';
import { wantedSettings } from './provision';
import { clusterDrift, nodesOf, serverDrift, type ClusterDrift, type SettingDrift } from './serverSettings';
import { parseJobId } from './topologyPlan';

export type JobHealth = 'ok' | 'failed' | 'stale' | 'missing';

export interface JobStatus {
  id: string;
  kind: 'up' | 'down';
  database: string;
  /** The server's word: running, pending, crashing, failed, completed (scheduler) or triggered, error (doc state). */
  state: string;
  health: JobHealth;
  error: string | null;
  lastUpdated: string | null;
}

/** One workstation's report, or one unit that has none (`workstation` null, `neverReported`). */
export interface StationHealth {
  /** The unit's code: a village station or a town sub-center. */
  station: string;
  /** The unit's name from the district's grids ("长桥街道 湖滨社区"); null where the district holds no grid of that code. */
  stationName: string | null;
  database: string;
  workstation: string | null;
  workstationName: string | null;
  person: string | null;
  appVersion: string | null;
  updateChannel: string | null;
  lastSyncAt: string | null;
  /** When the workstation last wrote its report (its own clock). */
  reportedAt: string | null;
  online: boolean | null;
  pendingUploads: number | null;
  rejectedDocs: number | null;
  conflicts: number | null;
  lastError: string | null;
  freeDiskBytes: number | null;
  /** The server's clock minus the workstation's (ms); null where it was not measured. */
  clockOffsetMs: number | null;
  health: 'ok' | 'stale' | 'neverReported' | 'rejecting';
}

export interface StatusReport {
  generatedAt: string;
  /** Where job states came from; `docState` is the fallback without `_scheduler`. */
  jobSource: 'scheduler' | 'docState';
  note: string | null;
  stations: StationHealth[];
  jobs: JobStatus[];
  /** Server settings that differ from what provisioning sets; null: the server has no config API. */
  settingsDrift: SettingDrift[] | null;
  /** A cluster's nodes whose admin hashes, cookie secret or uuid differ from the others' (null: no config API). */
  clusterDrift: ClusterDrift[] | null;
  /** Nodes of the server (one unless it is a cluster; 0 without a config API). */
  nodes: number;
}

interface SchedulerDoc {
  doc_id: string;
  state: string | null;
  info?: { error?: string } | string | null;
  error_count?: number;
  last_updated?: string;
}

interface ReplicatorDoc {
  _id: string;
  _replication_state?: string;
  _replication_state_time?: string | number;
  _replication_state_reason?: string;
}

const HEALTH_ORDER: Record<string, number> = { failed: 0, missing: 1, rejecting: 1, stale: 2, neverReported: 2, ok: 3 };

/** CouchDB 3 scheduler states → health. `running` and `pending` are what a continuous job should be. */
export function healthOfSchedulerState(state: string | null): JobHealth {
  if (state === 'running' || state === 'pending' || state === 'initializing') return 'ok';
  if (state === 'crashing' || state === 'failed' || state === 'error') return 'failed';
  if (state === 'completed') return 'stale';
  return 'missing';
}

/** pouchdb-server / CouchDB 1.x doc states: `triggered` is running, `error` failed, `completed` stopped. */
export function healthOfDocState(state: string | undefined): JobHealth {
  if (state === 'triggered') return 'ok';
  if (state === 'error') return 'failed';
  if (state === 'completed') return 'stale';
  return 'missing';
}

async function schedulerDocs(connection: Connection): Promise<Map<string, SchedulerDoc> | null> {
  try {
    const answer = (await connection.couch.request({ path: '_scheduler/docs/_replicator', qs: { limit: 10000 } })) as { docs?: SchedulerDoc[] };
    if (!Array.isArray(answer.docs)) return null;
    return new Map(answer.docs.map((doc) => [doc.doc_id, doc]));
  } catch {
    return null;
  }
}

/** `_scheduler/jobs`: the running jobs, with the time of their last event (for `lastUpdated`). */
async function schedulerJobs(connection: Connection): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  try {
    const answer = (await connection.couch.request({ path: '_scheduler/jobs', qs: { limit: 10000 } })) as {
      jobs?: { doc_id?: string; history?: { timestamp: string }[] }[];
    };
    for (const job of answer.jobs ?? []) if (job.doc_id && job.history?.[0]) times.set(job.doc_id, job.history[0].timestamp);
  } catch {
    // no scheduler: the caller already fell back to doc states
  }
  return times;
}

function errorText(info: SchedulerDoc['info']): string | null {
  if (!info) return null;
  return typeof info === 'string' ? info : (info.error ?? null);
}

/** Jobs the topology needs but `_replicator` lacks (deleted by hand, never provisioned). */
function absentJobs(databases: string[], present: Set<string>): JobStatus[] {
  const absent: JobStatus[] = [];
  for (const database of databases) {
    if (!/^gl-(town|station)-/.test(database)) continue;
    for (const kind of ['up', 'down'] as const) {
      const id = `gridlink-${kind}-${database}`;
      if (!present.has(id)) absent.push({ id, kind, database, state: 'absent', health: 'missing', error: null, lastUpdated: null });
    }
  }
  return absent;
}

async function readJobs(connection: Connection, databases: string[]): Promise<Pick<StatusReport, 'jobs' | 'jobSource' | 'note'>> {
  const replicator = connection.couch.use<ReplicatorDoc>('_replicator');
  const listing = await replicator.list({ include_docs: true, startkey: 'gridlink-', endkey: 'gridlink-\ufff0' });
  const wanted = new Set(databases);
  const docs = listing.rows
    .map((row) => row.doc)
    .filter((doc): doc is ReplicatorDoc & { _rev: string } => !!doc && !!parseJobId(doc._id) && (wanted.has(parseJobId(doc._id)!.database) || !connectionScoped(connection)));
  const scheduler = await schedulerDocs(connection);
  if (scheduler) {
    const times = await schedulerJobs(connection);
    const jobs = docs.map((doc): JobStatus => {
      const parsed = parseJobId(doc._id)!;
      const entry = scheduler.get(doc._id);
      return {
        id: doc._id,
        ...parsed,
        state: entry?.state ?? 'unknown',
        health: healthOfSchedulerState(entry?.state ?? null),
        error: errorText(entry?.info),
        lastUpdated: times.get(doc._id) ?? entry?.last_updated ?? null,
      };
    });
    return { jobs: [...jobs, ...absentJobs(databases, new Set(docs.map((d) => d._id)))], jobSource: 'scheduler', note: null };
  }
  const jobs = docs.map((doc): JobStatus => {
    const parsed = parseJobId(doc._id)!;
    const time = doc._replication_state_time;
    return {
      id: doc._id,
      ...parsed,
      state: doc._replication_state ?? 'unknown',
      health: healthOfDocState(doc._replication_state),
      error: doc._replication_state_reason ?? null,
      lastUpdated: time === undefined ? null : new Date(typeof time === 'number' ? time * 1000 : time).toISOString(),
    };
  });
  return { jobs: [...jobs, ...absentJobs(databases, new Set(docs.map((d) => d._id)))], jobSource: 'docState', note: t('district:status.docStateNote') };
}

/** Every heartbeat in a district database (one per workstation; old versions one per unit). */
async function heartbeatsOf(connection: Connection, districtDb: string): Promise<StationStatusDoc[]> {
  const answer = await connection.couch.use<StationStatusDoc>(districtDb).list({ include_docs: true, startkey: 'stationStatus:', endkey: 'stationStatus:\ufff0' });
  return answer.rows.flatMap((row) => (row.doc ? [row.doc] : []));
}

function healthOf(doc: StationStatusDoc, staleAfterMs: number, now: number): StationHealth['health'] {
  const last = doc.lastSyncAt ? Date.parse(doc.lastSyncAt) : NaN;
  if (Number.isNaN(last) || now - last > staleAfterMs) return 'stale';
  return doc.rejectedDocs > 0 ? 'rejecting' : 'ok';
}

/**
 * Unit names from the grids the district database holds: a town's level-1 grid and a village's
 * level-2 grid carry the unit's own code (core/org.ts); a village is named with its town, as
 * village names repeat across towns.
 */
async function unitNamesOf(connection: Connection, districtDb: string, codes: string[]): Promise<Map<string, string>> {
  const towns = [...new Set(codes.map((code) => code.slice(0, 9)))];
  const keys = [...new Set([...codes, ...towns])].map((code) => docId('grid', code));
  const answer = await connection.couch.use<GridDoc>(districtDb).fetch({ keys });
  const gridNames = new Map<string, string>();
  for (const row of answer.rows) if ('doc' in row && row.doc) gridNames.set(row.doc.code, row.doc.name);
  const names = new Map<string, string>();
  for (const code of codes) {
    const own = gridNames.get(code);
    if (!own) continue;
    const town = code.length === 12 ? gridNames.get(code.slice(0, 9)) : undefined;
    names.set(code, town ? `${town} ${own}` : own);
  }
  return names;
}

function workstationRow(database: string, doc: StationStatusDoc, staleAfterMs: number, now: number): StationHealth {
  return {
    station: doc.stationCode,
    stationName: null,
    database,
    workstation: doc.workstation ?? null,
    workstationName: doc.workstationName ?? null,
    person: doc.person ?? null,
    appVersion: doc.appVersion,
    updateChannel: doc.updateChannel ?? null,
    lastSyncAt: doc.lastSyncAt ?? null,
    reportedAt: doc.updatedAt,
    online: doc.online ?? null,
    pendingUploads: doc.pendingUploads,
    rejectedDocs: doc.rejectedDocs,
    conflicts: doc.conflicts ?? null,
    lastError: doc.lastError ?? null,
    freeDiskBytes: doc.freeDiskBytes ?? null,
    clockOffsetMs: doc.clockOffsetMs ?? null,
    health: healthOf(doc, staleAfterMs, now),
  };
}

const UNIT_DATABASE = /^gl-(?:station|town)-([0-9]+)$/;

async function readStations(connection: Connection, allDatabases: string[], staleAfterMs: number, now: number): Promise<StationHealth[]> {
  const units = allDatabases.flatMap((database) => {
    const code = UNIT_DATABASE.exec(database)?.[1];
    return code ? [{ code, database }] : [];
  });
  // Each unit reports to its own district's database (a server may hold several districts).
  const districts = [...new Set(units.map((unit) => databaseOfUnit(unit.code.slice(0, 6))))].filter((db) => allDatabases.includes(db));
  const byUnit = new Map<string, StationStatusDoc[]>();
  const names = new Map<string, string>();
  for (const districtDb of districts) {
    for (const doc of await heartbeatsOf(connection, districtDb)) byUnit.set(doc.stationCode, [...(byUnit.get(doc.stationCode) ?? []), doc]);
    const inDistrict = units.filter((unit) => databaseOfUnit(unit.code.slice(0, 6)) === districtDb).map((unit) => unit.code);
    for (const [code, name] of await unitNamesOf(connection, districtDb, inDistrict)) names.set(code, name);
  }
  return units.flatMap(({ code, database }): StationHealth[] => {
    const docs = byUnit.get(code) ?? [];
    const stationName = names.get(code) ?? null;
    if (docs.length > 0) return docs.map((doc) => ({ ...workstationRow(database, doc, staleAfterMs, now), stationName }));
    return [
      {
        station: code, stationName, database, workstation: null, workstationName: null, person: null, appVersion: null, updateChannel: null, lastSyncAt: null,
        reportedAt: null, online: null, pendingUploads: null, rejectedDocs: null, conflicts: null, lastError: null, freeDiskBytes: null, clockOffsetMs: null, health: 'neverReported',
      },
    ];
  });
}

/** For a cron job: exit 2 when a unit is stale or never reported (1 stays "the command failed"). */
export function statusExitCode(report: StatusReport): number {
  return report.stations.some((s) => s.health === 'stale' || s.health === 'neverReported') ? 2 : 0;
}

/** With `--district`, the report covers that district only (a server may hold several). */
function connectionScoped(connection: Connection): boolean {
  return connection.district !== undefined;
}

function inDistrict(database: string, district: string | undefined): boolean {
  const unit = /^gl-(?:station|town|district)-([0-9]+)$/.exec(database)?.[1];
  return district === undefined || (unit !== undefined && unit.startsWith(district));
}

export async function readStatus(connection: Connection, options: { staleAfterMs: number; now?: number }): Promise<StatusReport> {
  const now = options.now ?? Date.now();
  const databases = (await connection.couch.db.list()).filter((name) => inDistrict(name, connection.district));
  const [stations, jobs, settingsDrift, cluster] = await Promise.all([
    readStations(connection, databases, options.staleAfterMs, now),
    readJobs(connection, databases),
    wantedSettings(connection).then((settings) => serverDrift(connection, settings)),
    clusterDrift(connection),
  ]);
  const nodes = cluster === null ? 0 : (await nodesOf(connection)).length;
  stations.sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || a.station.localeCompare(b.station) || (a.workstation ?? '').localeCompare(b.workstation ?? ''));
  jobs.jobs.sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || a.id.localeCompare(b.id));
  return { generatedAt: new Date(now).toISOString(), stations, ...jobs, settingsDrift, clusterDrift: cluster, nodes };
}

function settingsLines(report: Pick<StatusReport, 'settingsDrift' | 'clusterDrift' | 'nodes'>): string[] {
  const drift = report.settingsDrift;
  if (drift === null) return [t('district:status.settingsUnknown')];
  const onNode = (node: string) => (report.nodes > 1 ? `${node} ` : '');
  const cluster = report.clusterDrift ?? [];
  return [
    drift.length === 0 ? t('district:status.settingsOk') : t('district:status.settingsDrift', { count: drift.length }),
    ...drift.map((d) => t('district:status.settingLine', { name: `${onNode(d.node)}[${d.section}] ${d.key}`, actual: d.actual ?? t('district:status.unset'), wanted: d.wanted })),
    ...(report.nodes > 1 ? [cluster.length === 0 ? t('district:status.clusterOk', { count: report.nodes }) : t('district:status.clusterDrift', { count: cluster.length })] : []),
    ...cluster.map((d) => t('district:status.clusterLine', { node: d.node, name: `[${d.section}] ${d.key}` })),
  ];
}

/** A workstation's clock as IT needs to know it: right to the minute, or how far off. */
function clockText(offsetMs: number | null): string | null {
  if (offsetMs === null) return null;
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  if (minutes === 0) return t('district:status.clockOk');
  // Positive: the server is ahead, so the workstation's clock is slow.
  return t(offsetMs > 0 ? 'district:status.clockSlow' : 'district:status.clockFast', { minutes });
}

/** One row of the stations table (terminal, HTML and xlsx alike); `empty` for what is not known. */
export function stationCells(s: StationHealth, empty: string): string[] {
  return [
    t(`district:status.health.${s.health}`),
    s.station,
    s.stationName ?? empty,
    s.workstationName ?? s.workstation ?? empty,
    s.person ?? empty,
    localTime(s.lastSyncAt) ?? empty,
    s.pendingUploads === null ? empty : String(s.pendingUploads),
    s.rejectedDocs === null ? empty : String(s.rejectedDocs),
    s.conflicts === null ? empty : String(s.conflicts),
    s.appVersion === null ? empty : s.updateChannel === 'beta' ? `${s.appVersion} (beta)` : s.appVersion,
    s.freeDiskBytes === null ? empty : `${Math.floor(s.freeDiskBytes / 1024 ** 3)} GB`,
    clockText(s.clockOffsetMs) ?? empty,
    s.lastError ?? '',
  ];
}

/** Times as district IT reads them: the machine's local time, to the minute. */
export function localTime(iso: string | null): string | null {
  if (iso === null) return null;
  const time = dayjs(iso);
  return time.isValid() ? time.format('YYYY-MM-DD HH:mm') : iso;
}

/** A plain-text table for the terminal (also `district audit`). */
export function table(header: string[], rows: string[][]): string {
  // CJK characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatStatusTable(report: StatusReport): string {
  const dash = '-';
  const stationRows = report.stations.map((s) => stationCells(s, dash));
  const jobRows = report.jobs.map((j) => [
    t(`district:status.health.${j.health}`),
    j.id,
    t(`district:status.kind.${j.kind}`),
    j.state,
    localTime(j.lastUpdated) ?? dash,
    j.error ?? '',
  ]);
  const levelNote = report.stations.length === 0 ? t('district:status.noStations') : '';
  return [
    t('district:status.stationsTitle', { count: report.stations.length }),
    levelNote || table(t('district:status.stationHeader', { returnObjects: true }) as string[], stationRows),
    '',
    t('district:status.jobsTitle', { count: report.jobs.length }),
    table(t('district:status.jobHeader', { returnObjects: true }) as string[], jobRows),
    ...(report.note ? ['', report.note] : []),
    '',
    ...settingsLines(report),
  ].join('\n');
}
