/**
 * Changing a configured station (issue 15 part 3): once a workstation is set up, a setup for
 * another station or server needs the current station's password (what main holds, or checked
 * at the current server when main holds none) or a district admin's login (checked at the
 * current server's `/_session`). Against a real CouchDB-API server (embedded, or COUCHDB_URL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_ADMIN_ROLE } from '../../../core/rules';
import { databaseOfUnit } from '../../../core/org';
import { t } from '../../../core/i18n';
import { checkStation } from '../../../sync/stationCheck';
import { checkDistrictAdmin } from '../../../sync/setupChange';
import { createStationService, type SetupChange } from '../../../main/stationService';
import { createStationStore } from '../../../main/stationStore';
import { fakeSafeStorage } from './fakeSafeStorage';
import { basicAuth, startTestCouch, type TestCouch } from '../../support/couchServer';
import { startTcpProxy } from '../../support/tcpProxy';

const STATION = '320506101012';
const OTHER = '320506101013';
const PASSWORD = 'current-站点-pw-41';
const OTHER_PASSWORD = 'other-站点-pw-42';
const DISTRICT_ADMIN = { username: 'it-zhang', password: 'admin-pw-区中心-9' };
const NOT_ADMIN = { username: 'town-clerk', password: 'clerk-pw-7' };

let couch: TestCouch;
let root: string;

async function putUser(name: string, password: string, roles: string[]): Promise<void> {
  const id = `org.couchdb.user:${name}`;
  const existing = await couch.adminFetch(`/_users/${encodeURIComponent(id)}`);
  const rev = existing.ok ? ((await existing.json()) as { _rev: string })._rev : undefined;
  const response = await couch.adminFetch(`/_users/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify({ _id: id, ...(rev ? { _rev: rev } : {}), name, type: 'user', roles, password }) });
  expect(response.status).toBeLessThan(300);
}

/** CouchDB's auth cache learns a changed password from its changes feed, a moment after the write. */
async function untilAccepted(name: string, password: string): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    const session = await fetch(`${couch.url}/_session`, { headers: { authorization: basicAuth(name, password) } });
    if (session.ok && ((await session.json()) as { userCtx: { name: string | null } }).userCtx.name === name) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not take ${name}'s new password`);
}

async function provision(code: string, password: string): Promise<void> {
  const db = databaseOfUnit(code);
  // 412: left by an earlier run on a shared Apache CouchDB.
  expect([201, 202, 412]).toContain((await couch.adminFetch(`/${db}`, { method: 'PUT' })).status);
  const security = { admins: { names: [], roles: [] }, members: { names: [], roles: [`station:${code}`] } };
  expect((await couch.adminFetch(`/${db}/_security`, { method: 'PUT', body: JSON.stringify(security) })).ok).toBe(true);
  await putUser(`station-${code}`, password, [`station:${code}`]);
}

beforeAll(async () => {
  couch = await startTestCouch();
  root = await mkdtemp(join(tmpdir(), 'gridlink-setup-change-'));
  await couch.adminFetch('/_users', { method: 'PUT' });
  await provision(STATION, PASSWORD);
  await provision(OTHER, OTHER_PASSWORD);
  await putUser(DISTRICT_ADMIN.username, DISTRICT_ADMIN.password, [DISTRICT_ADMIN_ROLE]);
  await putUser(NOT_ADMIN.username, NOT_ADMIN.password, ['town:320506101']);
});
afterAll(async () => {
  await couch?.stop();
  await rm(root, { recursive: true, force: true });
});

const station = (districtUrl = couch.url) => ({ districtUrl, stationCode: STATION, username: `station-${STATION}`, password: PASSWORD });
const other = (districtUrl = couch.url) => ({ districtUrl, stationCode: OTHER, username: `station-${OTHER}`, password: OTHER_PASSWORD });

/** A workstation set up for STATION; `checks` counts the station checks it made (each one a server round trip). */
async function configured(options: { backend?: 'gnome_libsecret' | 'basic_text'; districtUrl?: string } = {}) {
  const dir = await mkdtemp(join(root, 'ws-'));
  const safeStorage = fakeSafeStorage(options.backend ?? 'gnome_libsecret');
  const changes: SetupChange[] = [];
  let checks = 0;
  const make = async () => {
    const service = createStationService({
      store: createStationStore({ dir, safeStorage }),
      check: async (input) => {
        checks++;
        return checkStation(input);
      },
      onSetupChanged: (change) => changes.push(change),
    });
    await service.init();
    return service;
  };
  const service = await make();
  expect(await service.setup(station(options.districtUrl))).toMatchObject({ ok: true });
  checks = 0;
  return { service, changes, restart: make, checks: () => checks };
}

