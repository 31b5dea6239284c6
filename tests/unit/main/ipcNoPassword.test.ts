/**
 * The renderer never receives the station's password (issue 15, part 3): every invoke handler
 * main registers, driven through the real wire (main/ipcHandlers.ts) and, on top of it, through
 * the real preload bridge (preload/index.ts, electron faked), with a station set up against a
 * real CouchDB-API server whose password is a known marker. No answer, in any encoding a
 * careless handler would use, contains it.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeFunctionNames, invokeContract, type GridlinkBridge, type InvokeName, type IpcEnvelope } from '../../../ipc/contract';
import { appInvokeHandlers } from '../../../main/appHandlers';
import { exportDiagnostics } from '../../../main/diagnostics';
import { registerIpcHandlers } from '../../../main/ipcHandlers';
import { createRendererLog } from '../../../main/rendererLog';
import { createPersonService } from '../../../main/personService';
import { createStationService, type StationService } from '../../../main/stationService';
import { createStationStore } from '../../../main/stationStore';
import { updateFeedOf } from '../../../main/updateFeed';
import { createUpdateService, type UpdaterLike } from '../../../main/updateService';
import { isAppUrl } from '../../../main/windowGuards';
import { databaseOfUnit } from '../../../core/org';
import { checkStation } from '../../../sync/stationCheck';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { makeReleaseKeys } from '../../support/releaseKeys';
import { fakeSafeStorage } from './fakeSafeStorage';

const STATION = '320506101022';
const USERNAME = `station-${STATION}`;
/** The marker: found anywhere in an answer means the renderer could read the password. */
const PASSWORD = 'PW-MARKER-网格-3f9c2a7e';

const fake = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock('electron', () => ({
  get contextBridge() {
    return fake.current!['contextBridge'];
  },
  get ipcRenderer() {
    return fake.current!['ipcRenderer'];
  },
}));

let couch: TestCouch;
let root: string;
let station: StationService;
const stops: (() => void)[] = [];

