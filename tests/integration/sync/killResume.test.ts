/**
 * A station PC loses power in the middle of its first sync. The syncing process is Chromium
 * (the renderer's real IndexedDB, via Dexie) started as our child process with a persistent
 * profile, and SIGKILLed — no shutdown, no flush — then started again on the same profile.
 * fake-indexeddb cannot do this: it lives in one Node process's memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../sync';
import { buildHarness, serveHarness, startChromium, type ChromiumProcess } from '../../support/syncHarness/harness';
import type { StaticServer } from '../../../district/devServer/staticServer';
import type {} from '../../support/syncHarness/page/main';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { eventually, seedStation, serverDocs } from './stationFixture';

let couch: TestCouch;
let site: StaticServer;
const profile = mkdtempSync(join(tmpdir(), 'gridlink-kill-'));
beforeAll(async () => {
  couch = await startTestCouch();
  await buildHarness();
  // One origin for both runs: IndexedDB belongs to the page's origin (host and port).
  site = await serveHarness();
}, 180_000);
afterAll(async () => {
  await site?.close();
  await couch?.stop();
  rmSync(profile, { recursive: true, force: true });
});

describe('a sync killed mid-way', () => {
  it('resumes from its checkpoint after SIGKILL and ends with exactly the server’s docs', async () => {
    const station = await seedStation(couch, { district: { towns: 1, villagesPerTown: 1, ticketsPerVillage: 1500, casesPerVillage: 20, componentsPerVillage: 100, staffPerVillage: 5 } });
    const total = station.docs.length;
    const target = { serverUrl: couch.url, dbName: station.dbName, credentials: station.user };
    let chromium: ChromiumProcess | null = await startChromium(site.url, profile);
    try {
      await chromium.page.evaluate(([t]) => window.gridlinkHarness.startSync(t, 'station', 100, false), [target] as const);
      const progress = chromium.page;
      const atKill = await eventually(async () => {
        const status = (await progress.evaluate(() => window.gridlinkHarness.status())) as SyncStatus | null;
        return status && status.initial.done >= total * 0.3 ? status.initial.done : false;
      }, 60_000);
      expect(atKill).toBeLessThan(total);
      chromium.kill();
      await new Promise((resolve) => chromium!.process.once('exit', resolve));
      chromium = null;

      chromium = await startChromium(site.url, profile);
      await chromium.page.evaluate(([t]) => window.gridlinkHarness.startSync(t, 'station', 100, false), [target] as const);
      const resumed = await chromium.page.evaluate(() => window.gridlinkHarness.awaitInitialSync());
      const ids = await chromium.page.evaluate(() => window.gridlinkHarness.localIds());
      const server = await serverDocs(couch, station.dbName);
      expect(ids).toEqual([...server.keys()].sort());
      expect(resumed.docs).toBe(total);
      // It resumed where it was: the engine records its feed position after each stored page,
      // so the second run reads only what was left at the kill (pages of 100) and a few more:
      // the two pages being stored then (two are in flight), positions written but not yet
      // durable, and the last page that finds the end. Reading the whole feed again would be
      // total/100 pages.
      expect(resumed.changesRequests).toBeLessThanOrEqual(Math.ceil((total - atKill) / 100) + 5);
      expect(resumed.changesRequests).toBeLessThan(Math.ceil(total / 100));
      expect(resumed.status!.rejected.count).toBe(0);
    } finally {
      await chromium?.close();
    }
  }, 240_000);
});
