import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../../district/demo/generate';
import { syncSnapshotSchema } from '../../../../../ipc/contract';
import { syncSnapshot } from '../../../../../renderer/features/about/syncSnapshot';
import { INITIAL_STATUS, type SyncStatus } from '../../../../../sync/status';

const demo = generateDemoDistrict({ seed: 3 });
const party = demo.docs.mediationCases.flatMap((c) => c.parties).find((p) => p.kind === 'person' && p.phone)!;

describe('the sync status in a diagnostics bundle', () => {
  it('keeps counts and times, and leaves out refused records and their reasons', () => {
    const status: SyncStatus = {
      ...INITIAL_STATUS,
      connection: 'online',
      online: true,
      lastSyncAt: '2025-03-14T01:30:00.000Z',
      pendingUploads: { ticket: 2, mediationCase: 0 },
      pendingTotal: 2,
      rejected: { count: 1, items: [{ id: 'q1', docId: 'mediationCase:1', kind: 'invalidPull', reason: `phone ${party.phone} of ${party.name} is invalid`, at: '2025-03-14T01:00:00Z' }] },
      initial: { done: 10, total: 10, complete: true },
    };
    const snapshot = syncSnapshot(status);
    // What main accepts: the contract is strict, so this is also what lands in the zip.
    expect(syncSnapshotSchema.parse(snapshot)).toEqual({
      connection: 'online',
      lastSyncAt: '2025-03-14T01:30:00.000Z',
      pendingTotal: 2,
      pendingByType: { ticket: 2 },
      rejectedCount: 1,
      conflicts: 0,
      initial: { done: 10, total: 10, complete: true },
      authError: null,
      lastError: null,
    });
    expect(JSON.stringify(snapshot)).not.toContain(party.phone!);
    expect(JSON.stringify(snapshot)).not.toContain(party.name);
  });
});
