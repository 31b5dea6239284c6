/**
 * The heartbeat's rhythm, on a real local database: it writes at start, when something IT would
 * act on changes (never for its own pending upload), at most once per gap, and on its interval.
 */
import 'fake-indexeddb/auto';
import { BehaviorSubject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { dexieStorage, openDatabase, type PartialGridlinkDatabase } from '../../../../sync/database';
import { INITIAL_STATUS, type SyncStatus } from '../../../../sync/status';
import { heartbeatId, startHeartbeat, type Heartbeat } from '../../../../renderer/data/heartbeat';

const STATION = '320506001001';
let db: PartialGridlinkDatabase<'stationStatus'>;
let heartbeat: Heartbeat | null = null;
let opened = 0;

afterEach(async () => {
  heartbeat?.stop();
  await db?.close();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(intervalMs: number, minGapMs: number, initial: Partial<SyncStatus> = {}, clockOffset?: () => Promise<number | null>) {
  db = await openDatabase({ name: `heartbeat-${++opened}`, storage: dexieStorage(indexedDB, IDBKeyRange), collections: ['stationStatus'] as const });
  const status$ = new BehaviorSubject<SyncStatus>({ ...INITIAL_STATUS, online: true, connection: 'online', lastSyncAt: new Date().toISOString(), ...initial });
  const writes: number[] = [];
  db.collections.stationStatus.$.subscribe(() => writes.push(Date.now()));
  heartbeat = startHeartbeat({
    collection: db.collections.stationStatus,
    stationCode: STATION,
    workstation: 'ws-12345678',
    person: `station-${STATION}`,
    appVersion: '1.4.0',
    status$,
    intervalMs,
    minGapMs,
    clockOffset,
  });
  const doc = async () => (await db.collections.stationStatus.findOne(heartbeatId(STATION, 'ws-12345678')).exec())!.toJSON();
  const patch = (change: Partial<SyncStatus>) => status$.next({ ...status$.getValue(), ...change });
  return { status$, writes, doc, patch };
}

describe('the workstation heartbeat', () => {
  it('writes at start, then for a change IT would act on, no more often than the gap', async () => {
    const GAP = 1_000;
    const { writes, doc, patch } = await start(60_000, GAP);
    /** Waits until the n-th write happened (a loaded machine may take a while). */
    const until = async (n: number) => {
      for (let waited = 0; writes.length < n && waited < 10_000; waited += 20) await wait(20);
      expect(writes).toHaveLength(n);
    };
    await until(1);
    expect(await doc()).toMatchObject({ stationCode: STATION, workstation: 'ws-12345678', appVersion: '1.4.0', online: true, pendingUploads: 0, rejectedDocs: 0 });

    // Its own upload pending is not news.
    patch({ pendingTotal: 1, pendingUploads: { stationStatus: 1 } });
    await wait(GAP + 200);
    expect(writes).toHaveLength(1);
    // Another one is, and a burst of them is one write (the gap since the last one has passed).
    for (let n = 1; n <= 5; n++) patch({ pendingTotal: n, pendingUploads: { ticket: n } });
    await until(2);
    expect(await doc()).toMatchObject({ pendingUploads: 5 });
    // Right after a write, the next change waits for the gap.
    patch({ pendingTotal: 6, pendingUploads: { ticket: 6 } });
    await wait(GAP / 5);
    expect(writes).toHaveLength(2);
    await until(3);
    expect(await doc()).toMatchObject({ pendingUploads: 6 });

    // An error appears, then clears: the report says so, and then no longer carries it.
    patch({ lastError: 'push failed: ECONNRESET' });
    await until(4);
    expect(await doc()).toMatchObject({ lastError: 'push failed: ECONNRESET' });
    patch({ lastError: null });
    await until(5);
    expect((await doc()).lastError).toBeUndefined();
  });

  it('reports again once the first sync has answered, not only at the next interval', async () => {
    const { writes, doc, patch } = await start(60_000, 100, { online: false, connection: 'connecting', lastSyncAt: null });
    for (let waited = 0; writes.length < 1 && waited < 10_000; waited += 20) await wait(20);
    expect((await doc()).lastSyncAt).toBeUndefined();
    patch({ lastSyncAt: new Date().toISOString() });
    for (let waited = 0; writes.length < 2 && waited < 10_000; waited += 20) await wait(20);
    expect((await doc()).lastSyncAt).toBeDefined();
  });

  it('asks the server’s clock once per interval, not at every write, and again after a failed answer', async () => {
    const answers: (number | null)[] = [null, 1_500, 9_999];
    let asked = 0;
    const { writes, doc, patch } = await start(60_000, 50, {}, async () => answers[Math.min(asked++, answers.length - 1)]);
    const until = async (n: number) => {
      for (let waited = 0; writes.length < n && waited < 10_000; waited += 20) await wait(20);
      expect(writes).toHaveLength(n);
    };
    await until(1);
    expect((await doc()).clockOffsetMs).toBeUndefined();
    for (let n = 1; n <= 3; n++) {
      patch({ pendingTotal: n, pendingUploads: { ticket: n } });
      await until(1 + n);
    }
    // Offline at first: asked again at the next write; then the answer holds for the interval.
    expect(asked).toBe(2);
    expect((await doc()).clockOffsetMs).toBe(1_500);
  });

  it('beats on its interval while nothing changes, and stops with the sync', async () => {
    const { status$, writes, doc } = await start(200, 50);
    for (let waited = 0; writes.length < 3 && waited < 10_000; waited += 20) await wait(20);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    // Nothing changed between beats: each one only refreshes the report's time.
    expect(await doc()).toMatchObject({ pendingUploads: 0, online: true });
    status$.complete();
    const stopped = writes.length;
    await wait(500);
    expect(writes).toHaveLength(stopped);
  });
});
