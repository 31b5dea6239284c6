/**
 * When this workstation last heard from the district server, kept across reloads and restarts:
 * the sync engine's status starts empty each session, and "尚未同步" after a reload would tell
 * an offline clerk their data was never synced. Not a secret: a time per station code.
 */
import type { StationSync, SyncStatus } from '../../sync';

const keyOf = (stationCode: string) => `gridlink.lastSyncAt.${stationCode}`;

export function recallLastSync(stationCode: string): string | null {
  try {
    return window.localStorage.getItem(keyOf(stationCode));
  } catch {
    return null;
  }
}

/** Writes the time at most every few seconds (the status changes many times a second while syncing). */
export function rememberLastSync(sync: StationSync, stationCode: string, everyMs = 5_000): () => void {
  let written = 0;
  const subscription = sync.status$.subscribe((status) => {
    if (!status.lastSyncAt || Date.now() - written < everyMs) return;
    written = Date.now();
    try {
      window.localStorage.setItem(keyOf(stationCode), status.lastSyncAt);
    } catch {
      // Storage full or refused: the time is a comfort, not data.
    }
  });
  return () => subscription.unsubscribe();
}

/**
 * Live: connected, caught up and nothing waiting to go up. The server's last answer may then be
 * minutes old (a quiet feed answers only when something changes), yet the station is as fresh
 * as the server: "2 分钟前同步" would read as stalled.
 */
export function isLive(status: SyncStatus): boolean {
  return status.connection === 'online' && !status.authError && status.initial.complete && status.pendingTotal === 0;
}
