/**
 * `release publish` / `release stage` on a folder: the feeds electron-updater reads, and the
 * refusals that keep a bad release from reaching stations.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeReleaseKeys } from '../../../support/releaseKeys';
import { parse } from 'yaml';
import { releaseCommand } from '../../../../district/release/cli';
import { folderTarget } from '../../../../district/release/feedTarget';
import { publishRelease } from '../../../../district/release/publish';
import { stageRelease } from '../../../../district/release/stage';
import { t } from '../../../../core/i18n';
import { isFeedSignedBy } from '../../../../main/updateSignature';

const releaseKeys = makeReleaseKeys();

/** The test key pair's private half as a file, as IT keeps it. */
async function keyFile(): Promise<string> {
  const file = join(root, 'release-test.key');
  await writeFile(file, releaseKeys.privateKey, { mode: 0o600 });
  return file;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gridlink-release-'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

/** The five installers electron-builder.yml produces for one version. */
async function installers(version: string): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(root, 'dist-'));
  const names = {
    win: `gridlink-${version}-x64-setup.exe`,
    appImageX64: `gridlink-${version}-x86_64.AppImage`,
    debX64: `gridlink-${version}-amd64.deb`,
    appImageArm: `gridlink-${version}-arm64.AppImage`,
    debArm: `gridlink-${version}-arm64.deb`,
  };
  const files: Record<string, string> = {};
  for (const [key, name] of Object.entries(names)) {
    files[key] = join(dir, name);
    await writeFile(files[key]!, randomBytes(10_000 + Object.keys(files).length));
  }
  await writeFile(`${files['win']}.blockmap`, randomBytes(100));
  return files;
}

const sha512 = async (file: string) => createHash('sha512').update(await readFile(file)).digest('base64');
const feed = async (dir: string, name: string) => parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown> & { files: { url: string; sha512: string; size: number }[] };

