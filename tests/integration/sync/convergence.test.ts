/**
 * The convergence findings of the randomized multi-desk run, one deterministic test each, on a
 * real CouchDB-API server: a resolution equal to the server's copy settles (1), a refused write
 * leaves the desk's copy equal to the server's (3), a retried create whose answer was lost is no
 * refusal (5), one bad doc does not stop the feed and is quarantined (6, 7), and a server that
 * hangs, finds a batch too large or fails with 5xx is said so and worked around (8, 9).
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync, type FetchLike } from '../../../sync';
import type { GridlinkDatabase } from '../../../sync/database';
import { toCouchDoc } from '../../../core/couchDoc';
import { docId, type EventDoc, type QuarantineDoc, type StaffDoc } from '../../../core/schema';
import { bulkWrite, startTestCouch, type TestCouch } from '../../support/couchServer';
import { connectionStatesDuring, eventually, FAST_RETRY, openClient, seedStation, serverDocs, stationBehindProxy } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

async function serverDoc(dbName: string, id: string): Promise<Record<string, unknown> & { _rev: string }> {
  return (await (await couch.adminFetch(`/${dbName}/${encodeURIComponent(id)}`)).json()) as Record<string, unknown> & { _rev: string };
}

/** One more validate_doc_update on the station's database, beside the district's rules. */
async function addRule(dbName: string, name: string, validate: string): Promise<void> {
  const response = await couch.adminFetch(`/${dbName}/_design/${name}`, { method: 'PUT', body: JSON.stringify({ validate_doc_update: validate }) });
  if (!response.ok) throw new Error(`adding the rule ${name}: ${response.status}`);
}

async function quarantined(db: GridlinkDatabase): Promise<QuarantineDoc[]> {
  return (await db.quarantine.find().exec()).map((q) => q.toJSON() as QuarantineDoc);
}

