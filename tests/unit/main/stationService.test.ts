/**
 * First-run setup against a real CouchDB-API server (embedded pouchdb-server, or COUCHDB_URL):
 * the clerk's entries are checked with real HTTP before anything is saved, each refusal has
 * its own Chinese message, and the password ends up only in safeStorage's encrypted secret —
 * never in a plain file, the log included.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import logger from 'electron-log/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOfUnit } from '../../../core/org';
import { t } from '../../../core/i18n';
import { checkStation } from '../../../sync/stationCheck';
import { freePort } from '../../../district/devServer/embeddedServer';
import { configureFileLog } from '../../../main/logging';
import { createStationService } from '../../../main/stationService';
import { createStationStore } from '../../../main/stationStore';
import { fakeSafeStorage } from './fakeSafeStorage';
import { startTestCouch, type TestCouch } from '../../support/couchServer';

const STATION = '320506101002';
const OTHER_STATION = '320506101003';
const UNPROVISIONED = '320506101099';
const PASSWORD = '网格-Secret-7d3f9a';

let couch: TestCouch;
let root: string;

async function provisionStation(code: string, username: string, password: string): Promise<void> {
  const db = databaseOfUnit(code);
  expect((await couch.adminFetch(`/${db}`, { method: 'PUT' })).status).toBeLessThan(300);
  const security = { admins: { names: [], roles: [] }, members: { names: [], roles: [`station:${code}`] } };
  expect((await couch.adminFetch(`/${db}/_security`, { method: 'PUT', body: JSON.stringify(security) })).ok).toBe(true);
  const user = { _id: `org.couchdb.user:${username}`, name: username, type: 'user', roles: [`station:${code}`], password };
  expect((await couch.adminFetch(`/_users/${encodeURIComponent(user._id)}`, { method: 'PUT', body: JSON.stringify(user) })).status).toBeLessThan(300);
}

beforeAll(async () => {
  couch = await startTestCouch();
  root = await mkdtemp(join(tmpdir(), 'gridlink-station-'));
  await couch.adminFetch('/_users', { method: 'PUT' });
  await provisionStation(STATION, `station-${STATION}`, PASSWORD);
  await provisionStation(OTHER_STATION, `station-${OTHER_STATION}`, 'other-password');
});
afterAll(async () => {
  await couch?.stop();
  await rm(root, { recursive: true, force: true });
});

/** One workstation: its user data folder, file log and station service, as main wires them. */
async function workstation(dir: string, backend: 'gnome_libsecret' | 'basic_text', safeStorage = fakeSafeStorage(backend), requireHttps = false) {
  const log = logger.create({ logId: `station-${Math.random()}` });
  configureFileLog(log.transports.file, { logsDir: join(dir, 'logs') });
  log.transports.console.level = false;
  const service = createStationService({ store: createStationStore({ dir: join(dir, 'station'), safeStorage, log }), check: checkStation, log, requireHttps });
  await service.init();
  return { service, safeStorage };
}

const setupInput = (overrides: Partial<{ stationCode: string; password: string; districtUrl: string; username: string }> = {}) => ({
  districtUrl: couch.url,
  stationCode: STATION,
  username: `station-${STATION}`,
  password: PASSWORD,
  ...overrides,
});

/** Every byte written under `dir`, as text in the encodings a careless write would use. */
async function everythingWritten(dir: string): Promise<{ files: string[]; text: string }> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const contents = await Promise.all(files.map((file) => readFile(file)));
  const text = contents.map((b) => [b.toString('utf8'), b.toString('latin1'), b.toString('utf16le')].join('\n')).join('\n');
  return { files, text };
}

const variantsOf = (secret: string) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), JSON.stringify(secret)];

