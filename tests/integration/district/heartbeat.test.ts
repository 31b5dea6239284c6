/**
 * Workstations report themselves: two workstations of one village, each the real sync engine on
 * its own local database through its own proxy, write their heartbeats; the reports travel up to
 * the district database, where `district status` (the real bin) lists both healthy with their
 * versions and who is signed in. One is cut off the network: it goes stale after the threshold
 * while the other stays healthy, and the exit code tells a cron job so.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatus, type StationHealth } from '../../../district/status';
import { userNameOf } from '../../../district/topologyPlan';
import { startHeartbeat, type Heartbeat } from '../../../renderer/data/heartbeat';
import { measureClockOffset } from '../../../sync/serverClock';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { nodeWorkstation, type NodeWorkstation } from '../../e2e/support/nodeWorkstation';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../../support/provisionedDistrict';

/** Two hops of replication (station → town → district) on a loaded server. */
const REPLICATION_MS = 90_000;
const STALE_MS = 20_000;

let district: ProvisionedDistrict;
const desks: NodeWorkstation<'stationStatus'>[] = [];
const beats: Heartbeat[] = [];
let village: string;

beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
  village = district.demo.orgTree.towns[0]!.villages[0]!.code;
});
afterAll(async () => {
  for (const beat of beats) beat.stop();
  for (const desk of desks) await desk.close();
  await district?.stop();
});

const cli = (args: string[]) => runDistrictCli(args, adminEnv(district.couch), 60_000);

const rowsOf = async (staleAfterMs: number): Promise<StationHealth[]> =>
  (await readStatus(district.connection, { staleAfterMs })).stations.filter((row) => row.station === village);

describe('workstation heartbeats in the district report', { timeout: 4 * REPLICATION_MS }, () => {
  it('two workstations show healthy with version and person; one cut off goes stale, and the exit code says so', async () => {
    for (const [index, version] of ['1.4.0', '1.5.0-beta.1'].entries()) {
      const desk = await nodeWorkstation(district, village, ['stationStatus']);
      desks.push(desk);
      beats.push(
        startHeartbeat({
          collection: desk.db.collections.stationStatus,
          stationCode: village,
          workstation: `ws-0000000${index}`,
          workstationName: `村委会电脑 ${index + 1}`,
          person: userNameOf(village),
          appVersion: version,
          ...(version.includes('beta') ? { updateChannel: 'beta' as const } : {}),
          status$: desk.sync.status$,
          freeDisk: async () => 50 * 1024 ** 3,
          // The first measures the server's clock for real (it shares this machine's); the second runs 3 minutes slow.
          clockOffset: index === 0 ? () => measureClockOffset(district.couch.url) : async () => 180_000,
          intervalMs: 2_000,
          minGapMs: 500,
        }),
      );
    }

    const healthy = await eventually(async () => {
      const rows = await rowsOf(STALE_MS);
      return rows.length === 2 && rows.every((row) => row.health === 'ok') ? rows : undefined;
    }, REPLICATION_MS, 'both workstations report healthy at the district');
    expect(healthy.map((row) => [row.workstation, row.appVersion, row.updateChannel, row.person, row.pendingUploads, row.freeDiskBytes])).toEqual([
      ['ws-00000000', '1.4.0', null, userNameOf(village), 0, 50 * 1024 ** 3],
      ['ws-00000001', '1.5.0-beta.1', 'beta', userNameOf(village), 0, 50 * 1024 ** 3],
    ]);
    const table = await cli(['status', '--stale-hours', String(STALE_MS / 3_600_000)]);
    expect(table.stdout).toContain('村委会电脑 2');
    expect(table.stdout).toContain('1.5.0-beta.1 (beta)');
    expect(table.stdout.split('\n').find((line) => line.includes('村委会电脑 1'))).toContain('准确');
    expect(table.stdout.split('\n').find((line) => line.includes('村委会电脑 2'))).toContain('慢 3 分钟');

    // The first workstation loses its network: its last report ages, the other keeps beating.
    await desks[0]!.proxy.cut();
    const after = await eventually(async () => {
      const rows = await rowsOf(STALE_MS);
      const byId = new Map(rows.map((row) => [row.workstation, row.health]));
      return byId.get('ws-00000000') === 'stale' && byId.get('ws-00000001') === 'ok' ? rows : undefined;
    }, REPLICATION_MS + STALE_MS, 'the cut-off workstation shows stale, the other healthy');
    expect(after.find((row) => row.health === 'stale')?.workstation).toBe('ws-00000000');

    const cron = await cli(['status', '--json', '--stale-hours', String(STALE_MS / 3_600_000)]);
    expect(cron.code).toBe(2);
    const report = JSON.parse(cron.stdout) as { stations: StationHealth[] };
    expect(report.stations.find((row) => row.workstation === 'ws-00000000')?.health).toBe('stale');
  });

  it('refuses a stale threshold that is not a positive number, instead of switching detection off', async () => {
    for (const bad of ['abc', '0', '-3', '1e3x']) {
      const result = await cli(['status', '--stale-hours', bad]);
      expect(result.code, bad).toBe(1);
    }
  });
});