describe('changing a configured station', () => {
  it('is refused without the current password or a district admin, before the new server is asked', async () => {
    const { service, checks, changes } = await configured();
    const refused = await service.setup(other());
    expect(refused).toEqual({ ok: false, reason: 'changeNotAuthorized', message: t('shell:setup.changeNotAuthorized', { code: STATION }) });
    expect(refused.ok === false && refused.message).toMatch(/[\u4e00-\u9fff]/);
    // Another server for the same station is a change too.
    const moved = `${couch.url.replace('127.0.0.1', 'localhost')}`;
    expect(await service.setup(station(moved))).toMatchObject({ ok: false, reason: 'changeNotAuthorized' });
    expect(checks()).toBe(0);
    expect(service.getConfig()).toMatchObject({ stationCode: STATION, districtUrl: couch.url });
    expect(service.getCredentials()?.password).toBe(PASSWORD);
    expect(changes).toEqual([]);
  });

  it('a wrong current password is refused; the right one moves the station', async () => {
    const { service, changes } = await configured();
    expect(await service.setup({ ...other(), currentPassword: 'not-it' })).toEqual({
      ok: false,
      reason: 'wrongCurrentPassword',
      message: t('shell:setup.wrongCurrentPassword', { code: STATION }),
    });
    expect(service.getConfig()?.stationCode).toBe(STATION);
    expect(await service.setup({ ...other(), currentPassword: PASSWORD })).toMatchObject({ ok: true, state: { status: 'ready' } });
    expect(service.getConfig()).toMatchObject({ stationCode: OTHER, database: databaseOfUnit(OTHER) });
    expect(service.getCredentials()).toEqual({ username: `station-${OTHER}`, password: OTHER_PASSWORD });
    expect(changes).toEqual([{ from: { districtUrl: couch.url, stationCode: STATION }, to: { districtUrl: couch.url, stationCode: OTHER }, authorizedBy: { kind: 'currentPassword' } }]);
  });

  it('a district admin (the district admin role, or a server admin) may move it; anyone else may not', async () => {
    const { service, changes } = await configured();
    for (const admin of [NOT_ADMIN, { ...DISTRICT_ADMIN, password: 'wrong' }, { username: `station-${STATION}`, password: PASSWORD }]) {
      expect(await service.setup({ ...other(), admin })).toEqual({ ok: false, reason: 'notDistrictAdmin', message: t('shell:setup.notDistrictAdmin', { code: STATION }) });
    }
    expect(service.getConfig()?.stationCode).toBe(STATION);
    expect(await service.setup({ ...other(), admin: DISTRICT_ADMIN })).toMatchObject({ ok: true });
    expect(service.getConfig()?.stationCode).toBe(OTHER);
    expect(changes.at(-1)?.authorizedBy).toEqual({ kind: 'districtAdmin', admin: DISTRICT_ADMIN.username });
    // And back, on the server admin's word (`_admin`).
    expect(await service.setup({ ...station(), admin: couch.admin })).toMatchObject({ ok: true });
    expect(service.getConfig()?.stationCode).toBe(STATION);
  });

  it('where main holds no password (no keyring, after a restart) the current one is checked at the current server', async () => {
    const { restart } = await configured({ backend: 'basic_text' });
    const locked = await restart();
    expect(locked.getState().status).toBe('locked');
    expect(await locked.setup({ ...other(), currentPassword: 'guess' })).toMatchObject({ ok: false, reason: 'wrongCurrentPassword' });
    expect(await locked.setup(other())).toMatchObject({ ok: false, reason: 'changeNotAuthorized' });
    expect(await locked.setup({ ...other(), currentPassword: PASSWORD })).toMatchObject({ ok: true });
    expect(locked.getConfig()?.stationCode).toBe(OTHER);
  });

  it('an admin cannot be checked while the current server is unreachable; the held current password still works', async () => {
    const proxy = await startTcpProxy(couch.url);
    try {
      const { service } = await configured({ districtUrl: proxy.url });
      await proxy.cut();
      // Moving to the server's new address (the old one is gone).
      const refused = await service.setup({ ...station(), admin: DISTRICT_ADMIN });
      expect(refused).toEqual({ ok: false, reason: 'unreachable', message: t('shell:setup.changeUnreachable', { code: STATION }) });
      expect(await service.setup({ ...station(), currentPassword: PASSWORD })).toMatchObject({ ok: true });
      expect(service.getConfig()?.districtUrl).toBe(couch.url);
    } finally {
      await proxy.stop();
    }
  });

  it('signing in again to the same station (a password IT reset) needs nothing more: the server checks it', async () => {
    const { service, changes } = await configured();
    await putUser(`station-${STATION}`, 'reset-by-it-55', [`station:${STATION}`]);
    await untilAccepted(`station-${STATION}`, 'reset-by-it-55');
    try {
      expect(await service.setup({ ...station(), password: 'stale' })).toMatchObject({ ok: false, reason: 'wrongPassword' });
      expect(await service.setup({ ...station(), password: 'reset-by-it-55' })).toMatchObject({ ok: true });
      expect(service.getCredentials()?.password).toBe('reset-by-it-55');
      // A trailing slash is the same server.
      expect(await service.setup({ ...station(`${couch.url}/`), password: 'reset-by-it-55' })).toMatchObject({ ok: true });
      expect(changes).toEqual([]);
    } finally {
      await putUser(`station-${STATION}`, PASSWORD, [`station:${STATION}`]);
      await untilAccepted(`station-${STATION}`, PASSWORD);
    }
  });

  it('the admin check reads the roles the server answers, not a claim of the client', async () => {
    expect(await checkDistrictAdmin({ districtUrl: couch.url, login: DISTRICT_ADMIN })).toBe('admin');
    expect(await checkDistrictAdmin({ districtUrl: couch.url, login: couch.admin })).toBe('admin');
    expect(await checkDistrictAdmin({ districtUrl: couch.url, login: NOT_ADMIN })).toBe('notAdmin');
    expect(await checkDistrictAdmin({ districtUrl: couch.url, login: { ...NOT_ADMIN, password: 'x' } })).toBe('wrongPassword');
    expect(await checkDistrictAdmin({ districtUrl: couch.url, login: { username: 'nobody-here', password: 'x' } })).toBe('wrongPassword');
  });
});
