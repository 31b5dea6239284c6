/**
 * Each conflict policy, end to end: the station edits while cut off from the server, the server
 * copy is changed meanwhile (as another unit would), and the station comes back online.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync, type StationSync } from '../../../sync';
import { stationConflictPolicies } from '../../../core/conflicts/policies';
import type { GridlinkDatabase } from '../../../sync/database';
import { docId, type EventDoc, type MediationCaseDoc, type StaffDoc, type TicketDoc } from '../../../core/schema';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { startTcpProxy, type TcpProxy } from '../../support/tcpProxy';
import { eventually, openClient, reopenClient, seedStation, serverDocs, type SeededStation } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

interface Offline {
  station: SeededStation;
  db: GridlinkDatabase;
  sync: StationSync;
  proxy: TcpProxy;
  /** Server-side edit of a doc, as another unit's write replicated to this database would be. */
  serverEdit<T extends { id: string }>(id: string, change: (doc: T) => T): Promise<void>;
  serverCreate(doc: { id: string } & Record<string, unknown>): Promise<void>;
  done(): Promise<void>;
}

async function stationOffline(): Promise<Offline> {
  const station = await seedStation(couch);
  const proxy = await startTcpProxy(couch.url);
  const db = (await openClient()) as unknown as GridlinkDatabase;
  const sync = await startStationSync({ db, serverUrl: proxy.url, dbName: station.dbName, credentials: station.user, policies: stationConflictPolicies(station.stationCode, db.collections.events), retry: { minMs: 100, maxMs: 500 } });
  await sync.awaitInitialSync();
  await proxy.cut();
  const path = (id: string) => `/${station.dbName}/${encodeURIComponent(id)}`;
  return {
    station, db, sync, proxy,
    async serverEdit(id, change) {
      const { _id, _rev, ...rest } = await (await couch.adminFetch(path(id))).json();
      const next = change({ id: _id, ...rest });
      const { id: _i, ...body } = next;
      const put = await couch.adminFetch(path(id), { method: 'PUT', body: JSON.stringify({ _id, _rev, ...body }) });
      expect(put.ok).toBe(true);
    },
    async serverCreate(doc) {
      const { id, ...body } = doc;
      const put = await couch.adminFetch(path(id), { method: 'PUT', body: JSON.stringify({ _id: id, ...body }) });
      expect(put.ok).toBe(true);
    },
    async done() {
      await sync.stop();
      await db.close();
      await proxy.stop();
    },
  };
}

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('conflict policies', () => {
  it('mediation case: fields changed on one side merge; a field changed on both keeps the later value and records the other', async () => {
    const t = await stationOffline();
    try {
      const kase = t.station.docs.find((d): d is MediationCaseDoc => d.type === 'mediationCase')!;
      await (await t.db.cases.findOne(kase.id).exec())!.incrementalPatch({
        summary: '本机：双方同意再次调解', peopleInvolved: 9, updatedAt: later(1), updatedBy: 'station-clerk',
      });
      await t.serverEdit<MediationCaseDoc>(kase.id, (d) => ({ ...d, summary: '镇：已转司法所', amountInvolved: 12345, updatedAt: later(2), updatedBy: 'town-mediator' }));
      await t.proxy.restore();
      await eventually(async () => (await serverDocs(couch, t.station.dbName)).get(kase.id)?.peopleInvolved === 9, 20_000);
      const server = (await serverDocs(couch, t.station.dbName)).get(kase.id)!;
      expect(server).toMatchObject({ summary: '镇：已转司法所', amountInvolved: 12345, peopleInvolved: 9, updatedBy: 'town-mediator' });
      const local = (await t.db.cases.findOne(kase.id).exec())!.toJSON();
      expect(local).toMatchObject({ summary: '镇：已转司法所', amountInvolved: 12345, peopleInvolved: 9 });
      const records = await t.db.quarantine.find({ selector: { kind: 'conflict', docId: kase.id } }).exec();
      expect(records.map((r) => [r.field, r.losingValue])).toEqual([['summary', '本机：双方同意再次调解']]);
      expect(records[0].reason).toContain('summary');
      await eventually(() => t.sync.status.conflicts === 1);
    } finally {
      await t.done();
    }
  });

  it('mediation case edited offline, app restarted before it syncs: the edit keeps its base and merges the same way', async () => {
    const t = await stationOffline();
    let reopened: { db: GridlinkDatabase; sync: StationSync } | null = null;
    try {
      const kase = t.station.docs.find((d): d is MediationCaseDoc => d.type === 'mediationCase')!;
      await (await t.db.cases.findOne(kase.id).exec())!.incrementalPatch({ summary: '本机：重启前的修改', peopleInvolved: 11, updatedAt: later(1), updatedBy: 'station-clerk' });
      // The app is closed with the edit not uploaded; the town edits the case meanwhile.
      const name = t.db.name;
      await t.sync.stop();
      await t.db.close();
      await t.serverEdit<MediationCaseDoc>(kase.id, (d) => ({ ...d, summary: '镇：重启期间的修改', amountInvolved: 777, updatedAt: later(2), updatedBy: 'town-mediator' }));
      await t.proxy.restore();
      const db = (await reopenClient(name)) as unknown as GridlinkDatabase;
      const sync = await startStationSync({ db, serverUrl: t.proxy.url, dbName: t.station.dbName, credentials: t.station.user, policies: stationConflictPolicies(t.station.stationCode, db.collections.events), retry: { minMs: 100, maxMs: 500 } });
      reopened = { db, sync };
      await eventually(async () => (await serverDocs(couch, t.station.dbName)).get(kase.id)?.peopleInvolved === 11, 20_000);
      // One-sided changes merge (so the base survived the restart); only `summary` clashed.
      expect((await serverDocs(couch, t.station.dbName)).get(kase.id)).toMatchObject({ summary: '镇：重启期间的修改', amountInvolved: 777, peopleInvolved: 11 });
      await eventually(async () => (await db.cases.findOne(kase.id).exec())!.amountInvolved === 777);
      const records = await db.quarantine.find({ selector: { kind: 'conflict', docId: kase.id } }).exec();
      expect(records.map((r) => [r.field, r.losingValue])).toEqual([['summary', '本机：重启前的修改']]);
    } finally {
      await reopened?.sync.stop();
      await reopened?.db.close();
      await t.proxy.stop();
    }
  });

  it('work order: rebuilt from the union of both sides’ events, so no step is lost', async () => {
    const t = await stationOffline();
    try {
      // Only the holder reports back: an order this station holds.
      const ticket = t.station.docs.find((d): d is TicketDoc => d.type === 'ticket' && d.state === 'handling' && d.holderCode === t.station.stationCode)!;
      expect(ticket).toBeDefined();
      const stamp = { scope: ticket.scope, createdAt: later(1), updatedAt: later(1) };
      // the station reports back (feedback) while offline
      const feedback: EventDoc = {
        id: docId('ticketEvent', `${ticket.number}-local`), type: 'ticketEvent', ...stamp, updatedBy: 'worker', subjectId: ticket.id,
        action: 'feedback', at: later(1), by: 'worker', byUnit: t.station.stationCode, note: '已处置完毕', photoIds: ['photo:' + 'a'.repeat(64)],
      };
      await t.db.events.insert(feedback);
      await (await t.db.tickets.findOne(ticket.id).exec())!.incrementalPatch({
        state: 'pendingVerification', lastEventAt: feedback.at, photoIds: feedback.photoIds!, updatedAt: later(1), updatedBy: 'worker',
      });
      // meanwhile the town supervises the same order
      const supervise: EventDoc = {
        id: docId('ticketEvent', `${ticket.number}-town`), type: 'ticketEvent', ...stamp, createdAt: later(0.5), updatedAt: later(0.5), updatedBy: 'town',
        subjectId: ticket.id, action: 'supervise', at: later(0.5), by: 'town', byUnit: ticket.scope[1], note: '请加快处置',
      };
      await t.serverCreate(supervise);
      // the town's copy of the ticket does not say "supervised": only its event does
      await t.serverEdit<TicketDoc>(ticket.id, (d) => ({ ...d, lastEventAt: supervise.at, updatedAt: later(0.5), updatedBy: 'town' }));
      await t.proxy.restore();
      await eventually(async () => (await serverDocs(couch, t.station.dbName)).get(ticket.id)?.state === 'pendingVerification', 20_000);
      const server = (await serverDocs(couch, t.station.dbName)).get(ticket.id)!;
      expect(server).toMatchObject({ state: 'pendingVerification', supervised: true, lastEventAt: feedback.at, photoIds: expect.arrayContaining(feedback.photoIds!) });
      expect((await serverDocs(couch, t.station.dbName)).has(feedback.id)).toBe(true);
      await eventually(async () => (await t.db.events.findOne(supervise.id).exec()) !== null);
      expect((await t.db.tickets.findOne(ticket.id).exec())!.supervised).toBe(true);
    } finally {
      await t.done();
    }
  });

  it('reference data: the server wins, and the overridden local value stays visible', async () => {
    const t = await stationOffline();
    try {
      const person = t.station.docs.find((d): d is StaffDoc => d.type === 'staff')!;
      await (await t.db.staff.findOne(person.id).exec())!.incrementalPatch({ phone: '13900000001', updatedAt: later(2), updatedBy: 'station-clerk' });
      await t.serverEdit<StaffDoc>(person.id, (d) => ({ ...d, phone: '13800000002', updatedAt: later(1), updatedBy: 'town-admin' }));
      await t.proxy.restore();
      await eventually(async () => (await t.db.quarantine.find({ selector: { kind: 'conflict', docId: person.id } }).exec()).length === 1, 20_000);
      await eventually(async () => (await t.db.staff.findOne(person.id).exec())!.phone === '13800000002');
      expect((await serverDocs(couch, t.station.dbName)).get(person.id)!.phone).toBe('13800000002');
      const [record] = await t.db.quarantine.find({ selector: { kind: 'conflict', docId: person.id } }).exec();
      expect([record.field, record.losingValue]).toEqual(['phone', '13900000001']);
    } finally {
      await t.done();
    }
  });

  it('events are create-only: a clashing event keeps the server’s, the local one is recorded', async () => {
    const t = await stationOffline();
    try {
      const ticket = t.station.docs.find((d): d is TicketDoc => d.type === 'ticket')!;
      const event: EventDoc = {
        id: docId('ticketEvent', `${ticket.number}-clash`), type: 'ticketEvent', scope: ticket.scope, createdAt: later(0), updatedAt: later(0),
        updatedBy: 'a', subjectId: ticket.id, action: 'supervise', at: later(0), by: 'a', byUnit: t.station.stationCode, note: '本机的记录',
      };
      await t.db.events.insert(event);
      await t.serverCreate({ ...event, note: '服务器上的记录' });
      await t.proxy.restore();
      await eventually(async () => (await t.db.quarantine.find({ selector: { kind: 'conflict', docId: event.id } }).exec()).length === 1, 20_000);
      expect((await serverDocs(couch, t.station.dbName)).get(event.id)!.note).toBe('服务器上的记录');
      await eventually(async () => (await t.db.events.findOne(event.id).exec())!.note === '服务器上的记录');
      const [record] = await t.db.quarantine.find({ selector: { kind: 'conflict', docId: event.id } }).exec();
      expect([record.field, record.losingValue]).toEqual(['note', '本机的记录']);
    } finally {
      await t.done();
    }
  });
});
