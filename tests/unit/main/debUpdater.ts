/**
 * electron-updater's own DebUpdater (version comparison, channel files, staged rollout, sha512
 * check) for a station that is not running in Electron: a fake app in a temporary folder, and
 * Electron's `net` replaced by Node's http. Installing a .deb needs root, so quitAndInstall is
 * the one step recorded instead of run.
 *
 * electron-updater is plain CommonJS loaded by Node itself (vi.mock does not reach it) and
 * requires 'electron' lazily for `net`: importing this module gives that require a fake first.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { vi, type Mock } from 'vitest';

const require = createRequire(import.meta.url);
const fakeElectron = {
  net: {
    request: ({ session: _session, redirect: _redirect, ...options }: http.RequestOptions & { session?: unknown; redirect?: unknown }) =>
      http.request({ ...options, agent: false }),
  },
  session: { fromPartition: () => ({}) },
  autoUpdater: new EventEmitter(),
};
const electronPath = require.resolve('electron');
require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fakeElectron } as unknown as NodeJS.Module;
const { DebUpdater } = require('electron-updater') as typeof import('electron-updater');
const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor') as typeof import('electron-updater/out/electronHttpExecutor');

/** Lets `require('electron')` fail again as the test setup intends (call in afterAll). */
export function forgetFakeElectron(): void {
  delete require.cache[electronPath];
}

/** A staging id whose rollout position is `fraction` (electron-updater reads its last 4 bytes). */
export function stagingId(fraction: number): string {
  return `d9428888-122b-41b3-8a1c-0000${Math.floor(fraction * 0xffffffff).toString(16).padStart(8, '0')}`;
}

export interface StationUpdater {
  updater: InstanceType<typeof DebUpdater>;
  quitAndInstall: Mock;
  /** Where downloaded installers wait (`<cacheDir>/pending`). */
  cacheDir: string;
}

/** A station on `version` in a new folder under `root`, at `rolloutPosition` (0–1) of staged rollouts. */
export async function stationUpdater(root: string, options: { version: string; rolloutPosition?: number }): Promise<StationUpdater> {
  const userData = await mkdtemp(join(root, 'station-'));
  const baseCachePath = join(userData, 'cache');
  // electron-builder writes app-update.yml into the packaged app; the updater reads its cache dir name.
  await writeFile(join(userData, 'app-update.yml'), 'provider: generic\nurl: https://updates.invalid/\nupdaterCacheDirName: gridlink-updater\n');
  await writeFile(join(userData, '.updaterId'), stagingId(options.rolloutPosition ?? 0.5));
  const app = {
    version: options.version,
    name: 'gridlink',
    isPackaged: true,
    appUpdateConfigPath: join(userData, 'app-update.yml'),
    userDataPath: userData,
    baseCachePath,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new DebUpdater(null, app);
  // With an explicit app, electron-updater leaves the HTTP executor to the caller.
  Object.assign(updater, { httpExecutor: new ElectronHttpExecutor() });
  updater.logger = null;
  const quitAndInstall = vi.fn();
  updater.quitAndInstall = quitAndInstall;
  return { updater, quitAndInstall, cacheDir: join(baseCachePath, 'gridlink-updater') };
}
