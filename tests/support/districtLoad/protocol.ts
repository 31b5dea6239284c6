/**
 * Messages between the district bench's orchestrator and its station workers (worker threads,
 * several station clients each: RxDB's open core allows 13 open collections per thread, and a
 * bench station opens 4).
 */
import type { AnyDoc, QuarantineDoc } from '../../../core/schema';
import type { SyncStatus } from '../../../sync';

/** The collections a bench station opens: its orders, their events, its heartbeat, its refusals. */
export const STATION_COLLECTIONS = ['tickets', 'events', 'stationStatus', 'quarantine'] as const;
/** RxDB open core: at most 13 open collections per JavaScript realm (rxdb NON_PREMIUM_COLLECTION_LIMIT). */
export const STATIONS_PER_WORKER = Math.floor(13 / STATION_COLLECTIONS.length);

export interface StationSpec {
  code: string;
  dbName: string;
  username: string;
  password: string;
  /** A grid of the village, where its new orders are recorded. */
  gridCode: string;
}

export interface WorkerSetup {
  serverUrl: string;
  stations: StationSpec[];
  /** Real ms between a station's heartbeats and between its new orders (time already compressed). */
  heartbeatMs: number;
  orderMs: number;
  /**
   * Niceness of the station threads (bench:district: 10). Stations run on their own PCs; here
   * they share the server's cores, and at equal priority they starved its replicator.
   */
  nice?: number;
}

export type ToWorker = { type: 'go' } | { type: 'steady' } | { type: 'quiet' } | { type: 'dump' } | { type: 'stop' };

export interface StationCounters {
  requests: number;
  /** Requests that failed (no answer, or a 5xx): each one the engine retries. */
  failedRequests: number;
  /** Times the connection left `online` (to offline or serverError). */
  outages: number;
  /** Failed requests by kind: the HTTP status, or the network error's code (what to fix first). */
  failureKinds: Record<string, number>;
}

export interface StationDump {
  code: string;
  docs: AnyDoc[];
  quarantine: QuarantineDoc[];
  status: SyncStatus | null;
  errors: string[];
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'initial'; code: string; ms: number; docs: number }
  | { type: 'wrote'; code: string; ids: string[]; at: number }
  | { type: 'error'; code: string; message: string }
  | { type: 'counters'; counters: Record<string, StationCounters> }
  | { type: 'dumped'; stations: StationDump[] }
  | { type: 'stopped' };
