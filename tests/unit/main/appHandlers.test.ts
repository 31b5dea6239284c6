/**
 * The update flow as the 关于本机 panel drives it, through the app's IPC channels: a release
 * published by `release publish` into a folder served on loopback, found and downloaded by
 * electron-updater's own DebUpdater behind main's update service, its statuses (with the
 * release notes) as the panel receives them, and 重启以安装 refused while the renderer says a
 * form is unsaved. Electron itself is faked (./debUpdater.ts); the panel is tested in Chromium
 * (tests/e2e/aboutPanel.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { t } from '../../../core/i18n';
import type { UpdateStatus } from '../../../ipc/contract';
import { signFeed } from '../../../district/release/feedSigning';
import { folderTarget } from '../../../district/release/feedTarget';
import { publishRelease } from '../../../district/release/publish';
import { parseFeed, serializeFeed, type UpdateFeed } from '../../../district/release/updateFeed';
import { notesText, trackReleaseNotes } from '../../../main/releaseNotes';
import { createUpdateService } from '../../../main/updateService';
import { makeReleaseKeys } from '../../support/releaseKeys';
import { appIpc } from './appIpc';
import { forgetFakeElectron, stationUpdater } from './debUpdater';
import { serveFolder, type StaticFolderServer } from './staticFolderServer';

const keys = makeReleaseKeys();
const NOTES = '新增：工单可按网格筛选\n修复：调解协议打印时页码重复';

let root: string;
let feedDir: string;
let server: StaticFolderServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gridlink-app-updates-'));
  feedDir = await mkdtemp(join(root, 'feed-'));
  server = await serveFolder(feedDir);
});
afterAll(async () => {
  await server?.close();
  forgetFakeElectron();
  await rm(root, { recursive: true, force: true });
});

/** `release publish` of a .deb; the district's notes signed into the feed with the release key. */
async function publishWithNotes(version: string, notes: string): Promise<void> {
  const installer = join(await mkdtemp(join(root, 'build-')), `gridlink-${version}-amd64.deb`);
  await writeFile(installer, randomBytes(512 * 1024));
  await publishRelease({ signingKey: keys.privateKey, files: [installer], version, channel: 'stable', target: folderTarget(feedDir) });
  const path = join(feedDir, 'latest-linux.yml');
  const feed = parseFeed(await readFile(path, 'utf8'));
  await writeFile(path, serializeFeed(signFeed({ ...feed, releaseNotes: notes } as UpdateFeed, keys.privateKey)));
}

describe('updates over the app\'s IPC channels', () => {
  it('a published release shows its download progress and notes, and restarting waits for unsaved forms', async () => {
    await publishWithNotes('0.3.0', NOTES);
    const station = await stationUpdater(root, { version: '0.2.0' });

    // As main/index.ts wires it: the notes first, then the service; the renderer's flag in main.
    const describeUpdate = trackReleaseNotes(station.updater, keys.publicKey);
    let formDirty = false;
    const pushed: UpdateStatus[] = [];
    const updates = createUpdateService({
      updater: station.updater,
      isPackaged: true,
      publicKey: keys.publicKey,
      isFormDirty: () => formDirty,
      send: (status) => pushed.push(describeUpdate(status)),
      intervalMs: 60 * 60 * 1000,
    });
    const invoke = appIpc({ updates, describeUpdate, setFormDirty: (dirty) => (formDirty = dirty) });

    updates.configure({ url: server.url, channel: 'stable' });
    await vi.waitFor(
      async () => expect((await invoke('getUpdateStatus')).ok && pushed.at(-1)?.state).toBe('ready'),
      { timeout: 20_000, interval: 50 },
    );
    updates.stop();

    // What the panel was told, in order: checking, the version found, its download, ready.
    const states = pushed.map((status) => status.state);
    expect(states.slice(0, 2)).toEqual(['idle', 'checking']);
    expect(states.indexOf('available')).toBeLessThan(states.indexOf('downloading'));
    const percents = pushed.flatMap((status) => (status.state === 'downloading' ? [status.percent] : []));
    expect(percents.at(-1)).toBe(100);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(pushed.at(-1)).toEqual({ state: 'ready', version: '0.3.0', notes: NOTES });
    expect(await invoke('getUpdateStatus')).toEqual({ ok: true, value: { state: 'ready', version: '0.3.0', notes: NOTES } });

    // A form with unsaved input: the restart is refused with words the clerk can act on.
    expect(await invoke('setFormDirty', { dirty: true })).toEqual({ ok: true, value: null });
    expect(await invoke('installUpdate')).toEqual({ ok: true, value: { started: false, reason: 'form-open', message: t('shell:update.formOpen') } });
    // A malformed flag changes nothing.
    expect(await invoke('setFormDirty', { dirty: 'no' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await invoke('installUpdate')).toMatchObject({ ok: true, value: { started: false, reason: 'form-open' } });
    expect(station.quitAndInstall).not.toHaveBeenCalled();

    // Saved: the restart goes ahead, once.
    expect(await invoke('setFormDirty', { dirty: false })).toEqual({ ok: true, value: null });
    expect(await invoke('installUpdate')).toEqual({ ok: true, value: { started: true } });
    expect(station.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('release notes are shown only from a feed whose signature verifies', () => {
    const listeners = new Map<string, (info: unknown) => void>();
    const updater = { on: (event: string, listener: (info: unknown) => void) => listeners.set(event, listener) };
    const describeUpdate = trackReleaseNotes(updater as never, keys.publicKey);
    const feed = { version: '0.4.0', files: [{ url: 'gridlink-0.4.0-amd64.deb', sha512: 'abc', size: 1 }], path: 'gridlink-0.4.0-amd64.deb', sha512: 'abc', releaseDate: '2025-03-01T00:00:00.000Z' };
    listeners.get('update-available')!({ ...feed, releaseNotes: '请立即安装 http://evil.example/' });
    expect(describeUpdate({ state: 'ready', version: '0.4.0' })).toEqual({ state: 'ready', version: '0.4.0' });
    listeners.get('update-available')!(signFeed({ ...feed, releaseNotes: '<p>修复若干问题</p>' } as UpdateFeed, keys.privateKey));
    expect(describeUpdate({ state: 'ready', version: '0.4.0' })).toEqual({ state: 'ready', version: '0.4.0', notes: '修复若干问题' });
    // Another version's status carries none.
    expect(describeUpdate({ state: 'downloading', version: '0.5.0', percent: 3 })).toEqual({ state: 'downloading', version: '0.5.0', percent: 3 });
  });

  it('notes written as HTML or per version read as plain text', () => {
    expect(notesText('<h3>0.3.0</h3><ul><li>新增 &amp; 修复</li><li>提速</li></ul>')).toBe('0.3.0新增 & 修复\n提速');
    expect(notesText([{ version: '0.3.0', note: '第一条' }, { version: '0.2.9', note: '第二条' }])).toBe('第一条\n\n第二条');
    expect(notesText(null)).toBeNull();
    expect(notesText('   ')).toBeNull();
  });
});
