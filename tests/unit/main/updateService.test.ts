/**
 * Auto-update end to end on one machine: `release publish` writes a real feed into a folder, a
 * loopback HTTP server serves it, and electron-updater's own DebUpdater (version comparison,
 * channel files, staged rollout, sha512 check) runs behind main's update service with a fake
 * app. Only Electron's `net` is replaced, by Node's http, since there is no Electron here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeReleaseKeys } from '../../support/releaseKeys';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { t } from '../../../core/i18n';
import type { UpdateStatus } from '../../../ipc/contract';
import { folderTarget } from '../../../district/release/feedTarget';
import { publishRelease } from '../../../district/release/publish';
import { stageRelease } from '../../../district/release/stage';
import type { ReleaseChannel } from '../../../district/release/updateFeed';
import { createUpdateService, type UpdateService } from '../../../main/updateService';
import { forgetFakeElectron, stationUpdater } from './debUpdater';
import { serveFolder, type StaticFolderServer } from './staticFolderServer';

const releaseKeys = makeReleaseKeys();

let root: string;
let feedDir: string;
let server: StaticFolderServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gridlink-updates-'));
});
afterAll(async () => {
  forgetFakeElectron();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  feedDir = await mkdtemp(join(root, 'feed-'));
  server = await serveFolder(feedDir);
  return () => server.close();
});

/** An installer as electron-builder would name it, filled with random bytes. */
async function buildInstaller(version: string, arch: 'x64' | 'arm64' = 'x64'): Promise<string> {
  const dir = await mkdtemp(join(root, 'build-'));
  // Named as electron-builder names debs (artifactName gridlink-${version}-${arch}: amd64 / arm64).
  const file = join(dir, `gridlink-${version}-${arch === 'x64' ? 'amd64' : 'arm64'}.deb`);
  await writeFile(file, randomBytes(256 * 1024));
  return file;
}

async function release(version: string, channel: ReleaseChannel, stagingPercentage?: number, arch?: 'x64' | 'arm64'): Promise<void> {
  await publishRelease({ signingKey: releaseKeys.privateKey, files: [await buildInstaller(version, arch)],
    version,
    channel,
    target: folderTarget(feedDir),
    ...(stagingPercentage === undefined ? {} : { stagingPercentage }),
  });
}

interface Station {
  service: UpdateService;
  statuses: UpdateStatus[];
  cacheDir: string;
  setDirty(dirty: boolean): void;
  quitAndInstall: ReturnType<typeof vi.fn>;
  settle(): Promise<UpdateStatus>;
}

async function station(options: { version: string; channel?: ReleaseChannel; rolloutPosition?: number; publicKey?: string | null }): Promise<Station> {
  const { updater, quitAndInstall, cacheDir } = await stationUpdater(root, options);
  const statuses: UpdateStatus[] = [];
  let dirty = false;
  const service = createUpdateService({
    updater,
    isPackaged: true,
    publicKey: options.publicKey === undefined ? releaseKeys.publicKey : options.publicKey,
    isFormDirty: () => dirty,
    send: (status) => statuses.push(status),
    intervalMs: 60 * 60 * 1000,
  });
  service.configure({ url: server.url, channel: options.channel ?? 'stable' });
  const settle = async (): Promise<UpdateStatus> => {
    await vi.waitFor(
      () => {
        const state = service.getStatus().state;
        if (!['up-to-date', 'ready', 'error'].includes(state)) throw new Error(`still ${state}`);
      },
      { timeout: 15_000, interval: 20 },
    );
    service.stop();
    return service.getStatus();
  };
  return { service, statuses, cacheDir, setDirty: (d) => (dirty = d), quitAndInstall, settle };
}

const downloadedInstallers = async (cacheDir: string): Promise<string[]> =>
  (await readdir(join(cacheDir, 'pending')).catch(() => [] as string[])).filter((name) => name.endsWith('.deb'));

