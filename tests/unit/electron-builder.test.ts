/**
 * electron-builder.yml checked against electron-builder's own configuration schema (the one it
 * validates with before a build), plus the choices the stations depend on.
 */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const schema = require('app-builder-lib/scheme.json') as object;
const config = parse(readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  artifactName: string;
  publish: { provider: string; url: string }[];
  win: { target: { target: string; arch: string[] }[]; signtoolOptions: { publisherName: string[] }; artifactName: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowElevation: boolean; artifactName: string };
  linux: { target: { target: string; arch: string[] }[] };
  appImage: { artifactName: string };
  deb: { artifactName: string };
};

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
    expect(config.win.signtoolOptions.publisherName.length).toBeGreaterThan(0);
    expect(config['win']).toMatchObject({ verifyUpdateCodeSignature: true });
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
});
