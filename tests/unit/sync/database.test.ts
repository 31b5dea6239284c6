import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../sync/database';

describe('the station database', () => {
  it('opens every collection and keeps a ticket', async () => {
    const db = await openDatabase({ name: `t-${Date.now()}` });
    try {
      expect(Object.keys(db.collections).sort()).toEqual(
        ['cases', 'catalog', 'components', 'departments', 'events', 'grids', 'photos', 'quarantine', 'settings', 'staff', 'stationStatus', 'tickets'],
      );
      const now = new Date().toISOString();
      await db.tickets.insert({
        id: 'ticket:T1', type: 'ticket', scope: ['320506', '320506101', '320506101002'], createdAt: now, updatedAt: now, updatedBy: 'u',
        number: 'T1', source: 'patrol', gridCode: '320506101002001', description: '井盖破损', priority: 'normal', photoIds: [],
        state: 'pendingFiling', holderCode: '320506101002', deadline: '', reportedAt: now, lastEventAt: now, ownerCode: '320506101002',
      });
      const found = await db.tickets.findOne('ticket:T1').exec();
      expect(found?.description).toBe('井盖破损');
      await expect(db.tickets.insert({ id: 'ticket:T2' } as never)).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
});
