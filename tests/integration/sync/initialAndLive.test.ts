import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync } from '../../../sync';
import type { GridlinkDatabase } from '../../../sync/database';
import { COLLECTION_OF_TYPE, typeOfId, type TicketDoc } from '../../../core/schema';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { eventually, openClient, seedStation, serverDocs } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

async function localDocs(db: GridlinkDatabase): Promise<Map<string, Record<string, unknown>>> {
  const docs = new Map<string, Record<string, unknown>>();
  for (const name of Object.keys(db.collections)) {
    if (name === 'quarantine') continue;
    const all = await db.collections[name as keyof typeof db.collections].find().exec();
    for (const doc of all) docs.set(doc.primary, doc.toJSON() as Record<string, unknown>);
  }
  return docs;
}

describe('a station syncing with its CouchDB database', () => {
  it('receives every doc of the station database, field for field, on first sync', async () => {
    const station = await seedStation(couch);
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, batchSize: 100, live: false });
    try {
      await sync.awaitInitialSync();
      const local = await localDocs(db);
      const server = await serverDocs(couch, station.dbName);
      expect(local.size).toBe(station.docs.length);
      expect(server.size).toBe(station.docs.length);
      for (const [id, doc] of server) expect(local.get(id), id).toEqual(doc);
      // routed by id prefix to the type's collection
      for (const id of local.keys()) expect(db.collections[COLLECTION_OF_TYPE[typeOfId(id)!]]).toBeDefined();
      expect(sync.status.initial.complete).toBe(true);
      expect(sync.status.initial.done).toBeGreaterThanOrEqual(station.docs.length);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('sends a local write to the server and brings a server write into the app, within seconds', async () => {
    const station = await seedStation(couch);
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user });
    try {
      await sync.awaitInitialSync();
      const ticket = station.docs.find((d): d is TicketDoc => d.type === 'ticket')!;
      // local → server
      const local = await db.tickets.findOne(ticket.id).exec();
      await local!.incrementalPatch({ description: '本机修改：井盖已更换', updatedAt: new Date().toISOString() });
      const started = Date.now();
      await eventually(async () => {
        const doc = await (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(ticket.id)}`)).json();
        return doc.description === '本机修改：井盖已更换';
      }, 5000);
      const upMs = Date.now() - started;
      // server → local
      const current = await (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(ticket.id)}`)).json();
      const serverWriteAt = Date.now();
      await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(ticket.id)}`, {
        method: 'PUT',
        body: JSON.stringify({ ...current, address: '服务器修改的地址', updatedAt: new Date().toISOString() }),
      });
      await eventually(async () => (await db.tickets.findOne(ticket.id).exec())?.address === '服务器修改的地址', 5000);
      const downMs = Date.now() - serverWriteAt;
      expect(upMs).toBeLessThan(5000);
      expect(downMs).toBeLessThan(5000);
      await eventually(() => sync.status.pendingTotal === 0 && sync.status.online, 5000);
      expect(sync.status.lastSyncAt).not.toBeNull();
    } finally {
      await sync.stop();
      await db.close();
    }
  });
});
