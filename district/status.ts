/**
 * The health report: per station its last sync, pending uploads, rejected docs and app
 * version (from the stationStatus doc it replicates up to gl-district), and the state of every
 * Gridlink replication job — stale and failed ones first.
 *
 * Job states come from CouchDB 3's scheduler (`_scheduler/docs`, `_scheduler/jobs`). A server
 * without the scheduler API (pouchdb-server, the dev stand-in, or CouchDB 1.x) keeps the state
 * in each `_replicator` doc's `_replication_state`: that is read instead, and the report says so.
 */
import { t } from '../core/i18n';
import { databaseOfUnit } from '../core/org';
import type { StationStatusDoc } from '../core/schema';
import type { Connection } from './connection';
import { wantedSettings } from './provision';
import { serverDrift, type SettingDrift } from './serverSettings';
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

export interface StationHealth {
  station: string;
  database: string;
  lastSyncAt: string | null;
  pendingUploads: number | null;
  rejectedDocs: number | null;
  appVersion: string | null;
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

async function readStations(connection: Connection, allDatabases: string[], staleAfterMs: number, now: number): Promise<StationHealth[]> {
  const databases = allDatabases.filter((name) => name.startsWith('gl-station-'));
  const keys = databases.map((db) => `stationStatus:${db.slice('gl-station-'.length)}`);
  // Each station reports to its own district's database (a server may hold several districts).
  const byDistrict = new Map<string, string[]>();
  for (const key of keys) {
    const district = databaseOfUnit(key.slice('stationStatus:'.length, 'stationStatus:'.length + 6));
    byDistrict.set(district, [...(byDistrict.get(district) ?? []), key]);
  }
  const found = new Map<string, StationStatusDoc>();
  for (const [district, districtKeys] of byDistrict) {
    if (!allDatabases.includes(district)) continue;
    const answer = await connection.couch.use<StationStatusDoc>(district).fetch({ keys: districtKeys });
    for (const row of answer.rows) if ('doc' in row && row.doc) found.set(row.key, row.doc);
  }
  return databases.map((database, index): StationHealth => {
    const station = database.slice('gl-station-'.length);
    const doc = found.get(keys[index]);
    if (!doc) return { station, database, lastSyncAt: null, pendingUploads: null, rejectedDocs: null, appVersion: null, health: 'neverReported' };
    const last = doc.lastSyncAt ? Date.parse(doc.lastSyncAt) : NaN;
    const stale = Number.isNaN(last) || now - last > staleAfterMs;
    return {
      station,
      database,
      lastSyncAt: doc.lastSyncAt ?? null,
      pendingUploads: doc.pendingUploads,
      rejectedDocs: doc.rejectedDocs,
      appVersion: doc.appVersion,
      health: stale ? 'stale' : doc.rejectedDocs > 0 ? 'rejecting' : 'ok',
    };
  });
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
  const [stations, jobs, settingsDrift] = await Promise.all([
    readStations(connection, databases, options.staleAfterMs, now),
    readJobs(connection, databases),
    wantedSettings(connection).then((settings) => serverDrift(connection, settings)),
  ]);
  stations.sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || a.station.localeCompare(b.station));
  jobs.jobs.sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || a.id.localeCompare(b.id));
  return { generatedAt: new Date(now).toISOString(), stations, ...jobs, settingsDrift };
}

function settingsLines(drift: SettingDrift[] | null): string[] {
  if (drift === null) return [t('district:status.settingsUnknown')];
  if (drift.length === 0) return [t('district:status.settingsOk')];
  return [
    t('district:status.settingsDrift', { count: drift.length }),
    ...drift.map((d) => t('district:status.settingLine', { name: `[${d.section}] ${d.key}`, actual: d.actual ?? t('district:status.unset'), wanted: d.wanted })),
  ];
}

function table(header: string[], rows: string[][]): string {
  // CJK characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatStatusTable(report: StatusReport): string {
  const dash = '-';
  const stationRows = report.stations.map((s) => [
    t(`district:status.health.${s.health}`),
    s.station,
    s.lastSyncAt ?? dash,
    s.pendingUploads === null ? dash : String(s.pendingUploads),
    s.rejectedDocs === null ? dash : String(s.rejectedDocs),
    s.appVersion ?? dash,
  ]);
  const jobRows = report.jobs.map((j) => [
    t(`district:status.health.${j.health}`),
    j.id,
    t(`district:status.kind.${j.kind}`),
    j.state,
    j.lastUpdated ?? dash,
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
    ...settingsLines(report.settingsDrift),
  ].join('\n');
}
