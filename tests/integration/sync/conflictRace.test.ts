/**
 * One case edited on two offline workstations of a station, both syncing with the real server
 * through the real engine: after the later workstation merged and uploaded the case, nothing it
 * pulls afterwards may take it back to an older revision — not the other workstation's revision
 * it read from the feed before its own upload, and not the merged one after the clerk settled
 * the conflict on top of it. Otherwise a clerk settling "keep both" works on a stale case and
 * the settlement is lost, here and on the server (issue 3: no value lost silently).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync, type FetchLike, type StationSync } from '../../../sync';
import { openConflicts } from '../../../core/conflicts/conflictRecords';
import { stationHooks } from '../../support/stationHooks';
import type { PartialGridlinkDatabase } from '../../../sync/database';
import { settleConflict, type Actor } from '../../../core/mediation';
import type { EventDoc, MediationCaseDoc } from '../../../core/schema';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { startTcpProxy, type TcpProxy } from '../../support/tcpProxy';
import { eventually, openClient, seedStation, type SeededStation } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

type Db = PartialGridlinkDatabase<'cases' | 'events' | 'quarantine'>;

interface Desk {
  name: string;
  actor: Actor;
  db: Db;
  sync: StationSync;
  proxy: TcpProxy;
  /** Every state of the watched case this desk's collection has held, in order. */
  history: MediationCaseDoc[];
  stop(): Promise<void>;
}

/**
 * Feed reads are slowed a little (as over a real network): a `_changes` answer read before this
 * desk's own upload then reaches RxDB after it, which is the window the bug needs.
 */
function slowFeed(delayMs: number): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (input.includes('/_changes')) {
      const body = await response.text();
      await new Promise((done) => setTimeout(done, delayMs));
      return new Response(body, { status: response.status, headers: response.headers });
    }
    return response;
  };
}

async function openDesk(station: SeededStation, caseId: string, name: string): Promise<Desk> {
  const proxy = await startTcpProxy(couch.url);
  const db = (await openClient(['cases', 'events', 'quarantine'])) as unknown as Db;
  const sync = await startStationSync({
    db, serverUrl: proxy.url, dbName: station.dbName, credentials: station.user,
    ...stationHooks(db.events, { name, unit: station.stationCode }), retry: { minMs: 50, maxMs: 200 }, fetch: slowFeed(30),
  });
  await sync.awaitInitialSync();
  const history: MediationCaseDoc[] = [];
  const watch = db.cases.findOne(caseId).$.subscribe((doc) => {
    if (doc) history.push(doc.toJSON() as MediationCaseDoc);
  });
  return {
    name, actor: { name, unit: station.stationCode }, db, sync, proxy, history,
    async stop() {
      watch.unsubscribe();
      await sync.stop();
      await db.close();
      await proxy.stop();
    },
  };
}

const recordsOf = (kase: MediationCaseDoc | undefined | null) => (kase?.sessions ?? []).map((s) => s.record).sort();

describe('a case merged on the later workstation', () => {
  it('is never taken back to an older revision by the feed, and a settlement on top of it reaches the server', { timeout: 60_000 }, async () => {
    const station = await seedStation(couch);
    const kase = station.docs.find((d): d is MediationCaseDoc => d.type === 'mediationCase' && !(d as MediationCaseDoc).archivedAt && (d as MediationCaseDoc).state === 'mediating');
    expect(kase).toBeDefined();
    const id = kase!.id;
    const [first, second] = await Promise.all([openDesk(station, id, '甲'), openDesk(station, id, '乙')]);
    try {
      await Promise.all([first.proxy.cut(), second.proxy.cut()]);
      const at = Date.now();
      await (await first.db.cases.findOne(id).exec())!.incrementalModify((doc) => ({
        ...doc,
        sessions: [...(doc.sessions ?? []), { at: new Date(at).toISOString(), place: '调解室', record: '甲：听取意见' }],
        updatedAt: new Date(at).toISOString(), updatedBy: '甲',
      }) as never);
      await (await second.db.cases.findOne(id).exec())!.incrementalModify((doc) => ({
        ...doc,
        sessions: [...(doc.sessions ?? []), { at: new Date(at + 1000).toISOString(), place: '调解室', record: '乙：核对工龄' }],
        jointDepartments: [...(doc.jointDepartments ?? []), '区劳动保障监察大队'],
        updatedAt: new Date(at + 1000).toISOString(), updatedBy: '乙',
      }) as never);
      const before = recordsOf(kase);

      await first.proxy.restore();
      const serverCase = async () => (await (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(id)}`)).json()) as MediationCaseDoc;
      await eventually(async () => recordsOf(await serverCase()).includes('甲：听取意见'));
      await second.proxy.restore();

      // The later desk merges: its own sessions win, the other list is a conflict record.
      const record = await eventually(async () => {
        const events = (await second.db.events.find({ selector: { subjectId: id } }).exec()).map((e) => e.toJSON() as EventDoc);
        return openConflicts(events).find((r) => r.field === 'sessions');
      });
      await second.sync.awaitInSync();
      // The clerk keeps both at once, on whatever the desk shows now.
      const current = (await second.db.cases.findOne(id).exec())!;
      const shown = current.toJSON() as MediationCaseDoc;
      await current.incrementalModify((data) => settleConflict(data as MediationCaseDoc, record, 'combine', second.actor).doc as never);
      const both = [...before, '甲：听取意见', '乙：核对工龄'].sort();

      // Give every desk time to upload and pull (a lost settlement never arrives: the checks below say what is there).
      const holdsBoth = (kase: MediationCaseDoc | undefined) => JSON.stringify(recordsOf(kase)) === JSON.stringify(both);
      await eventually(async () => holdsBoth(await serverCase()) && holdsBoth((await first.db.cases.findOne(id).exec())?.toJSON() as MediationCaseDoc), 10_000).catch(() => undefined);
      await second.sync.awaitInSync();

      // Once the desk held its merged case, no later state lost its own session.
      const merged = second.history.findIndex((d) => recordsOf(d).includes('乙：核对工龄') && d.jointDepartments?.includes('区劳动保障监察大队') && d.updatedBy !== undefined && recordsOf(d).length >= before.length + 1);
      const regressions = second.history.slice(merged).filter((d) => !recordsOf(d).includes('乙：核对工龄') || !d.jointDepartments?.includes('区劳动保障监察大队'));
      expect(regressions.map((d) => recordsOf(d))).toEqual([]);
      expect(recordsOf(shown)).toContain('乙：核对工龄');
      expect(recordsOf(await serverCase())).toEqual(both);
      expect(recordsOf((await second.db.cases.findOne(id).exec())!.toJSON() as MediationCaseDoc)).toEqual(both);
      expect(recordsOf((await first.db.cases.findOne(id).exec())!.toJSON() as MediationCaseDoc)).toEqual(both);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
