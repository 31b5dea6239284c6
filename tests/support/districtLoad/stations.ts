/** The orchestrator's side of the station workers: start them, tell them, hear them. */
import { Worker } from 'node:worker_threads';
import type { FromWorker, StationCounters, StationDump, StationSpec, ToWorker, WorkerSetup } from './protocol';
import { STATIONS_PER_WORKER } from './protocol';

export interface StationFleet {
  workers: number;
  /** station code → initial sync ms, as they complete. */
  initial: Map<string, number>;
  /** station code → ids it wrote and when. */
  writes: { code: string; ids: string[]; at: number }[];
  errors: { code: string; message: string }[];
  /** Starts every station's sync at once (their databases are open); the initial sync is timed from here. */
  go(): void;
  awaitInitial(timeoutMs: number): Promise<void>;
  tell(message: ToWorker): void;
  /** Stops writing, waits until each station has nothing to upload, returns the request counters. */
  quiet(): Promise<Record<string, StationCounters>>;
  dump(): Promise<StationDump[]>;
  stop(): Promise<void>;
}

const ENTRY = new URL('./stationWorker.mjs', import.meta.url);

/** The workers, each with its stations' local databases open, waiting for `go`. */
export async function startFleet(serverUrl: string, stations: StationSpec[], rates: Pick<WorkerSetup, 'heartbeatMs' | 'orderMs' | 'nice'>): Promise<StationFleet> {
  const initial = new Map<string, number>();
  const writes: StationFleet['writes'] = [];
  const errors: StationFleet['errors'] = [];
  const listeners = new Set<(message: FromWorker) => void>();
  const workers: Worker[] = [];
  for (let i = 0; i < stations.length; i += STATIONS_PER_WORKER) {
    const setup: WorkerSetup = { serverUrl, stations: stations.slice(i, i + STATIONS_PER_WORKER), ...rates };
    const worker = new Worker(ENTRY, { workerData: setup });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'initial') initial.set(message.code, message.ms);
      if (message.type === 'wrote') writes.push({ code: message.code, ids: message.ids, at: message.at });
      if (message.type === 'error') errors.push({ code: message.code, message: message.message });
      for (const listener of listeners) listener(message);
    });
    worker.on('error', (error) => errors.push({ code: `worker ${workers.indexOf(worker)}`, message: String(error) }));
    workers.push(worker);
  }
  /** One answer of type `type` from every worker. */
  const fromAll = <T extends FromWorker['type']>(type: T, ask: ToWorker, timeoutMs = 300_000) =>
    new Promise<Extract<FromWorker, { type: T }>[]>((resolve, reject) => {
      const answers: Extract<FromWorker, { type: T }>[] = [];
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`${answers.length} of ${workers.length} workers answered ${ask.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: FromWorker) => {
        if (message.type !== type) return;
        answers.push(message as Extract<FromWorker, { type: T }>);
        if (answers.length === workers.length) {
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(answers);
        }
      };
      listeners.add(listener);
      for (const worker of workers) worker.postMessage(ask);
    });
  let readyCount = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${readyCount} of ${workers.length} station workers ready after 300 s: ${errors.map((e) => e.message).join('; ')}`)), 300_000);
    const listener = (message: FromWorker) => {
      if (message.type === 'ready' && ++readyCount === workers.length) {
        clearTimeout(timer);
        listeners.delete(listener);
        resolve();
      }
    };
    listeners.add(listener);
  });
  return {
    workers: workers.length,
    go() {
      for (const worker of workers) worker.postMessage({ type: 'go' } satisfies ToWorker);
    },
    initial,
    writes,
    errors,
    async awaitInitial(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (initial.size < stations.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    },
    tell(message) {
      for (const worker of workers) worker.postMessage(message);
    },
    async quiet() {
      const answers = await fromAll('counters', { type: 'quiet' });
      return Object.assign({}, ...answers.map((a) => a.counters)) as Record<string, StationCounters>;
    },
    async dump() {
      return (await fromAll('dumped', { type: 'dump' })).flatMap((a) => a.stations);
    },
    async stop() {
      await fromAll('stopped', { type: 'stop' }, 60_000).catch(() => undefined);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
