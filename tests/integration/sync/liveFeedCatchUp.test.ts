/**
 * A workstation following the server live must not fall behind when changes arrive faster than
 * it stores them (issue 3: a settled conflict on one desk once never showed on the other, because
 * a collection stopped a page short of the live feed). Here changes come in bursts longer than a
 * page, some docs several times over, while earlier pages are still being stored: every doc must
 * end at the server's latest revision, and nothing may stay behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync } from '../../../sync';
import type { MediationCaseDoc, StaffDoc } from '../../../core/schema';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { connectionStatesDuring, eventually, openClient, seedStation, serverDocs } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

describe('the live feed of a station', () => {
  it('brings every change of a burst longer than a page, each doc at its latest revision', { timeout: 60_000 }, async () => {
    const station = await seedStation(couch);
    const cases = station.docs.filter((d): d is MediationCaseDoc => d.type === 'mediationCase').slice(0, 4);
    expect(cases.length).toBe(4);
    const db = await openClient(['cases', 'events', 'quarantine']);
    // Pages of 3 rows: a burst of 24 changes spans many live pages.
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, batchSize: 3, retry: { minMs: 50, maxMs: 200 } });
    try {
      await sync.awaitInitialSync();
      const path = (id: string) => `/${station.dbName}/${encodeURIComponent(id)}`;
      for (let round = 1; round <= 6; round++) {
        await Promise.all(
          cases.map(async (kase) => {
            const { _rev, ...body } = (await (await couch.adminFetch(path(kase.id))).json()) as Record<string, unknown>;
            const put = await couch.adminFetch(path(kase.id), { method: 'PUT', body: JSON.stringify({ ...body, _rev, summary: `第${round}次更新` }) });
            expect(put.ok).toBe(true);
          }),
        );
      }
      await eventually(async () => {
        const local = await Promise.all(cases.map(async (kase) => (await db.cases.findOne(kase.id).exec())?.summary));
        return local.every((summary) => summary === '第6次更新');
      }, 20_000);
      await sync.awaitInSync();
      const server = await serverDocs(couch, station.dbName);
      for (const kase of cases) expect((await db.cases.findOne(kase.id).exec())!.toJSON()).toEqual(server.get(kase.id));
      // Nothing of the server's own changes went back up as if it were a local edit.
      expect(sync.status.pendingTotal).toBe(0);
      expect(sync.status.rejected.count).toBe(0);
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('stays online while idle: each longpoll ends on the server inside the request timeout, and a change after the quiet still arrives', { timeout: 60_000 }, async () => {
    const station = await seedStation(couch);
    const db = await openClient(['staff', 'quarantine']);
    // A short request timeout: a longpoll the server holds longer would count as a lost request (离线).
    const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, requestTimeoutMs: 2000, retry: { minMs: 50, maxMs: 200 } });
    try {
      await sync.awaitInitialSync();
      await eventually(() => sync.status.connection === 'online', 5000);
      expect(await connectionStatesDuring(sync, 7000)).toEqual(['online']);
      expect(sync.status.lastError ?? '').not.toContain('no answer');

      const person = station.docs.find((d): d is StaffDoc => d.type === 'staff')!;
      const path = `/${station.dbName}/${encodeURIComponent(person.id)}`;
      const current = (await (await couch.adminFetch(path)).json()) as Record<string, unknown>;
      expect((await couch.adminFetch(path, { method: 'PUT', body: JSON.stringify({ ...current, name: '安静之后' }) })).ok).toBe(true);
      await eventually(async () => (await db.staff.findOne(person.id).exec())?.name === '安静之后', 10_000);
    } finally {
      await sync.stop();
      await db.close();
    }
  });
});
