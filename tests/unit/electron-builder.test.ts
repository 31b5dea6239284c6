/**
 * electron-builder.yml checked against electron-builder's own configuration schema (the one it
 * validates with before a build), plus the choices the stations depend on.
 */
import { Ajv } from 'ajv';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from 'vite';
import { parse } from 'yaml';
import { findElectronBinary } from '../../scripts/electronBinary';

const require = createRequire(import.meta.url);
const schema = require('app-builder-lib/scheme.json') as object;
const config = parse(readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  artifactName: string;
  publish: { provider: string; url: string }[];
  win: { target: { target: string; arch: string[] }[]; signtoolOptions?: { publisherName?: string[] }; artifactName: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowElevation: boolean; artifactName: string };
  linux: { target: { target: string; arch: string[] }[] };
  appImage: { artifactName: string };
  deb: { artifactName: string };
  electronFuses: Record<string, boolean>;
};

/** The fuses a shared station PC needs, by @electron/fuses' option names (FuseV1Options). */
const EXPECTED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
} as const;

/** electron-builder's key for each fuse: the option name with a lower-case first letter. */
const builderKey = (fuse: string) => fuse[0]!.toLowerCase() + fuse.slice(1);

const electronBinary = findElectronBinary();

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's configuration schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a misspelt option (it is not a rubber stamp)', () => {
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachin: false } })).toBe(false);
  });

  it('names every artifact with its version and architecture', () => {
    const names = [config.artifactName, config.win.artifactName, config.nsis.artifactName, config.appImage.artifactName, config.deb.artifactName];
    for (const name of names) {
      expect(name).toContain('${version}');
      expect(name).toContain('${arch}');
      expect(name).toMatch(/^[A-Za-z0-9${}._-]+$/);
    }
  });

  it('installs on Windows per user (no admin for updates) and checks the publisher', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
    expect(config['win']).toMatchObject({ verifyUpdateCodeSignature: true });
    // The publisher comes from the signing certificate (scripts/dist.ts requires one), never a placeholder.
    expect(config.win.signtoolOptions?.publisherName).toBeUndefined();
  });

  it('builds AppImage and deb for x64 and arm64', () => {
    for (const target of ['AppImage', 'deb']) {
      expect(config.linux.target).toContainEqual({ target, arch: ['x64', 'arm64'] });
    }
  });

  it('publishes to a generic server (the URL is replaced by the station configuration)', () => {
    expect(config.publish).toHaveLength(1);
    expect(config.publish[0]!.provider).toBe('generic');
  });

  it('sets every security fuse of the packaged binary', () => {
    const expected = Object.fromEntries(Object.entries(EXPECTED_FUSES).map(([fuse, value]) => [builderKey(fuse), value]));
    expect(config.electronFuses).toEqual(expected);
  });

  it('the fuses check knows every fuse electron-builder can set, but the V8 snapshot one', () => {
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number | string> };
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)) && key !== 'LoadBrowserProcessSpecificV8Snapshot');
    expect(Object.keys(EXPECTED_FUSES).sort()).toEqual(known.sort());
  });

  // The read-back from a real binary needs Electron's, which the build machines here cannot download.
  it.skipIf(electronBinary === null)('the configured fuses read back from a flipped Electron binary', async () => {
    const fuses = require('@electron/fuses') as typeof import('@electron/fuses');
    const { FuseState } = require('@electron/fuses/dist/constants') as typeof import('@electron/fuses/dist/constants');
    const dir = await mkdtemp(join(tmpdir(), 'gridlink-fuses-'));
    try {
      const copy = join(dir, 'electron');
      await copyFile(electronBinary!, copy);
      const wire: Record<number, boolean> = {};
      for (const [fuse, key] of Object.entries(EXPECTED_FUSES).map(([fuse]) => [fuse, builderKey(fuse)] as const)) {
        wire[fuses.FuseV1Options[fuse as keyof typeof fuses.FuseV1Options]] = config.electronFuses[key]!;
      }
      await fuses.flipFuses(copy, { version: fuses.FuseVersion.V1, ...wire });
      const read = await fuses.getCurrentFuseWire(copy);
      for (const [fuse, value] of Object.entries(EXPECTED_FUSES)) {
        expect(read[fuses.FuseV1Options[fuse as keyof typeof fuses.FuseV1Options]], fuse).toBe(value ? FuseState.ENABLE : FuseState.DISABLE);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The packages the built main and preload load from node_modules at run time (vite's own resolution). */
async function runtimePackages(): Promise<string[]> {
  const packages = new Set<string>();
  const external = (id: string): boolean => {
    if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
    if (id.startsWith('node:') || builtinModules.includes(id)) return true;
    packages.add(id.split('/').slice(0, id.startsWith('@') ? 2 : 1).join('/'));
    return true;
  };
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(import.meta.dirname, '../..'),
    build: { write: false, ssr: true, rollupOptions: { input: ['main/index.ts', 'preload/index.ts'], external } },
  });
  return [...packages].sort();
}

describe('what the installer packs', () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(import.meta.dirname, '../../package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };

  // electron-builder copies `dependencies` into the asar; the renderer is bundled by vite and the
  // district's tools run from the repository, so anything else there is dead weight shipped.
  it('`dependencies` are exactly the packages main and preload load at run time', async () => {
    const loaded = (await runtimePackages()).filter((name) => name !== 'electron');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(loaded);
  });

  it('ships none of the district-only libraries nor the deprecated packages exceljs pulls in', () => {
    const shipped = new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional)
        .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    );
    for (const name of ['nano', 'commander', 'exceljs', 'read', 'iconv-lite', 'chardet', 'unzipper', 'fstream', 'inflight', 'rimraf', 'glob', 'react', 'maplibre-gl', 'rxdb']) {
      expect(shipped.has(name), name).toBe(false);
    }
    expect(shipped.has('electron-updater')).toBe(true);
  });
});

