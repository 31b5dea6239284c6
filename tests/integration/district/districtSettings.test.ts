/**
 * Settings from the district: IT sets a town's update channel with the CLI; the setting doc
 * flows down to a village's database; a workstation set up with only the district's address,
 * its unit code and a login (main's real station service, the real sync engine, the renderer's
 * follower) picks the channel up and keeps it across 重新登录. A station's own account cannot
 * publish a setting.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOfUnit, scopeOfUnit } from '../../../core/org';
import { userNameOf } from '../../../district/topologyPlan';
import { stationConnectOrigins } from '../../../main/appProtocol';
import { createStationService, type StationService } from '../../../main/stationService';
import { createStationStore } from '../../../main/stationStore';
import { followDistrictSettings } from '../../../renderer/data/districtSettings';
import { checkStation } from '../../../sync/stationCheck';
import { nodeWorkstation, type NodeWorkstation } from '../../e2e/support/nodeWorkstation';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { fakeSafeStorage } from '../../unit/main/fakeSafeStorage';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../../support/provisionedDistrict';

const REPLICATION_MS = 90_000;
let district: ProvisionedDistrict;
let desk: NodeWorkstation<'settings'> | null = null;
let dir: string;

beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
  dir = await mkdtemp(join(tmpdir(), 'gridlink-settings-'));
});
afterAll(async () => {
  await desk?.close();
  await district?.stop();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runDistrictCli(['--district', district.demo.orgTree.code, ...args], adminEnv(district.couch), 60_000);

describe('settings published by the district', { timeout: 3 * REPLICATION_MS }, () => {
  it('reach a workstation set up with only address, code and login, which keeps them across 重新登录', async () => {
    const town = district.demo.orgTree.towns[0]!;
    const village = town.villages[0]!.code;
    const user = userNameOf(village);
    const password = district.passwords.get(user)!;

    const service: StationService = createStationService({ store: createStationStore({ dir, safeStorage: fakeSafeStorage('gnome_libsecret') }), check: checkStation });
    await service.init();
    const login = { districtUrl: district.couch.url, stationCode: village, username: user, password };
    expect(await service.setup(login)).toMatchObject({ ok: true });
    expect(service.getConfig()).toMatchObject({ updateChannel: 'stable', updateUrl: `${district.couch.url}/gl-releases/app/` });

    // The renderer's follower, handing the host what the synced settings say (over IPC in the app).
    desk = await nodeWorkstation(district, village, ['settings']);
    const stopFollowing = followDistrictSettings(desk.db.collections.settings, village, { applyDistrictSettings: async (s) => void (await service.applyDistrictSettings(s)) });

    const feed = `${district.couch.url}/gl-releases/pilot/`;
    const setTown = await cli('settings', 'set', town.code, '--update-channel', 'beta');
    expect(setTown.code, setTown.stderr).toBe(0);
    const tiles = 'https://gis.szwz.gov.cn/tiles/{z}/{x}/{y}.png';
    const setDistrict = await cli('settings', 'set', district.demo.orgTree.code, '--update-channel', 'stable', '--update-url', feed, '--idle-lock-minutes', '15', '--basemap-url', tiles);
    expect(setDistrict.code, setDistrict.stderr).toBe(0);
    // The town's channel wins over the district's; the feed comes from the district.
    expect((await cli('settings', 'show', village)).stdout).toContain(`单位 ${village} 实际生效：更新通道=beta，更新地址=${feed}，锁屏分钟=15`);

    // On a timeout: where both settings got to (the databases on the way down, the desk, the host).
    const units = [district.demo.orgTree.code, town.code, village];
    const whereSettingsAre = async () => {
      const onServer = await Promise.all([`setting:${town.code}`, `setting:${district.demo.orgTree.code}`].map((id) => district.whereIs(id, units)));
      const onDesk = (await desk!.db.collections.settings.find().exec()).map((d) => `${d.primary} ${d.toJSON().updatedAt as string}`);
      return `${onServer.join(' | ')} | desk: ${onDesk.join(', ') || 'none'} | host: ${JSON.stringify(service.getConfig())}`;
    };
    await eventually(async () => service.getConfig()?.updateChannel === 'beta' && service.getConfig()?.updateUrl === feed && service.getConfig()?.basemapUrl === tiles, REPLICATION_MS, 'the workstation follows the district', whereSettingsAre);
    // The page of the desktop app may now fetch the basemap's tiles (from its next start).
    expect(stationConnectOrigins(service.getConfig())).toEqual([new URL(district.couch.url).origin, 'https://gis.szwz.gov.cn']);
    // 重新登录 sends only the login again: the district's channel and feed stay.
    expect(await service.setup(login)).toMatchObject({ ok: true });
    expect(service.getConfig()).toMatchObject({ updateChannel: 'beta', updateUrl: feed, basemapUrl: tiles });

    // Clearing the town's channel lets the district's apply again.
    expect((await cli('settings', 'set', town.code, '--clear', 'updateChannel')).code).toBe(0);
    await eventually(async () => service.getConfig()?.updateChannel === 'stable', REPLICATION_MS, 'the district channel applies again', whereSettingsAre);
    stopFollowing();
  });

  it('refuses an insecure feed and a station publishing a setting', async () => {
    const village = district.demo.orgTree.towns[0]!.villages[1]!.code;
    const refused = await cli('settings', 'set', village, '--update-url', 'http://updates.example/app/');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('必须以 https:// 开头');
    const noTiles = await cli('settings', 'set', village, '--basemap-url', 'https://gis.szwz.gov.cn/map.html');
    expect(noTiles.code).toBe(1);
    expect(noTiles.stderr).toContain('底图地址应是含 {z}、{x}、{y} 的瓦片地址');
    const now = new Date().toISOString();
    const forged = { _id: `setting:${village}`, type: 'setting', unitCode: village, scope: scopeOfUnit(village), createdAt: now, updatedAt: now, updatedBy: userNameOf(village), updateUrl: 'https://evil.example/' };
    const answer = await district.asUnit(village, `/${databaseOfUnit(village)}/${forged._id}`, { method: 'PUT', body: JSON.stringify(forged) });
    expect(answer.status).toBe(403);
  });
});