describe('release publish', () => {
  it('writes one feed per platform with each installer’s sha512, size, date and staging, next to the installers', async () => {
    const files = await installers('1.2.0');
    const out = join(root, 'feed-stable');
    const now = new Date('2026-03-01T08:00:00Z');
    await publishRelease({ signingKey: releaseKeys.privateKey, files: Object.values(files), version: '1.2.0', channel: 'stable', target: folderTarget(out), stagingPercentage: 10, now });

    expect((await readdir(out)).sort()).toEqual(
      [
        'beta-linux-arm64.yml', 'beta-linux.yml', 'beta.yml',
        'gridlink-1.2.0-amd64.deb', 'gridlink-1.2.0-arm64.AppImage', 'gridlink-1.2.0-arm64.deb',
        'gridlink-1.2.0-x64-setup.exe', 'gridlink-1.2.0-x64-setup.exe.blockmap', 'gridlink-1.2.0-x86_64.AppImage',
        'latest-linux-arm64.yml', 'latest-linux.yml', 'latest.yml',
      ].sort(),
    );
    const win = await feed(out, 'latest.yml');
    expect(win).toMatchObject({ version: '1.2.0', path: 'gridlink-1.2.0-x64-setup.exe', releaseDate: '2026-03-01T08:00:00.000Z', stagingPercentage: 10 });
    expect(win.files).toEqual([{ url: 'gridlink-1.2.0-x64-setup.exe', sha512: await sha512(files['win']!), size: (await readFile(files['win']!)).length }]);
    expect(win['sha512']).toBe(await sha512(files['win']!));

    const linux = await feed(out, 'latest-linux.yml');
    expect(linux.files.map((f) => f.url).sort()).toEqual(['gridlink-1.2.0-amd64.deb', 'gridlink-1.2.0-x86_64.AppImage']);
    for (const entry of linux.files) expect(entry.sha512).toBe(await sha512(join(out, entry.url)));
    const arm = await feed(out, 'latest-linux-arm64.yml');
    expect(arm.files.map((f) => f.url).sort()).toEqual(['gridlink-1.2.0-arm64.AppImage', 'gridlink-1.2.0-arm64.deb']);
    // The date stays a quoted string, as electron-builder writes it.
    expect(await readFile(join(out, 'latest.yml'), 'utf8')).toContain("releaseDate: '2026-03-01T08:00:00.000Z'");
  });

  it('a beta release touches only the beta feeds', async () => {
    const out = join(root, 'feed-beta');
    await publishRelease({ signingKey: releaseKeys.privateKey, files: Object.values(await installers('1.2.0')), version: '1.2.0', channel: 'stable', target: folderTarget(out) });
    const stableBefore = await readFile(join(out, 'latest-linux.yml'), 'utf8');
    await publishRelease({ signingKey: releaseKeys.privateKey, files: Object.values(await installers('1.3.0-beta.1')), version: '1.3.0-beta.1', channel: 'beta', target: folderTarget(out) });
    expect(await readFile(join(out, 'latest-linux.yml'), 'utf8')).toBe(stableBefore);
    expect((await feed(out, 'beta-linux.yml')).version).toBe('1.3.0-beta.1');
    expect((await feed(out, 'latest-linux.yml')).version).toBe('1.2.0');
  });

  it('refuses bad input with a Chinese reason and leaves the folder untouched', async () => {
    const files = await installers('1.2.0');
    const out = join(root, 'feed-refused');
    const cases: [Parameters<typeof publishRelease>[0], string][] = [
      [{ signingKey: releaseKeys.privateKey, files: [files['win']!], version: 'v1.2', channel: 'stable', target: folderTarget(out) }, t('shell:release.badVersion', { version: 'v1.2' })],
      [{ signingKey: releaseKeys.privateKey, files: [files['win']!], version: '1.2.0-beta.1', channel: 'stable', target: folderTarget(out) }, t('shell:release.prereleaseOnStable', { version: '1.2.0-beta.1' })],
      [{ signingKey: releaseKeys.privateKey, files: [], version: '1.2.0', channel: 'stable', target: folderTarget(out) }, t('shell:release.noArtifacts')],
      [{ signingKey: releaseKeys.privateKey, files: [files['debX64']!, join(root, 'nope-1.2.0.deb')], version: '1.2.0', channel: 'stable', target: folderTarget(out) }, t('shell:release.missingFile', { file: join(root, 'nope-1.2.0.deb') })],
      [{ signingKey: releaseKeys.privateKey, files: [files['win']!], version: '1.2.1', channel: 'stable', target: folderTarget(out) }, t('shell:release.versionNotInName', { file: 'gridlink-1.2.0-x64-setup.exe', version: '1.2.1' })],
    ];
    const zip = join(root, 'gridlink-1.2.0-x64.zip');
    await writeFile(zip, 'zip');
    cases.push([{ signingKey: releaseKeys.privateKey, files: [zip], version: '1.2.0', channel: 'stable', target: folderTarget(out) }, t('shell:release.unknownPlatform', { file: 'gridlink-1.2.0-x64.zip' })]);
    for (const [options, message] of cases) {
      await expect(publishRelease(options)).rejects.toThrow(message);
    }
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});

describe('release stage', () => {
  it('changes the rollout of the channel and keeps the rest of each feed', async () => {
    const out = join(root, 'feed-stage');
    await publishRelease({ signingKey: releaseKeys.privateKey, files: Object.values(await installers('1.2.0')), version: '1.2.0', channel: 'stable', target: folderTarget(out), stagingPercentage: 5 });
    const before = await feed(out, 'latest-linux.yml');
    const changed = await stageRelease({ target: folderTarget(out), channel: 'stable', percentage: 50 });
    expect(changed).toContain('latest.yml');
    expect(changed).toContain('latest-linux-arm64.yml');
    expect(await feed(out, 'latest-linux.yml')).toEqual({ ...before, stagingPercentage: 50 });
    // The stable release mirrored into the beta feeds follows the same rollout.
    expect((await feed(out, 'beta-linux.yml')).stagingPercentage).toBe(50);
  });

  it('explains when there is nothing to stage', async () => {
    const out = await mkdtemp(join(root, 'empty-'));
    await expect(stageRelease({ target: folderTarget(out), channel: 'beta', percentage: 10 })).rejects.toThrow(
      t('shell:release.noFeed', { dir: out, channel: 'beta' }),
    );
  });
});

describe('release CLI', () => {
  it('makes a key pair once, signs what it publishes with it, and stages without it (mounted command)', async () => {
    const files = await installers('2.0.0');
    const out = join(root, 'feed-cli');
    const keys = await mkdtemp(join(root, 'keys-'));
    const privateKey = join(keys, 'release.key');
    const publicKey = join(keys, 'update-public-key.pem');
    const printed: unknown[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(line));
    try {
      await releaseCommand.parseAsync(['keygen', '--private-key', privateKey, '--public-key', publicKey], { from: 'user' });
      await releaseCommand.parseAsync(['publish', files['debX64']!, files['appImageX64']!, '--version', '2.0.0', '--out', out, '--staging', '20', '--signing-key', privateKey], { from: 'user' });
      await releaseCommand.parseAsync(['stage', '60', '--dir', out], { from: 'user' });
    } finally {
      log.mockRestore();
    }
    expect(printed[1]).toContain('已发布 2.0.0');
    expect((await stat(privateKey)).mode & 0o077).toBe(0);
    const written = await feed(out, 'latest-linux.yml');
    expect(written.stagingPercentage).toBe(60);
    expect(isFeedSignedBy(written as never, await readFile(publicKey, 'utf8'))).toBe(true);
    expect(isFeedSignedBy(written as never, releaseKeys.publicKey)).toBe(false);
    // A second keygen must not replace the key every installed app trusts.
    await expect(releaseCommand.parseAsync(['keygen', '--private-key', privateKey, '--public-key', publicKey], { from: 'user' })).resolves.toBeDefined();
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(isFeedSignedBy(written as never, await readFile(publicKey, 'utf8'))).toBe(true);
  });

  it('carries release notes, from the command line or a file, under the feed’s signature; refuses notes too long to show', async () => {
    const files = await installers('2.1.0');
    const out = join(root, 'feed-notes');
    const notesFile = join(root, 'notes-2.1.0.txt');
    await writeFile(notesFile, '修复：工单导出日期按北京时间。\n新增：全局搜索。\n');
    const errors: unknown[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(line));
    try {
      await releaseCommand.parseAsync(['publish', files['debX64']!, '--version', '2.1.0', '--out', out, '--notes-file', notesFile, '--signing-key', await keyFile()], { from: 'user' });
      const written = await feed(out, 'latest-linux.yml');
      expect(written['releaseNotes']).toBe('修复：工单导出日期按北京时间。\n新增：全局搜索。');
      expect(isFeedSignedBy(written as never, releaseKeys.publicKey)).toBe(true);
      expect(isFeedSignedBy({ ...written, releaseNotes: '新增：请把密码发给 it@example.com' } as never, releaseKeys.publicKey)).toBe(false);

      await releaseCommand.parseAsync(['publish', files['debX64']!, '--version', '2.1.0', '--out', out, '--notes', 'x'.repeat(10_001), '--signing-key', await keyFile()], { from: 'user' });
      expect(process.exitCode).toBe(1);
      process.exitCode = 0;
      expect(errors).toEqual([t('shell:release.notesTooLong', { max: 10_000, length: 10_001 })]);
      expect((await feed(out, 'latest-linux.yml'))['releaseNotes']).toBe('修复：工单导出日期按北京时间。\n新增：全局搜索。');
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('refuses to publish without a signing key, before copying anything', async () => {
    const files = await installers('2.0.1');
    const out = join(root, 'feed-unsigned');
    const errors: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(line));
    const saved = process.env['GRIDLINK_RELEASE_KEY'];
    delete process.env['GRIDLINK_RELEASE_KEY'];
    try {
      await releaseCommand.parseAsync(['publish', files['debX64']!, '--version', '2.0.1', '--out', out], { from: 'user' });
    } finally {
      error.mockRestore();
      if (saved !== undefined) process.env['GRIDLINK_RELEASE_KEY'] = saved;
    }
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(errors).toEqual([t('shell:release.noSigningKey', { env: 'GRIDLINK_RELEASE_KEY' })]);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('runs on its own with npx tsx and exits non-zero with the reason on bad input', async () => {
    const files = await installers('2.1.0');
    const out = join(root, 'feed-tsx');
    const run = promisify(execFile);
    const cli = join(import.meta.dirname, '../../../../district/release/cli.ts');
    const tsx = join(import.meta.dirname, '../../../../node_modules/.bin/tsx');
    const keyFile = join(root, 'tsx-release.key');
    await writeFile(keyFile, releaseKeys.privateKey, { mode: 0o600 });
    const ok = await run(tsx, [cli, 'publish', files['win']!, '--version', '2.1.0', '--channel', 'stable', '--out', out], {
      env: { ...process.env, GRIDLINK_RELEASE_KEY: keyFile },
    });
    expect(ok.stdout).toContain('latest.yml');
    expect((await feed(out, 'latest.yml')).version).toBe('2.1.0');
    const refused = await run(tsx, [cli, 'stage', '101', '--dir', out]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain(t('shell:release.badPercentage', { value: '101' }));
  });
});