describe('every replica ends equal, nothing frozen', () => {
  it('(1) a local edit the server overrides settles to the server’s copy and takes the server’s later changes', async () => {
    const client = await stationBehindProxy(couch);
    const { station, proxy, db, sync } = client;
    try {
      await sync.awaitInitialSync();
      const person = station.docs.find((d): d is StaffDoc => d.type === 'staff')!;
      await proxy.cut();
      await (await db.staff.findOne(person.id).exec())!.incrementalPatch({ phone: '13900000001', updatedAt: new Date().toISOString() });
      const stored = await serverDoc(station.dbName, person.id);
      await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(person.id)}`, { method: 'PUT', body: JSON.stringify({ ...stored, phone: '13900000002' }) });
      await proxy.restore();
      // Staff are the town's: the server's copy wins (the local phone is recorded), and settles.
      await eventually(async () => sync.status.pendingTotal === 0 && (await db.staff.findOne(person.id).exec())?.phone === '13900000002', 15_000);
      expect((await quarantined(db)).filter((q) => q.kind === 'conflict').map((q) => q.losingValue)).toEqual(['13900000001']);
      // Not frozen: the server's next change arrives too.
      const again = await serverDoc(station.dbName, person.id);
      await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(person.id)}`, { method: 'PUT', body: JSON.stringify({ ...again, phone: '13900000003' }) });
      await eventually(async () => (await db.staff.findOne(person.id).exec())?.phone === '13900000003', 15_000);
      expect(sync.status.pendingTotal).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('(3) a write the server refuses leaves the desk holding the server’s copy, and the refused state in quarantine', async () => {
    const station = await seedStation(couch);
    // A rule of the day: no summary may say 冻结.
    await addRule(station.dbName, 'freeze', "function (doc, old, user) { if (user.roles.indexOf('_admin') === -1 && String(doc.summary).indexOf('冻结') >= 0) throw({ forbidden: '冻结中' }); }");
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: FAST_RETRY });
    try {
      await sync.awaitInitialSync();
      const kase = station.docs.find((d) => d.type === 'mediationCase')!;
      const before = await serverDoc(station.dbName, kase.id);
      await (await db.cases.findOne(kase.id).exec())!.incrementalPatch({ summary: '冻结：改写', updatedAt: new Date().toISOString() });
      await eventually(async () => (await quarantined(db)).some((q) => q.kind === 'rejectedPush' && q.docId === kase.id), 15_000);
      await eventually(async () => (await db.cases.findOne(kase.id).exec())?.summary === before.summary, 15_000);
      expect((await db.cases.findOne(kase.id).exec())?.updatedAt).toBe(before.updatedAt);
      expect((await quarantined(db)).find((q) => q.docId === kase.id)?.doc).toMatchObject({ summary: '冻结：改写' });
      expect(sync.status.pendingTotal).toBe(0);
      // A refused create leaves the desk too (it waits in quarantine, to resend or discard).
      const fresh = { ...kase, id: docId('mediationCase', 'FROZEN-1'), number: 'TJ-FROZEN-1', summary: '冻结：新案' };
      await db.cases.insert(fresh);
      await eventually(async () => (await quarantined(db)).some((q) => q.docId === fresh.id), 15_000);
      await eventually(async () => (await db.cases.findOne(fresh.id).exec()) === null, 15_000);
      expect((await serverDocs(couch, station.dbName)).has(fresh.id)).toBe(false);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('(5) an event whose upload answer was lost is uploaded once and not refused when sent again', async () => {
    const station = await seedStation(couch);
    // The server rejects a second write of an event (create-only), as the district's rules do.
    await addRule(station.dbName, 'createOnly', "function (doc, old, user) { if (user.roles.indexOf('_admin') === -1 && old && !old._deleted) throw({ forbidden: 'create-only' }); }");
    let dropped = 0;
    // The first `_bulk_docs` reaches the server, but its answer is lost on the way back.
    const losing: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (input.includes('/_bulk_docs') && dropped === 0) {
        dropped++;
        await response.text();
        throw new TypeError('network error: connection reset');
      }
      return response;
    };
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: FAST_RETRY, fetch: losing });
    try {
      await sync.awaitInitialSync();
      const ticket = station.docs.find((d) => d.type === 'ticket')!;
      const now = new Date().toISOString();
      const event: EventDoc = { id: docId('ticketEvent', 'LOST-REPLY-1'), type: 'ticketEvent', scope: ticket.scope, createdAt: now, updatedAt: now, updatedBy: 'clerk', subjectId: ticket.id, action: 'handle', at: now, by: 'clerk', byUnit: station.stationCode, note: '现场处置' };
      await db.events.insert(event);
      await eventually(() => dropped === 1 && sync.status.pendingTotal === 0, 15_000);
      expect((await serverDoc(station.dbName, event.id))._rev).toMatch(/^1-/);
      expect(await quarantined(db)).toEqual([]);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('(6, 7) a doc too deep, too large or under a bad id is quarantined alone and the feed goes on', async () => {
    const station = await seedStation(couch);
    const person = station.docs.find((d): d is StaffDoc => d.type === 'staff')!;
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 2500; i++) deep = { d: deep };
    const bad = [
      { ...toCouchDoc({ ...person, id: docId('staff', 'DEEP'), staffId: 'DEEP' }), notes: deep },
      toCouchDoc({ ...person, id: docId('staff', `LONG${'9'.repeat(300)}`), staffId: 'LONG' }),
      // Over 1,000,000 characters (CouchDB's own limit is bytes: 8 MB by default, so it stores it).
      { ...toCouchDoc({ ...person, id: docId('staff', 'HUGE'), staffId: 'HUGE' }), notes: 'x'.repeat(1_200_000) },
    ];
    await bulkWrite(couch, station.dbName, bad);
    const after = toCouchDoc({ ...person, id: docId('staff', 'AFTER'), staffId: 'AFTER', name: '后来的记录' });
    await bulkWrite(couch, station.dbName, [after]);
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, batchSize: 50, retry: FAST_RETRY });
    try {
      await sync.awaitInitialSync();
      expect((await db.staff.findOne(after._id).exec())?.name).toBe('后来的记录');
      expect(await db.staff.count().exec()).toBe(station.docs.filter((d) => d.type === 'staff').length + 1);
      const records = await quarantined(db);
      expect(records.map((q) => q.docId).sort()).toEqual(bad.map((d) => d._id).sort());
      expect(records.every((q) => q.kind === 'invalidPull' && q.reason.length > 0)).toBe(true);
      expect(sync.status.rejected.count).toBe(3);
      expect(sync.status.lastError).toBeNull();
    } finally {
      await sync.stop();
      await db.close();
    }
  });
});

