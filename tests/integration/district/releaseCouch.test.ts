/**
 * `release publish --couch`: the feed and installers become attachments of one document, so the
 * stations' default update URL (<district server>/gl-releases/app/) serves them with the
 * station's own login. Runs against the real CouchDB-API test server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReleaseKeys } from '../../support/releaseKeys';
import { parse } from 'yaml';
import { defaultUpdateUrl } from '../../../ipc/contract';
import { couchTarget } from '../../../district/release/feedTarget';
import { publishRelease } from '../../../district/release/publish';
import { stageRelease } from '../../../district/release/stage';
import { startTestCouch, type TestCouch } from '../../support/couchServer';

const releaseKeys = makeReleaseKeys();

let couch: TestCouch;
let root: string;
beforeAll(async () => {
  couch = await startTestCouch();
  root = await mkdtemp(join(tmpdir(), 'gridlink-release-couch-'));
});
afterAll(async () => {
  await couch?.stop();
  await rm(root, { recursive: true, force: true });
});

/** The default update URL's document, written with the admin login given apart (as the CLI does). */
function releaseTarget() {
  return couchTarget(defaultUpdateUrl(couch.url).replace(/\/$/, ''), { user: couch.admin.username, password: couch.admin.password });
}

describe('release publish to CouchDB attachments', () => {
  it('serves the feed and the installer at the default update URL, and stage changes the rollout', async () => {
    const installer = join(root, 'gridlink-1.4.0-amd64.deb');
    await writeFile(installer, randomBytes(64 * 1024));
    await publishRelease({ signingKey: releaseKeys.privateKey, files: [installer], version: '1.4.0', channel: 'stable', target: releaseTarget(), stagingPercentage: 25 });

    const base = defaultUpdateUrl(couch.url);
    const get = (name: string) => fetch(new URL(name, base), { headers: { authorization: couch.adminAuth } });
    const feedResponse = await get('latest-linux.yml');
    expect(feedResponse.status).toBe(200);
    const feed = parse(await feedResponse.text()) as { version: string; stagingPercentage: number; files: { url: string; sha512: string; size: number }[] };
    expect(feed).toMatchObject({ version: '1.4.0', stagingPercentage: 25 });

    const download = Buffer.from(await (await get(feed.files[0]!.url)).arrayBuffer());
    expect(download.length).toBe(feed.files[0]!.size);
    expect(createHash('sha512').update(download).digest('base64')).toBe(feed.files[0]!.sha512);

    // Publishing again (a new revision of the same document) and staging both work in place.
    await stageRelease({ target: releaseTarget(), channel: 'stable', percentage: 100 });
    expect((parse(await (await get('latest-linux.yml')).text()) as { stagingPercentage: number }).stagingPercentage).toBe(100);
    expect((await get('beta-linux.yml')).status).toBe(200);
  });
});
