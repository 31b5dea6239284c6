import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync } from '../../../sync';
import type { GridlinkDatabase } from '../../../sync/database';
import { docId, type EventDoc, type TicketDoc } from '../../../core/schema';
import { bulkWrite, startTestCouch, type TestCouch } from '../../support/couchServer';
import { createUser, eventually, FAST_RETRY, openClient, seedStation, serverDocs, stationBehindProxy, stationDocs } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

describe('offline first', () => {
  it('keeps 500 writes made while the server is unreachable and delivers each exactly once when it is back', async () => {
    const client = await stationBehindProxy(couch);
    const { station, proxy, db, sync } = client;
    try {
      await sync.awaitInitialSync();
      await proxy.cut();
      await eventually(() => sync.status.connection === 'offline', 10_000);

      const tickets = station.docs.filter((d): d is TicketDoc => d.type === 'ticket');
      const cases = station.docs.filter((d) => d.type === 'mediationCase');
      const now = new Date().toISOString();
      const stamp = { createdAt: now, updatedAt: now, updatedBy: 'S-offline' };
      const events: EventDoc[] = [];
      for (let i = 0; i < 400; i++) {
        const ticket = i % 2 === 0;
        const subject = ticket ? tickets[i % tickets.length] : cases[i % cases.length];
        events.push({
          id: docId(ticket ? 'ticketEvent' : 'caseEvent', `offline-${i}`), type: ticket ? 'ticketEvent' : 'caseEvent', scope: subject.scope, ...stamp,
          subjectId: subject.id, action: ticket ? 'supervise' : 'session', at: now, by: 'S-offline', byUnit: station.stationCode, note: `离线记录 ${i}`,
        });
      }
      const newTickets: TicketDoc[] = Array.from({ length: 100 }, (_, i) => ({
        ...tickets[0], ...stamp, id: docId('ticket', `OFFLINE${String(i).padStart(4, '0')}`), number: `OFFLINE${i}`, description: `离线上报 ${i}`,
      }));
      // written one by one, as a clerk would, plus in bulk
      for (const event of events.slice(0, 50)) await db.events.insert(event);
      await db.events.bulkInsert(events.slice(50));
      await db.tickets.bulkInsert(newTickets);
      expect(sync.status.pendingTotal).toBe(500);
      expect(sync.status.pendingUploads).toMatchObject({ ticketEvent: 200, caseEvent: 200, ticket: 100 });

      await proxy.restore();
      const written = [...events, ...newTickets].map((d) => d.id);
      await eventually(async () => {
        const docs = await serverDocs(couch, station.dbName);
        return written.every((id) => docs.has(id));
      }, 30_000);
      const revs = await (await couch.adminFetch(`/${station.dbName}/_all_docs`, { method: 'POST', body: JSON.stringify({ keys: written }) })).json();
      // each arrived once: first revision, nothing extra
      expect(revs.rows.map((r: { value: { rev: string } }) => r.value.rev.split('-')[0])).toEqual(written.map(() => '1'));
      expect((await serverDocs(couch, station.dbName)).size).toBe(station.docs.length + 500);
      await eventually(() => sync.status.pendingTotal === 0 && sync.status.online, 10_000);
    } finally {
      await client.close();
    }
  });
});

