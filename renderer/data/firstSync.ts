/**
 * While the station's first sync (or the catch-up after a restart) is still bringing the
 * server's data down, an empty list or a 0 means "not here yet", not "none": screens ask here
 * before they say 暂无数据.
 */
import type { InitialProgress } from '../../sync/initialProgress';
import { useSyncStatus } from './session';

/**
 * The running initial sync's progress, or null: done, no sync (demo), or not running now
 * (offline, login refused: then the list's own 等待同步 is the truth).
 */
export function useFirstSync(): InitialProgress | null {
  const status = useSyncStatus();
  const running = status && !status.initial.complete && !status.authError && (status.connection === 'online' || status.connection === 'connecting');
  return running ? status.initial : null;
}
