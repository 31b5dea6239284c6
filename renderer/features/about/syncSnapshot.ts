/**
 * The sync status as it goes into a diagnostics bundle: counts, times, the kind of a refused
 * login and the engine's last error. Never a refused item (its reason may quote the document)
 * nor anything else the status carries for the screens.
 */
import type { SyncStatus } from '../../../sync';
import type { SyncSnapshot } from '../../platform';

export function syncSnapshot(status: SyncStatus): SyncSnapshot {
  const pendingByType: Record<string, number> = {};
  for (const [type, count] of Object.entries(status.pendingUploads)) {
    if (typeof count === 'number' && count > 0) pendingByType[type] = count;
  }
  return {
    connection: status.connection,
    lastSyncAt: status.lastSyncAt,
    pendingTotal: status.pendingTotal,
    pendingByType,
    rejectedCount: status.rejected.count,
    conflicts: status.conflicts,
    initial: { done: status.initial.done, total: status.initial.total, complete: status.initial.complete },
    authError: status.authError?.kind ?? null,
    lastError: status.lastError === null ? null : status.lastError.slice(0, 2000),
  };
}
