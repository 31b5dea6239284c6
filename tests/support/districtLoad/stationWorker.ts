/**
 * A worker thread of the district bench: several station clients, each the app's sync engine
 * (startStationSync with the station's conflict policies and records, and its heartbeat) over
 * RxDB's in-memory storage (the browser is not the point here), logged in as the village's own
 * unit user. Writes, in steady state, what a village desk writes: a heartbeat every few minutes
 * and a few orders an hour (time compressed by the orchestrator).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxStorage } from 'rxdb';
import { openDatabase, type PartialGridlinkDatabase } from '../../../sync/database';
import { startStationSync, type StationSync, type SyncStatus } from '../../../sync';
import { stationConflictPolicies } from '../../../core/conflicts/policies';
import { stationConflictRecorder } from '../../../core/conflicts/conflictRecords';
import { createTicket } from '../../../core/workorders/commands';
import { WorkdayCalendar } from '../../../core/workorders/workdayCalendar';
import { startHeartbeat, type Heartbeat } from '../../../renderer/data/heartbeat';
import type { AnyDoc, QuarantineDoc } from '../../../core/schema';
import { STATION_COLLECTIONS, type FromWorker, type StationCounters, type StationDump, type StationSpec, type ToWorker, type WorkerSetup } from './protocol';

type StationDb = PartialGridlinkDatabase<(typeof STATION_COLLECTIONS)[number]>;

interface Running {
  spec: StationSpec;
  db: StationDb;
  sync: StationSync;
  heartbeat: Heartbeat;
  counters: StationCounters;
  status: SyncStatus | null;
  errors: string[];
  orderTimer: ReturnType<typeof setTimeout> | null;
}

const setup = workerData as WorkerSetup;
// On Linux a worker thread's priority is its own: this lowers the station threads only, not
// the CouchDB nodes this process started (or restarts in the cluster run).
if (setup.nice) setPriority(0, setup.nice);
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);
const calendar = new WorkdayCalendar();
const storage = getRxStorageMemory() as RxStorage<unknown, unknown>;
const running: Running[] = [];
let writing = false;

/** The engine's fetch, counted: every request, and those that failed (each one is retried). */
function failed(counters: StationCounters, kind: string): void {
  counters.failedRequests++;
  counters.failureKinds[kind] = (counters.failureKinds[kind] ?? 0) + 1;
}

/** A network error's code (ECONNRESET, UND_ERR_SOCKET …), or its name (AbortError: the engine's timeout or a stop). */
function failureKind(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.name : 'unknown');
}

/** `POST _bulk_docs`, `GET _changes`, `PUT doc`: which request failed, without its ids. */
function requestKind(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): string {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  return `${method} ${last.startsWith('_') ? last : url.pathname.split('/').filter(Boolean).length > 1 ? 'doc' : 'database'}`;
}

function countingFetch(counters: StationCounters): typeof fetch {
  return async (input, init) => {
    counters.requests++;
    try {
      const response = await fetch(input, init);
      if (response.status >= 500) failed(counters, `HTTP ${response.status} ${requestKind(input, init)}`);
      return response;
    } catch (error) {
      failed(counters, failureKind(error));
      throw error;
    }
  };
}

/** The local database, opened before the clock starts (the app opens it at launch, before login). */
async function openStation(spec: StationSpec): Promise<{ spec: StationSpec; db: StationDb }> {
  return { spec, db: (await openDatabase({ name: `bench-${spec.code}-${Date.now().toString(36)}`, storage, collections: STATION_COLLECTIONS })) as StationDb };
}