describe('errors that help', () => {
  it('quarantines a write the server refuses, with its reason, and still delivers the writes after it', async () => {
    const station = await seedStation(couch);
    const rule = `function (newDoc) { if (newDoc.description && newDoc.description.indexOf('违禁') >= 0) { throw({ forbidden: '描述含有不允许的内容' }); } }`;
    await couch.adminFetch(`/${station.dbName}/_design/rules`, { method: 'PUT', body: JSON.stringify({ validate_doc_update: rule }) });
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: FAST_RETRY });
    try {
      await sync.awaitInitialSync();
      const [refused, accepted] = station.docs.filter((d): d is TicketDoc => d.type === 'ticket');
      await (await db.tickets.findOne(refused.id).exec())!.incrementalPatch({ description: '含违禁内容的描述', updatedAt: new Date().toISOString() });
      await (await db.tickets.findOne(accepted.id).exec())!.incrementalPatch({ description: '正常的后续修改', updatedAt: new Date().toISOString() });
      await eventually(async () => (await serverDocs(couch, station.dbName)).get(accepted.id)?.description === '正常的后续修改');
      await eventually(() => sync.status.rejected.count === 1);
      const [item] = sync.status.rejected.items;
      expect(item.docId).toBe(refused.id);
      expect(item.reason).toContain('描述含有不允许的内容');
      const kept = await db.quarantine.findOne(item.id).exec();
      expect((kept!.doc as { description: string }).description).toBe('含违禁内容的描述');
      expect((await serverDocs(couch, station.dbName)).get(refused.id)?.description).toBe(refused.description);
      // a later write still arrives: nothing is stuck behind the refused doc
      await (await db.tickets.findOne(accepted.id).exec())!.incrementalPatch({ address: '再次修改', updatedAt: new Date().toISOString() });
      await eventually(async () => (await serverDocs(couch, station.dbName)).get(accepted.id)?.address === '再次修改');
      await eventually(() => sync.status.pendingTotal === 0);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('reports a wrong password as an auth error in the status', async () => {
    const station = await seedStation(couch);
    const db = await openClient(['cases', 'quarantine']);
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: { ...station.user, password: 'wrong' }, retry: FAST_RETRY });
    try {
      await eventually(() => sync.status.authError);
      expect(sync.status.connection).toBe('authError');
      expect(sync.status.authError).toMatchObject({ status: 401, kind: 'wrongPassword' });
      expect(sync.status.authError!.message).toContain('用户名或密码错误');
      expect(sync.status.lastError ?? '').not.toMatch(/TypeError/);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('reports a user who is not a member of the station database as an auth error', async () => {
    const station = await seedStation(couch);
    // a real user of another village: valid credentials, but not a member of this database
    const outsider = await createUser(couch, `${station.dbName}-outsider`, 'station:320506999999');
    const db = await openClient(['cases', 'quarantine']);
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: outsider, retry: FAST_RETRY });
    try {
      await eventually(() => sync.status.authError);
      // CouchDB 3 answers 403; pouchdb-server answers 401 with "You are not authorized to access this db."
      expect(sync.status.authError!.status).toBe(couch.kind === 'couchdb' ? 403 : 401);
      expect(sync.status.authError!.kind).toBe('notMember');
      expect(sync.status.authError!.message).toContain('无权访问');
      expect(await db.cases.count().exec()).toBe(0);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('quarantines a server doc that fails the local schema and takes the rest of the feed', async () => {
    const { docs } = stationDocs();
    const ticket = docs.find((d): d is TicketDoc => d.type === 'ticket')!;
    const station = await seedStation(couch);
    const { id: _drop, ...body } = ticket;
    const broken = { ...body, _id: docId('ticket', 'BROKEN'), number: 'BROKEN', priority: '特急', photoIds: 'none' };
    await bulkWrite(couch, station.dbName, [broken]);
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, batchSize: 50, live: false });
    try {
      await sync.awaitInitialSync();
      expect(await db.tickets.findOne(broken._id).exec()).toBeNull();
      const all = await Promise.all(Object.entries(db.collections).filter(([n]) => n !== 'quarantine').map(([, c]) => c.count().exec()));
      expect(all.reduce((a, b) => a + b, 0)).toBe(station.docs.length);
      await eventually(() => sync.status.rejected.count === 1);
      const [item] = sync.status.rejected.items;
      expect(item).toMatchObject({ kind: 'invalidPull', docId: broken._id });
      expect(item.reason).toMatch(/priority|photoIds/);
    } finally {
      await sync.stop();
      await db.close();
    }
  });
});