describe('auto-update from the district feed', () => {
  it('a station on 0.2.0 finds 0.3.0, downloads it and offers "restart to install"', async () => {
    await release('0.3.0', 'stable');
    const s = await station({ version: '0.2.0' });
    expect(await s.settle()).toEqual({ state: 'ready', version: '0.3.0' });
    const states = s.statuses.map((status) => status.state);
    expect(states).toEqual(expect.arrayContaining(['checking', 'available', 'downloading', 'ready']));
    expect(states.indexOf('available')).toBeLessThan(states.indexOf('downloading'));
    expect(s.statuses).toContainEqual({ state: 'downloading', version: '0.3.0', percent: 100 });
    expect(await downloadedInstallers(s.cacheDir)).toEqual(['gridlink-0.3.0-amd64.deb']);
  });

  it('restart to install is refused while a form has unsaved input, and runs once it is saved', async () => {
    await release('0.3.0', 'stable');
    const s = await station({ version: '0.2.0' });
    await s.settle();
    s.setDirty(true);
    expect(s.service.install()).toMatchObject({ started: false, reason: 'form-open' });
    expect(s.quitAndInstall).not.toHaveBeenCalled();
    s.setDirty(false);
    expect(s.service.install()).toEqual({ started: true });
    expect(s.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('a station already on the published version is up to date and downloads nothing', async () => {
    await release('0.3.0', 'stable');
    const s = await station({ version: '0.3.0' });
    expect(await s.settle()).toEqual({ state: 'up-to-date', version: '0.3.0' });
    expect(server.requests.filter((path) => path.endsWith('.deb'))).toEqual([]);
    expect(s.service.install()).toMatchObject({ started: false, reason: 'not-ready' });
  });

  it('a beta release reaches stations on the beta channel only', async () => {
    await release('0.3.0', 'stable');
    await release('0.4.0-beta.1', 'beta');
    const stable = await station({ version: '0.3.0', channel: 'stable' });
    expect(await stable.settle()).toEqual({ state: 'up-to-date', version: '0.3.0' });
    const beta = await station({ version: '0.3.0', channel: 'beta' });
    expect(await beta.settle()).toEqual({ state: 'ready', version: '0.4.0-beta.1' });
  });

  it('a newer stable release also reaches beta stations, an older one never downgrades them', async () => {
    await release('0.4.0-beta.1', 'beta');
    await release('0.3.1', 'stable');
    const onBeta = await station({ version: '0.4.0-beta.1', channel: 'beta' });
    expect(await onBeta.settle()).toEqual({ state: 'up-to-date', version: '0.4.0-beta.1' });
    await release('0.4.0', 'stable');
    const later = await station({ version: '0.4.0-beta.1', channel: 'beta' });
    expect(await later.settle()).toEqual({ state: 'ready', version: '0.4.0' });
  });

  it('a 0% stage offers the update to no station; staged to 100% it reaches all', async () => {
    await release('0.3.0', 'stable', 0);
    for (const position of [0.0001, 0.5, 0.9999]) {
      const s = await station({ version: '0.2.0', rolloutPosition: position });
      expect(await s.settle()).toEqual({ state: 'up-to-date', version: '0.3.0' });
    }
    await stageRelease({ target: folderTarget(feedDir), channel: 'stable', percentage: 100 });
    for (const position of [0.0001, 0.5, 0.9999]) {
      const s = await station({ version: '0.2.0', rolloutPosition: position });
      expect(await s.settle()).toEqual({ state: 'ready', version: '0.3.0' });
    }
  });

  it('at a 20% stage a station inside the first 20% updates and one outside waits', async () => {
    await release('0.3.0', 'stable', 20);
    const inside = await station({ version: '0.2.0', rolloutPosition: 0.1 });
    expect((await inside.settle()).state).toBe('ready');
    const outside = await station({ version: '0.2.0', rolloutPosition: 0.9 });
    expect((await outside.settle()).state).toBe('up-to-date');
  });

  it('an installer whose sha512 does not match the feed is refused and not kept', async () => {
    await release('0.3.0', 'stable');
    // Same name and size, other bytes: a corrupted or substituted upload.
    await writeFile(join(feedDir, 'gridlink-0.3.0-amd64.deb'), randomBytes(256 * 1024));
    const s = await station({ version: '0.2.0' });
    const status = await s.settle();
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toMatch(/sha512 checksum mismatch/);
    expect(await downloadedInstallers(s.cacheDir)).toEqual([]);
    expect(s.service.install()).toMatchObject({ started: false, reason: 'not-ready' });
  });

  /** Rewrites the Linux feed as someone who controls the update server would. */
  async function rewriteFeed(change: (feed: Record<string, unknown> & { files: { url: string; sha512: string; size: number }[] }) => void): Promise<void> {
    const path = join(feedDir, 'latest-linux.yml');
    const feed = parseYaml(await readFile(path, 'utf8')) as Record<string, unknown> & { files: { url: string; sha512: string; size: number }[] };
    change(feed);
    await writeFile(path, stringifyYaml(feed));
  }

  const expectRefused = async (s: Station, version: string) => {
    expect(await s.settle()).toEqual({ state: 'error', message: t('shell:update.badSignature', { version }) });
    expect(server.requests.filter((path) => path.endsWith('.deb'))).toEqual([]);
    expect(s.statuses.map((status) => status.state)).not.toContain('available');
    expect(s.service.install()).toMatchObject({ started: false, reason: 'not-ready' });
  };

  it('a feed and installer swapped by whoever serves them (sha512 rewritten to match) is refused before download', async () => {
    await release('0.3.0', 'stable');
    const evil = randomBytes(256 * 1024);
    await writeFile(join(feedDir, 'gridlink-0.3.0-amd64.deb'), evil);
    const sha512 = createHash('sha512').update(evil).digest('base64');
    await rewriteFeed((feed) => {
      feed.files[0]!.sha512 = sha512;
      feed['sha512'] = sha512;
    });
    await expectRefused(await station({ version: '0.2.0' }), '0.3.0');
  });

  it('an unsigned feed is refused, and so is one signed by another key', async () => {
    await release('0.3.0', 'stable');
    await rewriteFeed((feed) => delete feed['gridlinkSignature']);
    await expectRefused(await station({ version: '0.2.0' }), '0.3.0');
    await release('0.3.1', 'stable');
    await expectRefused(await station({ version: '0.2.0', publicKey: makeReleaseKeys().publicKey }), '0.3.1');
  });

  it('a version number raised in a signed feed is refused', async () => {
    await release('0.3.0', 'stable');
    await rewriteFeed((feed) => (feed['version'] = '9.0.0'));
    await expectRefused(await station({ version: '0.2.0' }), '9.0.0');
  });

  it('a build without the district key never checks for updates', async () => {
    await release('0.3.0', 'stable');
    const s = await station({ version: '0.2.0', publicKey: null });
    expect(s.service.getStatus()).toEqual({ state: 'disabled', reason: 'unsigned-build' });
    expect(await s.service.check()).toEqual({ state: 'disabled', reason: 'unsigned-build' });
    expect(server.requests).toEqual([]);
  });

  it('an arm64 station reads latest-linux-arm64.yml and gets the arm64 installer', async () => {
    await release('0.3.0', 'stable', undefined, 'x64');
    await release('0.3.0', 'stable', undefined, 'arm64');
    process.env['TEST_UPDATER_ARCH'] = 'arm64';
    try {
      const s = await station({ version: '0.2.0' });
      expect(await s.settle()).toEqual({ state: 'ready', version: '0.3.0' });
      expect(server.requests).toContain('/latest-linux-arm64.yml');
      expect(await downloadedInstallers(s.cacheDir)).toEqual(['gridlink-0.3.0-arm64.deb']);
    } finally {
      delete process.env['TEST_UPDATER_ARCH'];
    }
  });
});

describe('update schedule', () => {
  /** Only the schedule is under test here: an updater that counts checks and answers nothing new. */
  function countingUpdater() {
    const events = new EventEmitter();
    const updater = Object.assign(events, {
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: true,
      requestHeaders: null as Record<string, string> | null,
      feeds: [] as unknown[],
      setFeedURL(options: unknown) {
        updater.feeds.push(options);
      },
      checkForUpdates: vi.fn(async () => {
        events.emit('checking-for-update');
        events.emit('update-not-available', { version: '0.2.0' });
        return null;
      }),
      quitAndInstall: vi.fn(),
    });
    return updater;
  }

  it('checks at start and again every four hours, with downgrades off', async () => {
    vi.useFakeTimers();
    try {
      const updater = countingUpdater();
      const service = createUpdateService({ updater: updater as never, isPackaged: true, publicKey: releaseKeys.publicKey, isFormDirty: () => false, send: () => undefined });
      expect(updater.allowDowngrade).toBe(false);
      service.configure({ url: 'http://10.20.0.5:5984/gl-releases/app/', channel: 'beta', authorization: 'Basic eDp5' });
      expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://10.20.0.5:5984/gl-releases/app/', channel: 'beta' }]);
      expect(updater.requestHeaders).toEqual({ authorization: 'Basic eDp5' });
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(4 * 60 * 60 * 1000 - 1000);
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(8 * 60 * 60 * 1000);
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(4);
      service.stop();
      await vi.advanceTimersByTimeAsync(8 * 60 * 60 * 1000);
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(4);
      expect(updater.quitAndInstall).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('an unpackaged (development) run never checks', () => {
    const updater = countingUpdater();
    const service = createUpdateService({ updater: updater as never, isPackaged: false, publicKey: releaseKeys.publicKey, isFormDirty: () => false, send: () => undefined });
    service.configure({ url: 'http://10.20.0.5:5984/gl-releases/app/', channel: 'stable' });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(service.getStatus()).toEqual({ state: 'disabled', reason: 'not-packaged' });
  });

  it('a deb install (IT-managed) announces a new version but does not download it', () => {
    const updater = countingUpdater();
    createUpdateService({ updater: updater as never, isPackaged: true, publicKey: releaseKeys.publicKey, managedInstall: true, isFormDirty: () => false, send: () => undefined });
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });
});
