import { describe, expect, it } from 'vitest';
import { INITIAL_STATUS } from '../../../../sync/status';
import type { SyncStatus } from '../../../../sync';
import { isLive } from '../../../../renderer/data/lastSync';

const caughtUp: SyncStatus = { ...INITIAL_STATUS, connection: 'online', online: true, lastSyncAt: '2026-01-05T09:00:00.000Z', initial: { done: 10, total: 10, complete: true } };

describe('the last sync, as the header says it', () => {
  it('a connected, caught-up station with nothing to upload is live, however long the feed has been quiet', () => {
    expect(isLive(caughtUp)).toBe(true);
  });

  it('is not live while offline, before the first sync is done, with uploads waiting or a refused login', () => {
    expect(isLive({ ...caughtUp, connection: 'offline', online: false })).toBe(false);
    expect(isLive({ ...caughtUp, initial: { done: 3, total: 10, complete: false } })).toBe(false);
    expect(isLive({ ...caughtUp, pendingTotal: 2, pendingUploads: { ticket: 2 } })).toBe(false);
    expect(isLive({ ...caughtUp, authError: { status: 401, kind: 'wrongPassword', reason: 'x', message: 'x' } })).toBe(false);
  });
});
