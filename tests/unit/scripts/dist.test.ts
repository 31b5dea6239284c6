/** The installer build's preflight: no installer that could not verify its updates. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { distPreflight } from '../../../scripts/dist';
import { makeReleaseKeys } from '../../support/releaseKeys';

let withKey: string;
let withoutKey: string;
let badKey: string;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'gridlink-dist-'));
  [withKey, withoutKey, badKey] = [join(root, 'a'), join(root, 'b'), join(root, 'c')];
  for (const dir of [withKey, withoutKey, badKey]) await mkdir(join(dir, 'build'), { recursive: true });
  await writeFile(join(withKey, 'build/update-public-key.pem'), makeReleaseKeys().publicKey);
  // A private key in the public key's place: the build must not embed it.
  await writeFile(join(badKey, 'build/update-public-key.pem'), makeReleaseKeys().privateKey);
  return () => rm(root, { recursive: true, force: true });
});

describe('dist preflight', () => {
  it('a Linux build with the district key goes', () => {
    expect(distPreflight('linux', {}, withKey)).toEqual({ problems: [], extraArgs: [] });
  });

  it('no installer without the district release key', () => {
    expect(distPreflight('linux', {}, withoutKey).problems).toEqual([expect.stringContaining('update-public-key.pem is missing')]);
    expect(distPreflight('linux', {}, badKey).problems).toEqual([expect.stringContaining('holds a private key')]);
  });

  it('no Windows installer without a signing certificate; publisher names can be given for a certificate change', () => {
    expect(distPreflight('win', {}, withKey).problems).toEqual([expect.stringContaining('CSC_LINK')]);
    expect(distPreflight('win', { CSC_LINK: '/secure/cert.pfx', GRIDLINK_WIN_PUBLISHER: '旧名称; 新名称' }, withKey)).toEqual({
      problems: [],
      extraArgs: ['-c.win.signtoolOptions.publisherName=旧名称', '-c.win.signtoolOptions.publisherName=新名称'],
    });
  });
});
