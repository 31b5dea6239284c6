/**
 * A first sync says how much is done and how much is left from its first pages on, on the
 * embedded server (no `pending` in `_changes`: the total comes from the database info) and on
 * Apache CouchDB (`pending` on every page); a sync resumed half-way counts what is left, not
 * the whole database again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync, type SyncStatus } from '../../../sync';
import type { GridlinkDatabase } from '../../../sync/database';
import { timeLeftMs, type InitialProgress } from '../../../sync/initialProgress';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { openClient, reopenClient, seedStation } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

const DISTRICT = { towns: 1, villagesPerTown: 1, ticketsPerVillage: 300, casesPerVillage: 10, componentsPerVillage: 60, staffPerVillage: 4 };

/** Runs a one-shot sync, noting every progress it shows; `stopAt` ends it early at that share. */
async function run(db: GridlinkDatabase, station: Awaited<ReturnType<typeof seedStation>>, stopAt?: number) {
  const seen: InitialProgress[] = [];
  const sync = await startStationSync({ db, serverUrl: couch.url, dbName: station.dbName, credentials: station.user, batchSize: 50, live: false });
  let stopping: Promise<void> | null = null;
  const watch = sync.status$.subscribe((status: SyncStatus) => {
    seen.push(status.initial);
    if (stopAt && !stopping && status.initial.total > 0 && status.initial.done >= status.initial.total * stopAt) stopping = sync.stop();
  });
  if (stopAt) {
    await sync.awaitInitialSync().catch(() => undefined);
    await stopping;
  } else {
    await sync.awaitInitialSync();
    await sync.stop();
  }
  watch.unsubscribe();
  return seen;
}

const known = (seen: InitialProgress[]) => seen.filter((p) => !p.complete && p.total > 0);

describe('initial sync progress', () => {
  it('knows the total from the first pages and counts up to it', async () => {
    const station = await seedStation(couch, { district: DISTRICT });
    const db = (await openClient()) as unknown as GridlinkDatabase;
    try {
      const seen = await run(db, station);
      const during = known(seen);
      // Known while most of it was still to come, and exactly the server's doc count.
      expect(during.length).toBeGreaterThan(3);
      expect(during[0].done).toBeLessThan(station.docs.length / 2);
      expect(new Set(during.map((p) => p.total))).toEqual(new Set([station.docs.length]));
      const done = during.map((p) => p.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(during.every((p) => p.startedAt !== undefined)).toBe(true);
      expect(seen.at(-1)).toMatchObject({ done: station.docs.length, total: station.docs.length, complete: true });
    } finally {
      await db.close();
    }
  });

  it('a sync resumed half-way counts only what is left', async () => {
    const station = await seedStation(couch, { district: DISTRICT });
    const first = (await openClient()) as unknown as GridlinkDatabase;
    const name = first.name;
    const firstRun = await run(first, station, 0.4);
    await first.close();
    const stored = Math.max(...firstRun.map((p) => p.done));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(station.docs.length);

    const again = (await reopenClient(name)) as unknown as GridlinkDatabase;
    try {
      const seen = await run(again, station);
      const last = seen.at(-1)!;
      expect(last.complete).toBe(true);
      // The pages read again (a position not yet saved at the stop) are at most one.
      expect(last.done).toBeGreaterThanOrEqual(station.docs.length - stored);
      expect(last.done).toBeLessThanOrEqual(station.docs.length - stored + 50);
      const during = known(seen);
      expect(during.length).toBeGreaterThan(0);
      expect(new Set(during.map((p) => p.total))).toEqual(new Set([last.done]));
    } finally {
      await again.close();
    }
  });
});

describe('time left', () => {
  const at = (iso: string) => Date.parse(iso);
  it('is the pace so far applied to what is left, once the run has been timed a little', () => {
    const started = '2026-01-05T09:00:00.000Z';
    expect(timeLeftMs({ done: 1000, total: 4000, complete: false, startedAt: started }, at('2026-01-05T09:00:10.000Z'))).toBe(30_000);
    // too early: under 3 s, or under 2% in
    expect(timeLeftMs({ done: 1000, total: 4000, complete: false, startedAt: started }, at('2026-01-05T09:00:02.000Z'))).toBeNull();
    expect(timeLeftMs({ done: 10, total: 4000, complete: false, startedAt: started }, at('2026-01-05T09:01:00.000Z'))).toBeNull();
    // nothing known yet; and done
    expect(timeLeftMs({ done: 0, total: 0, complete: false }, at(started))).toBeNull();
    expect(timeLeftMs({ done: 4000, total: 4000, complete: true, startedAt: started }, at('2026-01-05T09:00:40.000Z'))).toBe(0);
  });
});