describe('sync never stalls without a word', () => {
  it('(8) a server that accepts and never answers is an offline server, said within the request timeout', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const db = (await openClient(['staff', 'quarantine'])) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: `http://127.0.0.1:${port}`, dbName: 'gl-station-silent', credentials: { username: 'u', password: 'p' }, retry: FAST_RETRY, requestTimeoutMs: 1500 });
    try {
      await eventually(() => sync.status.connection === 'offline', 10_000);
      expect(sync.status.online).toBe(false);
    } finally {
      await sync.stop();
      await db.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('(8) a batch the server finds too large is split down to the one doc, which is refused alone', async () => {
    const station = await seedStation(couch);
    // As a server with a document size limit answers: 413 for any batch holding the big doc.
    const limited: FetchLike = async (input, init) => {
      if (input.includes('/_bulk_docs') && typeof init?.body === 'string' && init.body.includes('BIGDOC')) {
        return new Response(JSON.stringify({ error: 'document_too_large', reason: 'staff:BIG' }), { status: 413 });
      }
      return fetch(input, init);
    };
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: FAST_RETRY, fetch: limited });
    try {
      await sync.awaitInitialSync();
      const person = station.docs.find((d): d is StaffDoc => d.type === 'staff')!;
      const small = Array.from({ length: 6 }, (_, i) => ({ ...person, id: docId('staff', `SMALL${i}`), staffId: `SMALL${i}` }));
      const big = { ...person, id: docId('staff', 'BIG'), staffId: 'BIG', name: 'BIGDOC' };
      await db.staff.bulkInsert([...small.slice(0, 3), big, ...small.slice(3)]);
      await eventually(async () => sync.status.pendingTotal === 0, 20_000);
      const onServer = await serverDocs(couch, station.dbName);
      expect(small.every((s) => onServer.has(s.id))).toBe(true);
      expect(onServer.has(big.id)).toBe(false);
      const [refused] = (await quarantined(db)).filter((q) => q.kind === 'rejectedPush');
      expect(refused).toMatchObject({ docId: big.id });
      expect(refused.reason).toContain('太大');
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('(8) a server answering 5xx is said so, retried with backoff, and the write goes up when it recovers', async () => {
    const station = await seedStation(couch);
    const attempts: number[] = [];
    let failing = true;
    const flaky: FetchLike = async (input, init) => {
      if (input.includes('/_bulk_docs') && failing) {
        attempts.push(Date.now());
        return new Response(JSON.stringify({ error: 'internal_server_error', reason: 'disk full' }), { status: 500 });
      }
      return fetch(input, init);
    };
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: { minMs: 200, maxMs: 1600 }, fetch: flaky });
    try {
      await sync.awaitInitialSync();
      const person = station.docs.find((d): d is StaffDoc => d.type === 'staff')!;
      await db.staff.insert({ ...person, id: docId('staff', 'AFTER500'), staffId: 'AFTER500' });
      await eventually(() => sync.status.connection === 'serverError', 10_000);
      expect(sync.status.lastError).toContain('500');
      await new Promise((r) => setTimeout(r, 3000));
      // Backed off: a handful of attempts in three seconds, not one a second or more.
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(attempts.length).toBeLessThanOrEqual(6);
      failing = false;
      await eventually(async () => (await serverDocs(couch, station.dbName)).has(docId('staff', 'AFTER500')) && sync.status.connection === 'online', 15_000);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('(9) a server whose every answer is 503 (live feed dropped, the probe answered 503 too) is said to fail, not to be offline, and the station is back online when it recovers', async () => {
    const client = await stationBehindProxy(couch);
    const { station, proxy, db, sync } = client;
    try {
      await sync.awaitInitialSync();
      await eventually(() => sync.status.connection === 'online', 10_000);
      await proxy.failWith(503);
      await eventually(() => sync.status.connection === 'serverError', 10_000);
      expect(sync.status.lastError).toContain('503');
      // Still failing a while later: it stays "server error", never flips to "offline".
      await new Promise((r) => setTimeout(r, 1500));
      expect(sync.status.connection).toBe('serverError');
      expect(await connectionStatesDuring(sync, 1500)).toEqual(['serverError']);
      await proxy.restore();
      // Online as soon as the server answers again, with nothing to upload: not when the
      // longpoll that answered ends (CouchDB after 25 s, pouchdb-server at the next change).
      await eventually(() => sync.status.connection === 'online', 5000);
      const person = station.docs.find((d): d is StaffDoc => d.type === 'staff')!;
      await db.staff.insert({ ...person, id: docId('staff', 'AFTER503'), staffId: 'AFTER503' });
      await eventually(async () => (await serverDocs(couch, station.dbName)).has(docId('staff', 'AFTER503')) && sync.status.connection === 'online', 15_000);
    } finally {
      await client.close();
    }
  });
});