describe('first-run station setup', () => {
  it('in a packaged build, sends no credentials to a district or update address without https (but to this machine)', async () => {
    const dir = await mkdtemp(join(root, 'https-'));
    let asked = 0;
    const { service } = await workstation(dir, 'gnome_libsecret', undefined, true);
    const counting = createStationService({
      store: createStationStore({ dir: join(dir, 'counting'), safeStorage: fakeSafeStorage('gnome_libsecret') }),
      check: async (input) => {
        asked++;
        return checkStation(input);
      },
      requireHttps: true,
    });
    for (const candidate of [service, counting]) {
      const refused = await candidate.setup(setupInput({ districtUrl: 'http://couch.district.example:5984' }));
      expect(refused).toMatchObject({ ok: false, reason: 'insecureUrl' });
      expect(refused.ok === false && refused.message).toContain('https://');
      expect(await candidate.setup({ ...setupInput(), updateUrl: 'http://updates.example/feed/' })).toMatchObject({ ok: false, reason: 'insecureUrl' });
    }
    expect(asked).toBe(0);
    // Loopback (the embedded dev server) is this machine: allowed.
    expect(await service.setup(setupInput())).toMatchObject({ ok: true });
  });

  it('saves a station whose account and password the server accepts', async () => {
    const dir = await mkdtemp(join(root, 'ok-'));
    const { service, safeStorage } = await workstation(dir, 'gnome_libsecret');
    expect(service.getState()).toEqual({ status: 'unconfigured' });
    const result = await service.setup({ ...setupInput(), stationName: '养育巷社区' });
    expect(result).toMatchObject({ ok: true, state: { status: 'ready', secretStorage: 'safe-storage' } });
    expect(service.getConfig()).toMatchObject({ stationCode: STATION, stationName: '养育巷社区', database: `gl-station-${STATION}`, updateChannel: 'stable' });
    expect(service.getConfig()?.updateUrl).toBe(`${couch.url}/gl-releases/app/`);

    // The next start finds it again, password included (decrypted through safeStorage).
    const { service: restarted } = await workstation(dir, 'gnome_libsecret', safeStorage);
    expect(restarted.getState().status).toBe('ready');
    expect(restarted.getCredentials()).toEqual({ username: `station-${STATION}`, password: PASSWORD });
  });

  it('signing in again (重新登录) keeps the update feed and channel IT set', async () => {
    const dir = await mkdtemp(join(root, 'relogin-'));
    const { service } = await workstation(dir, 'gnome_libsecret');
    const feed = `${couch.url}/gl-releases/pilot/`;
    expect(await service.setup({ ...setupInput(), updateUrl: feed, updateChannel: 'beta' })).toMatchObject({ ok: true });
    // 重新登录 sends the station without its update settings (the renderer never held them).
    expect(await service.setup(setupInput())).toMatchObject({ ok: true });
    expect(service.getConfig()).toMatchObject({ updateUrl: feed, updateChannel: 'beta' });
    // An explicit choice still wins.
    expect(await service.setup({ ...setupInput(), updateChannel: 'stable' })).toMatchObject({ ok: true });
    expect(service.getConfig()).toMatchObject({ updateUrl: feed, updateChannel: 'stable' });
  });

  it('the password never reaches a plain file: not the config, not the log', async () => {
    const dir = await mkdtemp(join(root, 'files-'));
    const { service } = await workstation(dir, 'gnome_libsecret');
    await service.setup(setupInput({ password: 'wrong-once' }));
    await service.setup(setupInput());
    const { files, text } = await everythingWritten(dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['logs/main.log', 'station/station.json', 'station/station.secret']);
    for (const variant of [...variantsOf(PASSWORD), ...variantsOf('wrong-once')]) expect(text).not.toContain(variant);
    expect(JSON.parse(await readFile(join(dir, 'station', 'station.json'), 'utf8'))).not.toHaveProperty('password');
  });

  it('refuses a wrong password with its own message and saves nothing', async () => {
    const dir = await mkdtemp(join(root, 'wrong-password-'));
    const { service } = await workstation(dir, 'gnome_libsecret');
    const result = await service.setup(setupInput({ password: 'not-the-password' }));
    expect(result).toEqual({ ok: false, reason: 'wrongPassword', message: t('shell:setup.wrongPassword') });
    expect(service.getState()).toEqual({ status: 'unconfigured' });
    const { files } = await everythingWritten(dir);
    expect(files.some((f) => f.includes('station.'))).toBe(false);
  });

  it('refuses a station the account may not read, or that was never provisioned', async () => {
    const dir = await mkdtemp(join(root, 'wrong-station-'));
    const { service } = await workstation(dir, 'gnome_libsecret');
    for (const code of [OTHER_STATION, UNPROVISIONED]) {
      const result = await service.setup(setupInput({ stationCode: code }));
      expect(result).toEqual({ ok: false, reason: 'wrongStation', message: t('shell:setup.wrongStation', { code }) });
      expect(result.ok === false && result.message).toContain(code);
    }
    expect(service.getState()).toEqual({ status: 'unconfigured' });
  });

  it('tells an unreachable server apart from a wrong password', async () => {
    const dir = await mkdtemp(join(root, 'unreachable-'));
    const { service } = await workstation(dir, 'gnome_libsecret');
    const result = await service.setup(setupInput({ districtUrl: `http://127.0.0.1:${await freePort()}` }));
    expect(result).toEqual({ ok: false, reason: 'unreachable', message: t('shell:setup.unreachable') });
    const messages = new Set(['unreachable', 'wrongPassword', 'wrongStation'].map((reason) => t(`shell:setup.${reason}`, { code: STATION })));
    expect(messages.size).toBe(3);
    for (const message of messages) expect(message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('without a keyring (basic_text) it warns, keeps the password in memory only and asks again at the next start', async () => {
    const dir = await mkdtemp(join(root, 'basic-text-'));
    const { service } = await workstation(dir, 'basic_text');
    const result = await service.setup(setupInput());
    expect(result).toMatchObject({ ok: true, warning: t('shell:setup.insecureStorage'), state: { status: 'ready', secretStorage: 'memory-only' } });
    expect(service.getCredentials()?.password).toBe(PASSWORD);
    const { files, text } = await everythingWritten(dir);
    expect(files.some((f) => f.endsWith('station.secret'))).toBe(false);
    for (const variant of variantsOf(PASSWORD)) expect(text).not.toContain(variant);

    const { service: restarted } = await workstation(dir, 'basic_text');
    expect(restarted.getState()).toMatchObject({ status: 'locked', secretStorage: 'memory-only', config: { stationCode: STATION } });
    expect(restarted.getCredentials()).toBeNull();
    expect(await restarted.unlock({ password: 'guess' })).toMatchObject({ ok: false, reason: 'wrongPassword' });
    expect(await restarted.unlock({ password: PASSWORD })).toMatchObject({ ok: true, state: { status: 'ready' } });
    expect(restarted.getCredentials()?.password).toBe(PASSWORD);
  });

  it('a secret left from a keyring is removed when the password is later saved without one', async () => {
    const dir = await mkdtemp(join(root, 'keyring-gone-'));
    await (await workstation(dir, 'gnome_libsecret')).service.setup(setupInput());
    await (await workstation(dir, 'basic_text')).service.setup(setupInput());
    const { files } = await everythingWritten(dir);
    expect(files.some((f) => f.endsWith('station.secret'))).toBe(false);
  });
});

describe('the data key of the local database', () => {
  it('with a keyring: made once, kept sealed by safeStorage, the same after a restart, never in a plain file', async () => {
    const dir = await mkdtemp(join(root, 'datakey-keyring-'));
    const { service, safeStorage } = await workstation(dir, 'gnome_libsecret');
    expect(await service.getDataKey()).toBeNull();
    await service.setup(setupInput());
    const first = await service.getDataKey();
    expect(first?.key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await service.getDataKey())?.key).toBe(first?.key);
    const { files, text } = await everythingWritten(dir);
    expect(files.some((f) => f.endsWith('station.datakey'))).toBe(true);
    expect(files.some((f) => f.endsWith('station.datakey.json'))).toBe(false);
    for (const variant of variantsOf(first!.key)) expect(text).not.toContain(variant);
    const { service: restarted } = await workstation(dir, 'gnome_libsecret', safeStorage);
    expect((await restarted.getDataKey())?.key).toBe(first?.key);
  });

  it('without a keyring: wrapped by the password; offline, a wrong password is refused and the right one opens the same key', async () => {
    const dir = await mkdtemp(join(root, 'datakey-basic-'));
    const { service } = await workstation(dir, 'basic_text');
    await service.setup(setupInput());
    const first = await service.getDataKey();
    const { files, text } = await everythingWritten(dir);
    expect(files.some((f) => f.endsWith('station.datakey.json'))).toBe(true);
    for (const variant of [...variantsOf(first!.key), ...variantsOf(PASSWORD)]) expect(text).not.toContain(variant);

    // The district is out of reach at the next start.
    const configFile = join(dir, 'station', 'station.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as { districtUrl: string };
    await writeFile(configFile, JSON.stringify({ ...config, districtUrl: `http://127.0.0.1:${await freePort()}` }));
    const { service: offline } = await workstation(dir, 'basic_text');
    expect(await offline.getDataKey()).toBeNull();
    expect(await offline.unlock({ password: 'guess' })).toMatchObject({ ok: false, reason: 'wrongPassword' });
    expect(offline.getCredentials()).toBeNull();
    expect(await offline.unlock({ password: PASSWORD })).toMatchObject({ ok: true, warning: t('shell:setup.offlineUnlock') });
    expect((await offline.getDataKey())?.key).toBe(first?.key);
  });
});
