/**
 * The workstation's heartbeat: its stationStatus doc, written to the local database and synced
 * up like any other doc, so `district status` sees every workstation's version, who is signed
 * in, its last sync, what waits to be uploaded or was refused, and its last error.
 *
 * Written when something district IT would act on changes (online, pending, refused,
 * conflicts, last error), at most once per `minGapMs`, and at least every `intervalMs` so the
 * last sync time stays current while nothing else happens. The status changes many times a
 * second while syncing; 1,600 workstations writing on each change would load the district.
 */
import type { RxCollection } from 'rxdb';
import { Subscription, type Observable } from 'rxjs';
import { scopeOfUnit } from '../../core/org';
import type { StationStatusDoc } from '../../core/schema';
import type { SyncStatus } from '../../sync';

export interface HeartbeatOptions {
  collection: RxCollection<StationStatusDoc>;
  stationCode: string;
  workstation: string;
  person: string;
  appVersion: string;
  updateChannel?: 'stable' | 'beta';
  workstationName?: string;
  status$: Observable<SyncStatus>;
  /** Bytes the local database may still grow by, when the host can tell. */
  freeDisk?: () => Promise<number | null>;
  /** The server's clock minus this machine's (ms), when the host can tell. */
  clockOffset?: () => Promise<number | null>;
  intervalMs?: number;
  minGapMs?: number;
}

export interface Heartbeat {
  /** Writes now (tests, and the last beat before the app closes). */
  beat(): Promise<void>;
  stop(): void;
}

export const HEARTBEAT_INTERVAL_MS = 5 * 60_000;
export const HEARTBEAT_MIN_GAP_MS = 30_000;

/** The doc id: one per workstation, under the unit it reports for (the write rules check it). */
export function heartbeatId(stationCode: string, workstation: string): string {
  return `stationStatus:${stationCode}.${workstation}`;
}

/** Uploads other than the heartbeat's own: writing it must not count as a change to report. */
function pendingOf(status: SyncStatus): number {
  return status.pendingTotal - (status.pendingUploads.stationStatus ?? 0);
}

/**
 * What, when it changes, is worth a write before the next interval. "Has it synced at all"
 * is: a first report written while connecting carries no last sync, and would read as stale
 * at the district until the next interval.
 */
function materialOf(status: SyncStatus): string {
  return JSON.stringify([status.online, status.lastSyncAt !== null, pendingOf(status), status.rejected.count, status.conflicts, status.lastError]);
}

export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  const minGapMs = options.minGapMs ?? HEARTBEAT_MIN_GAP_MS;
  const id = heartbeatId(options.stationCode, options.workstation);
  let latest: SyncStatus | null = null;
  let reported: string | null = null;
  let lastWrite = 0;
  let pendingTimer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;

  // The clock is asked once per interval, not on every write: a write follows each change of
  // the sync status (at most every minGapMs), and a clock drifts by seconds a day, not a minute.
  let offsetAnswer: { at: number; value: number | null } | null = null;
  const clockOffset = async (): Promise<number | null> => {
    if (!options.clockOffset) return null;
    if (offsetAnswer && Date.now() - offsetAnswer.at < intervalMs) return offsetAnswer.value;
    const value = await options.clockOffset().catch(() => null);
    // A failed answer (offline) is asked again at the next write.
    offsetAnswer = value === null ? null : { at: Date.now(), value };
    return value;
  };

  const write = async (): Promise<void> => {
    const status = latest;
    if (status === null || stopped) return;
    const now = new Date().toISOString();
    const existing = await options.collection.findOne(id).exec();
    const free = options.freeDisk ? await options.freeDisk().catch(() => null) : null;
    const offset = await clockOffset();
    const body = {
      type: 'stationStatus' as const,
      scope: scopeOfUnit(options.stationCode),
      updatedAt: now,
      updatedBy: options.person,
      stationCode: options.stationCode,
      workstation: options.workstation,
      person: options.person,
      appVersion: options.appVersion,
      online: status.online,
      pendingUploads: pendingOf(status),
      rejectedDocs: status.rejected.count,
      conflicts: status.conflicts,
      ...(status.lastSyncAt ? { lastSyncAt: status.lastSyncAt } : {}),
      ...(status.lastError ? { lastError: status.lastError.slice(0, 200) } : {}),
      ...(options.updateChannel ? { updateChannel: options.updateChannel } : {}),
      ...(options.workstationName ? { workstationName: options.workstationName.slice(0, 200) } : {}),
      ...(free !== null && Number.isFinite(free) ? { freeDiskBytes: Math.max(0, Math.floor(free)) } : {}),
      ...(offset !== null && Number.isFinite(offset) ? { clockOffsetMs: Math.round(offset) } : {}),
    };
    // Replaced whole, not patched: a field that no longer applies (an error cleared) goes away.
    if (existing) await existing.incrementalModify(() => ({ ...body, id, createdAt: existing.createdAt }) as StationStatusDoc);
    else await options.collection.insert({ ...body, id, createdAt: now } as StationStatusDoc);
    reported = materialOf(status);
    lastWrite = Date.now();
  };

  // One write at a time, in order; a failed write (storage closing) waits for the next beat.
  const enqueue = (): Promise<void> => (writing = writing.then(write).catch(() => undefined));

  const schedule = (): void => {
    if (pendingTimer !== null || stopped) return;
    const wait = Math.max(0, lastWrite + minGapMs - Date.now());
    pendingTimer = setTimeout(() => {
      pendingTimer = null;
      void enqueue();
    }, wait);
  };

  const interval = setInterval(() => void enqueue(), intervalMs);
  // Made first: a status that has already completed calls stop() during subscribe.
  const subscription = new Subscription();
  const stop = (): void => {
    stopped = true;
    subscription.unsubscribe();
    clearInterval(interval);
    if (pendingTimer !== null) clearTimeout(pendingTimer);
  };
  // The heartbeat ends with the sync whose status it reports (its status$ completes on stop).
  subscription.add(options.status$.subscribe({
    next(status) {
      const first = latest === null;
      latest = status;
      if (first || materialOf(status) !== reported) schedule();
    },
    complete: stop,
  }));

  return { beat: enqueue, stop };
}
