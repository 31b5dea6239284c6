/**
 * The web build reports itself: two browser workstations of one village (two profiles, so two
 * workstation ids) set up and sync; their heartbeats reach the district database and `district
 * status` lists both, healthy, with the app's version and who is signed in. (The rhythm, a cut
 * workstation going stale and the exit code are covered in Node: tests/integration/district/heartbeat.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatus } from '../../district/status';
import { userNameOf } from '../../district/topologyPlan';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { openWebApp, type WebApp } from './support/browser';
import { PROJECT_ROOT } from './support/paths';
import { loginStation } from './support/stationLogin';

/**
 * Two hops of replication (station → town → district) on a server every suite loads at once,
 * after the report that follows the first sync (at most 30 s after the first one).
 */
const REPLICATION_MS = 150_000;
const VERSION = (JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string }).version;

let district: ProvisionedDistrict;
let app: WebApp;

beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
  app = await openWebApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await district?.stop();
});

describe('workstations in the district report', { timeout: 2 * REPLICATION_MS + 60_000 }, () => {
  it('two browser workstations of one village show up healthy, with version and person', async () => {
    const village = district.demo.orgTree.towns[0]!.villages[0]!.code;
    const user = userNameOf(village);
    const login = { districtUrl: district.couch.url, stationCode: village, user, password: district.passwords.get(user)! };
    const pages = [await app.newPage(''), await app.newPage('')];
    for (const { page } of pages) await loginStation(page, login);
    const ids = await Promise.all(pages.map(({ page }) => page.evaluate(() => localStorage.getItem('gridlink.workstationId'))));
    expect(ids.every((id) => /^ws-[0-9a-f]{8}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(2);

    const rows = await eventually(async () => {
      const status = await readStatus(district.connection, { staleAfterMs: 3_600_000 });
      const mine = status.stations.filter((row) => row.station === village);
      return mine.length === 2 && mine.every((row) => row.health === 'ok') ? mine : undefined;
    }, REPLICATION_MS, 'both workstations at the district');
    expect(rows.map((row) => row.workstation).sort()).toEqual([...ids].sort());
    for (const row of rows) expect(row).toMatchObject({ appVersion: VERSION, person: user, online: true, rejectedDocs: 0 });
  });
});