beforeAll(async () => {
  couch = await startTestCouch();
  root = await mkdtemp(join(tmpdir(), 'gridlink-ipc-secret-'));
  const db = databaseOfUnit(STATION);
  await couch.adminFetch('/_users', { method: 'PUT' });
  // 412: left by an earlier run on a shared Apache CouchDB.
  expect([201, 202, 412]).toContain((await couch.adminFetch(`/${db}`, { method: 'PUT' })).status);
  const security = { admins: { names: [], roles: [] }, members: { names: [], roles: [`station:${STATION}`] } };
  expect((await couch.adminFetch(`/${db}/_security`, { method: 'PUT', body: JSON.stringify(security) })).ok).toBe(true);
  const id = `org.couchdb.user:${USERNAME}`;
  const existing = await couch.adminFetch(`/_users/${encodeURIComponent(id)}`);
  const rev = existing.ok ? { _rev: ((await existing.json()) as { _rev: string })._rev } : {};
  const user = { _id: id, ...rev, name: USERNAME, type: 'user', roles: [`station:${STATION}`], password: PASSWORD };
  expect((await couch.adminFetch(`/_users/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(user) })).status).toBeLessThan(300);
  station = createStationService({ store: createStationStore({ dir: join(root, 'station'), safeStorage: fakeSafeStorage('gnome_libsecret') }), check: checkStation });
  await station.init();
  expect(await station.setup({ districtUrl: couch.url, stationCode: STATION, username: USERNAME, password: PASSWORD })).toMatchObject({ ok: true });
  // The marker is what main holds and sends to the server (the proof that the test can fail).
  expect(station.getCredentials()?.password).toBe(PASSWORD);
});
afterAll(async () => {
  for (const stop of stops) stop();
  await couch?.stop();
  await rm(root, { recursive: true, force: true });
});

/** The password as text, base64 (a Basic header), hex and JSON-escaped. */
const variants = [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64'), Buffer.from(PASSWORD).toString('hex'), JSON.stringify(PASSWORD).slice(1, -1)];
const leaks = (value: unknown): string[] => {
  const text = JSON.stringify(value) ?? '';
  return variants.filter((variant) => text.includes(variant));
};

/** An updater that never reaches a feed, but keeps what main configures it with (the feed's login). */
function quietUpdater(): UpdaterLike {
  return {
    on: () => undefined,
    checkForUpdates: async () => null,
    downloadUpdate: async () => [],
    setFeedURL: () => undefined,
    quitAndInstall: () => undefined,
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    requestHeaders: null,
  } as unknown as UpdaterLike;
}

/** main's handlers as main/index.ts wires them, on a fake ipcMain: channel → wire. */
function mainWires() {
  const updater = quietUpdater();
  const updates = createUpdateService({ updater, isPackaged: true, publicKey: makeReleaseKeys().publicKey, isFormDirty: () => false, send: () => undefined });
  stops.push(() => updates.stop());
  const configureUpdates = () => updates.configure(updateFeedOf(station.getConfig(), station.getCredentials()));
  configureUpdates();
  const lines: string[] = [];
  const wires = new Map<string, (event: unknown, payload: unknown) => Promise<IpcEnvelope<unknown>>>();
  registerIpcHandlers({
    ipcMain: { handle: (channel: string, wire: (event: unknown, payload: unknown) => Promise<IpcEnvelope<unknown>>) => void wires.set(channel, wire), removeHandler: () => undefined } as never,
    isAppUrl: (url) => isAppUrl(url),
    handlers: appInvokeHandlers({
      appInfo: () => ({ version: '0.2.0', platform: 'linux', arch: 'x64', electron: '45.6.1', chrome: '142.0.0.0' }),
      station,
      updates,
      configureUpdates,
      setFormDirty: () => undefined,
      externalOrigins: () => [couch.url],
      openExternal: () => undefined,
      openLogFolder: () => undefined,
      writeLog: createRendererLog({ log: { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } }),
      exportDiagnostics: (request) =>
        exportDiagnostics(
          {
            logsDir: join(root, 'logs'),
            appInfo: () => ({ version: '0.2.0', platform: 'linux', arch: 'x64', electron: '45.6.1', chrome: '142.0.0.0', packaged: true }),
            stationState: () => station.getState(),
            updateStatus: () => updates.getStatus(),
            chooseFile: async (name) => join(root, name),
          },
          request,
        ),
      log: { warn: (m: string) => lines.push(m) },
      people: createPersonService({ file: join(root, 'people.json'), station: () => station.getConfig() }),
    }),
  });
  // The updater really was given the station's login (for the district's release database).
  expect(leaks(updater.requestHeaders)).not.toEqual([]);
  return { wires, lines };
}

const sync = { connection: 'online', lastSyncAt: null, pendingTotal: 0, pendingByType: {}, rejectedCount: 0, conflicts: 0, initial: { done: 0, total: 0, complete: true }, authError: null, lastError: null };

/** A valid payload for every channel; a channel added without one fails this test. */
const payloads: { [K in InvokeName]: unknown } = {
  getAppInfo: undefined,
  getStationState: undefined,
  getStationConfig: undefined,
  setupStation: { districtUrl: '', stationCode: STATION, username: USERNAME, password: PASSWORD },
  unlockStation: { password: PASSWORD },
  measureClockOffset: undefined,
  applyDistrictSettings: { updateChannel: 'beta' },
  getUpdateStatus: undefined,
  checkForUpdates: undefined,
  installUpdate: undefined,
  setFormDirty: { dirty: false },
  openExternal: { url: 'https://example.org/' },
  openLogFolder: undefined,
  writeLog: { level: 'error', source: 'sync', message: `sync failed for ${USERNAME}` },
  exportDiagnostics: { sync },
  getDataKey: undefined,
  // A person who never signed in online here: refused (neverOnline), an accepted call all the same.
  signInPerson: { person: `person-${STATION}-wang`, password: 'a-person-password-7' },
};

describe('the renderer never receives the station password', () => {
  it('no answer of any channel main registers contains it', async () => {
    const { wires } = mainWires();
    expect([...wires.keys()].sort()).toEqual(Object.values(invokeContract).map((c) => c.channel).sort());
    const frame = { senderFrame: { url: 'gridlink://app/', parent: null } };
    for (const name of Object.keys(invokeContract) as InvokeName[]) {
      const payload = name === 'setupStation' ? { ...(payloads.setupStation as object), districtUrl: couch.url } : payloads[name];
      const answer = await wires.get(invokeContract[name].channel)!(frame, payload);
      // Every call is a real, accepted one (a refused payload would prove nothing).
      expect(answer.ok, `${name}: ${JSON.stringify(answer)}`).toBe(true);
      expect(leaks(answer), name).toEqual([]);
    }
    // Set up and unlocked with it: the station is ready, so main holds it right now.
    expect(station.getState().status).toBe('ready');
    // The diagnostics zip the renderer asked for holds none of it either.
    const zips = (await readdir(root)).filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    for (const file of zips) {
      const files = unzipSync(new Uint8Array(await readFile(join(root, file))));
      for (const [path, bytes] of Object.entries(files)) expect(leaks(Buffer.from(bytes).toString('utf8')), path).toEqual([]);
    }
  });

  it('the preload bridge exposes no function that returns it, and no way to ask for it', async () => {
    const { wires } = mainWires();
    const exposed = new Map<string, Record<string, unknown>>();
    fake.current = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        // The renderer's calls reach main's real handlers, as Electron's IPC would carry them.
        invoke: (channel: string, payload: unknown) => wires.get(channel)!({ senderFrame: { url: 'gridlink://app/', parent: null } }, payload),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    vi.resetModules();
    await import('../../../preload/index');
    const bridge = exposed.get('gridlink') as unknown as GridlinkBridge & Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...bridgeFunctionNames].sort());
    expect(Object.keys(bridge).filter((name) => /credential|password|secret|auth/i.test(name))).toEqual([]);
    for (const name of Object.keys(invokeContract) as InvokeName[]) {
      const payload = name === 'setupStation' ? { ...(payloads.setupStation as object), districtUrl: couch.url } : payloads[name];
      const call = bridge[name] as (payload?: unknown) => Promise<unknown>;
      const answer = await call(payload);
      expect(leaks(answer), name).toEqual([]);
    }
  });
});
