/**
 * The sync window (core/syncWindow.ts) against a real server: a desk pulls every open order and
 * what was settled or done within the window, and nothing older; an old settled order and its
 * steps come down when asked for (`fetchFromServer`), and a desk that had synced before keeps
 * syncing live. On the embedded server and on Apache CouchDB (`_changes?filter=_selector`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketEventIdPrefix } from '../../../core/conflicts/policies';
import { toCouchDoc } from '../../../core/couchDoc';
import type { AnyDoc, EventDoc, TicketDoc } from '../../../core/schema';
import { outsideSyncWindow, syncWindowSelector } from '../../../core/syncWindow';
import { startStationSync } from '../../../sync';
import type { GridlinkDatabase } from '../../../sync/database';
import { bulkWrite, startTestCouch, type TestCouch } from '../../support/couchServer';
import { openClient, seedStation, type SeededStation } from './stationFixture';

let couch: TestCouch;
let station: SeededStation;
let start: string;
beforeAll(async () => {
  couch = await startTestCouch();
  station = await seedStation(couch, { district: { towns: 1, villagesPerTown: 1, ticketsPerVillage: 80, casesPerVillage: 3, componentsPerVillage: 10, staffPerVillage: 3 } });
  // A window that starts in the middle of the demo's orders: some settled orders and steps
  // before it, some after.
  const times = station.docs.filter((doc): doc is TicketDoc => doc.type === 'ticket').map((doc) => doc.updatedAt).sort();
  start = times[Math.floor(times.length / 2)]!;
});
afterAll(async () => {
  await couch?.stop();
});

const tickets = () => station.docs.filter((doc): doc is TicketDoc => doc.type === 'ticket');
const localIds = async (db: GridlinkDatabase) => {
  const ids: string[] = [];
  for (const name of ['tickets', 'events', 'grids', 'staff', 'components', 'cases'] as const) {
    for (const doc of await db[name].find().exec()) ids.push(doc.id);
  }
  return new Set(ids);
};

describe('the sync window', () => {
  it('pulls open orders, and what was settled or done inside the window, and leaves the rest on the server', async () => {
    const left = station.docs.filter((doc) => outsideSyncWindow(doc, start));
    const oldSettled = left.filter((doc): doc is TicketDoc => doc.type === 'ticket');
    const oldOpen = tickets().filter((doc) => doc.updatedAt < start && !outsideSyncWindow(doc, start));
    // The fixture has each case the rule tells apart.
    expect(oldSettled.length).toBeGreaterThan(0);
    expect(left.some((doc) => doc.type === 'ticketEvent')).toBe(true);
    expect(oldOpen.length).toBeGreaterThan(0);

    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, live: false, batchSize: 40, pullSelector: async () => syncWindowSelector(start) });
    try {
      await sync.awaitInitialSync();
      const ids = await localIds(db);
      const wanted = station.docs.filter((doc) => ['ticket', 'ticketEvent', 'grid', 'staff', 'component', 'mediationCase', 'caseEvent'].includes(doc.type) && !outsideSyncWindow(doc, start));
      // caseEvents share the events collection; every wanted doc is here and nothing else.
      expect([...ids].sort()).toEqual(wanted.map((doc) => doc.id).sort());
      for (const doc of oldOpen) expect(ids.has(doc.id)).toBe(true);

      // Someone opens an old settled order: it comes down with its steps, stored like the feed's.
      const order = oldSettled[0]!;
      const steps = station.docs.filter((doc): doc is EventDoc => doc.type === 'ticketEvent' && doc.subjectId === order.id);
      expect(await sync.fetchFromServer({ ids: [order.id], idPrefix: ticketEventIdPrefix(order.id) })).toBe(1 + steps.length);
      const stored = await db.tickets.findOne(order.id).exec();
      expect(stored?.state).toBe(order.state);
      const storedSteps = await db.events.find({ selector: { subjectId: order.id } }).exec();
      expect(storedSteps.map((e) => e.id).sort()).toEqual(steps.map((e) => e.id).sort());
      // An id the server does not have is no error: nothing is stored.
      expect(await sync.fetchFromServer({ ids: ['ticket:GD000000000000NOPE0000'] })).toBe(0);
    } finally {
      await sync.stop();
    }
  });

  it('follows the server live with the window: a new step comes down, an old one written late does not', async () => {
    const db = (await openClient(['tickets', 'events'])) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, pullSelector: async () => syncWindowSelector(start) });
    try {
      await sync.awaitInitialSync();
      const order = tickets().find((doc) => !outsideSyncWindow(doc, start))!;
      const template = station.docs.find((doc): doc is EventDoc => doc.type === 'ticketEvent' && doc.subjectId === order.id)!;
      const fresh = { ...template, id: `${ticketEventIdPrefix(order.id)}live-new`, at: new Date().toISOString() } as AnyDoc;
      const stale = { ...template, id: `${ticketEventIdPrefix(order.id)}live-old`, at: new Date(Date.parse(start) - 86_400_000).toISOString() } as AnyDoc;
      await bulkWrite(couch, station.dbName, [toCouchDoc(stale), toCouchDoc(fresh)]);
      await expect.poll(async () => (await db.events.findOne(fresh.id).exec()) !== null, { timeout: 20_000 }).toBe(true);
      await sync.awaitInSync();
      expect(await db.events.findOne(stale.id).exec()).toBeNull();
    } finally {
      await sync.stop();
    }
  });
});
