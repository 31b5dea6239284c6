/**
 * A server change the feed reads while a local edit of the same doc waits for upload is left to
 * the push (feedWriter.ts). The push settles the edit against the server's copy it looked up;
 * when that lookup is older than the row the feed passed over, the desk would be marked in sync
 * with the older copy and the feed, already beyond the newer row, would never bring it: the
 * randomized run found a desk holding an order one step behind its station for good.
 *
 * Staged here with the real engine and server: the push's lookup answers with the copy the
 * server held when it was read, the server moves on, and the answer reaches the engine only once
 * the feed has read (and passed over) the newer row. The desk must end on the server's copy —
 * while it runs, and after a restart that happened before it could look again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RxCollection } from 'rxdb';
import { startStationSync, type FetchLike } from '../../../sync';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { eventually, openClient, reopenClient, seedStation, type SeededStation } from './stationFixture';
import type { StaffDoc } from '../../../core/schema';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

type StaffDb = { staff: RxCollection<StaffDoc>; quarantine: RxCollection; close(): Promise<boolean>; name: string };

/** Writes `name` into the server's copy of `id` as another desk would, returning the new revision. */
async function serverRename(station: SeededStation, id: string, name: string): Promise<string> {
  const path = `/${station.dbName}/${encodeURIComponent(id)}`;
  const doc = (await (await couch.adminFetch(path)).json()) as Record<string, unknown>;
  const put = await couch.adminFetch(path, { method: 'PUT', body: JSON.stringify({ ...doc, name, updatedAt: new Date().toISOString() }) });
  if (!put.ok) throw new Error(`writing ${id}: ${put.status}`);
  return ((await put.json()) as { rev: string }).rev;
}

/** The name the desk holds once it is `expected`, or what it still holds after 10 s. */
async function nameBecomes(db: StaffDb, id: string, expected: string): Promise<string | undefined> {
  const name = async () => (await db.staff.findOne(id).exec())?.name;
  return eventually(async () => ((await name()) === expected ? expected : undefined), 10_000).catch(name);
}

/**
 * The engine's fetch, with one staged race: the first upload lookup (`POST _all_docs`) of `id`
 * after `arm()` is answered with the server's copy of that moment, after the server moved on
 * and the feed has read the newer row; `cutAfter`: every request after that answer fails.
 * `pauseFeed()` first: the feed's answers wait for that lookup, so the edit is made on the copy
 * the desk holds before both of the server's.
 */
function stagedRace(station: SeededStation, id: string, options: { cutAfter?: boolean } = {}) {
  let armed = false;
  let cut = false;
  // The feed's answers wait while paused: the desk's edit is made on the copy it holds.
  let paused = false;
  let resume: () => void = () => undefined;
  let unpaused = Promise.resolve();
  /** Every `_changes` answer's body the feed has read. */
  const feedBodies: string[] = [];
  const fetchLike: FetchLike = async (input, init) => {
    if (cut) throw new TypeError('fetch failed (the staged cut)');
    const lookup = armed && input.includes('/_all_docs') && typeof init?.body === 'string' && init.body.includes(JSON.stringify(id));
    if (lookup) armed = false;
    const response = await fetch(input, init);
    if (input.includes('/_changes')) {
      const body = await response.text();
      await unpaused;
      feedBodies.push(body);
      return new Response(body, { status: response.status, headers: response.headers });
    }
    if (!lookup) return response;
    const body = await response.text();
    const later = await serverRename(station, id, '后来的名字');
    if (paused) resume();
    await eventually(() => feedBodies.some((b) => b.includes(later)), 10_000);
    // The feed's page is stored (and the row passed over) before the stale answer goes on.
    await new Promise((r) => setTimeout(r, 500));
    // The desk goes offline right after: nothing it does next reaches the server.
    cut = options.cutAfter === true;
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return {
    fetch: fetchLike,
    /** The feed's answers wait until the staged lookup. */
    pauseFeed() {
      paused = true;
      unpaused = new Promise<void>((r) => (resume = r));
    },
    arm: () => (armed = true),
  };
}

describe('a server change read while a local edit waits', () => {
  it('is stored once the edit is settled, however late the push looked the doc up', async () => {
    const station = await seedStation(couch);
    const id = station.docs.find((d) => d.type === 'staff')!.id;
    const race = stagedRace(station, id);
    const db = (await openClient(['staff', 'quarantine'])) as unknown as StaffDb;
    const sync = await startStationSync({ db: db as never, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: { minMs: 50, maxMs: 200 }, fetch: race.fetch });
    try {
      await sync.awaitInitialSync();
      // Another desk renames the worker; this desk edits the same doc before it hears of it.
      race.pauseFeed();
      await serverRename(station, id, '中间的名字');
      race.arm();
      await (await db.staff.findOne(id).exec())!.incrementalPatch({ phone: '13900000000', updatedAt: new Date().toISOString() });
      // Reference data: the server's copy wins (policies.ts), so the desk must end on its latest.
      expect(await nameBecomes(db, id, '后来的名字')).toBe('后来的名字');
    } finally {
      await sync.stop();
      await db.close();
    }
  }, 30_000);

  it('is stored after a restart that came before the desk could look again', async () => {
    const station = await seedStation(couch);
    const id = station.docs.find((d) => d.type === 'staff')!.id;
    const race = stagedRace(station, id, { cutAfter: true });
    const db = (await openClient(['staff', 'quarantine'])) as unknown as StaffDb;
    const name = db.name;
    const sync = await startStationSync({ db: db as never, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: { minMs: 50, maxMs: 200 }, fetch: race.fetch });
    await sync.awaitInitialSync();
    race.pauseFeed();
    await serverRename(station, id, '中间的名字');
    race.arm();
    await (await db.staff.findOne(id).exec())!.incrementalPatch({ phone: '13900000000', updatedAt: new Date().toISOString() });
    // Settled against the older copy, then cut off and stopped: the desk could not look again.
    await eventually(async () => sync.status.pendingTotal === 0 && (await db.staff.findOne(id).exec())?.name === '中间的名字', 10_000);
    await sync.stop();
    await db.close();

    const again = (await reopenClient(name, ['staff', 'quarantine'])) as unknown as StaffDb;
    const resumed = await startStationSync({ db: again as never, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, retry: { minMs: 50, maxMs: 200 } });
    try {
      await resumed.awaitInSync();
      expect(await nameBecomes(again, id, '后来的名字')).toBe('后来的名字');
    } finally {
      await resumed.stop();
      await again.close();
    }
  }, 30_000);
});