async function startStation({ spec, db }: { spec: StationSpec; db: StationDb }): Promise<void> {
  const counters: StationCounters = { requests: 0, failedRequests: 0, outages: 0, failureKinds: {} };
  const actor = { unit: spec.code, name: spec.username };
  const started = performance.now();
  const sync = await startStationSync({
    db,
    serverUrl: setup.serverUrl,
    dbName: spec.dbName,
    credentials: { username: spec.username, password: spec.password },
    policies: stationConflictPolicies(spec.code, db.events),
    recordConflicts: stationConflictRecorder(db.events, actor),
    fetch: countingFetch(counters),
    // The app's backoff, shortened so a stopped node's minute is not lost to one long wait.
    retry: { minMs: 500, maxMs: 5_000 },
  });
  const station: Running = { spec, db, sync, counters, status: null, errors: [], orderTimer: null, heartbeat: null as unknown as Heartbeat };
  sync.status$.subscribe((status) => {
    if (station.status?.connection === 'online' && status.connection !== 'online') counters.outages++;
    station.status = status;
  });
  station.heartbeat = startHeartbeat({
    collection: db.stationStatus,
    stationCode: spec.code,
    workstation: 'bench',
    person: spec.username,
    appVersion: 'bench',
    status$: sync.status$,
    intervalMs: setup.heartbeatMs,
    minGapMs: Math.min(30_000, setup.heartbeatMs / 4),
  });
  running.push(station);
  await sync.awaitInitialSync();
  send({ type: 'initial', code: spec.code, ms: performance.now() - started, docs: sync.status.initial.total });
}

function scheduleOrder(station: Running): void {
  // Exponential gaps: orders arrive as a Poisson process at the station's rate.
  const wait = -Math.log(1 - Math.random()) * setup.orderMs;
  station.orderTimer = setTimeout(() => {
    if (!writing) return;
    void writeOrder(station).finally(() => writing && scheduleOrder(station));
  }, wait);
}

async function writeOrder(station: Running): Promise<void> {
  try {
    const ticket = await createTicket(
      station.db,
      { source: 'patrol', gridCode: station.spec.gridCode, address: '压测地址', description: '压测：巡查发现路灯损坏', reporterName: '网格员', reporterPhone: '', priority: 'normal', photoIds: [] },
      { unit: station.spec.code, name: station.spec.username },
      { calendar },
    );
    send({ type: 'wrote', code: station.spec.code, ids: [ticket.id, ...(ticket.eventIds ?? [])], at: Date.now() });
  } catch (error) {
    station.errors.push(`order: ${String(error).slice(0, 300)}`);
    send({ type: 'error', code: station.spec.code, message: String(error).slice(0, 300) });
  }
}

async function dump(station: Running): Promise<StationDump> {
  const docs: AnyDoc[] = [];
  for (const name of ['tickets', 'events', 'stationStatus'] as const) {
    for (const doc of await station.db[name].find().exec()) docs.push(doc.toMutableJSON() as unknown as AnyDoc);
  }
  const quarantine = (await station.db.quarantine.find().exec()).map((q) => q.toMutableJSON() as QuarantineDoc);
  return { code: station.spec.code, docs, quarantine, status: station.status, errors: station.errors };
}

port.on('message', (message: ToWorker) => {
  void (async () => {
    switch (message.type) {
      case 'go':
        for (const opened of await ready) {
          startStation(opened).catch((error: unknown) => send({ type: 'error', code: opened.spec.code, message: `start: ${String(error).slice(0, 300)}` }));
        }
        break;
      case 'steady':
        writing = true;
        for (const station of running) scheduleOrder(station);
        break;
      case 'quiet':
        writing = false;
        for (const station of running) if (station.orderTimer) clearTimeout(station.orderTimer);
        for (const station of running) station.heartbeat.stop();
        await Promise.all(running.map((s) => s.sync.awaitInSync()));
        send({ type: 'counters', counters: Object.fromEntries(running.map((s) => [s.spec.code, s.counters])) });
        break;
      case 'dump':
        send({ type: 'dumped', stations: await Promise.all(running.map(dump)) });
        break;
      case 'stop':
        writing = false;
        for (const station of running) {
          if (station.orderTimer) clearTimeout(station.orderTimer);
          station.heartbeat.stop();
          await station.sync.stop();
          await station.db.close();
        }
        send({ type: 'stopped' });
        break;
    }
  })().catch((error: unknown) => send({ type: 'error', code: '*', message: String(error) }));
});

const ready = Promise.all(setup.stations.map(openStation));
ready.then(() => send({ type: 'ready' })).catch((error: unknown) => send({ type: 'error', code: '*', message: `open: ${String(error)}` }));
