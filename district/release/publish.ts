/**
 * `release publish`: copies installers to where the stations' update URL serves them and
 * writes the channel feeds that point at them. Installers go first and feeds last, so a
 * station never reads a feed whose installer is not there yet.
 */
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import semver from 'semver';
import { t } from '../../core/i18n';
import { RELEASE_NOTES_MAX } from '../../core/releases/signedFeed';
import { signFeed } from './feedSigning';
import type { FeedTarget } from './feedTarget';
import {
  FEED_PLATFORMS,
  ReleaseError,
  buildFeed,
  describeArtifact,
  feedFileName,
  parseFeed,
  platformOfArtifact,
  serializeFeed,
  type FeedFile,
  type FeedPlatform,
  type ReleaseChannel,
} from './updateFeed';

export interface PublishOptions {
  files: string[];
  version: string;
  channel: ReleaseChannel;
  target: FeedTarget;
  /** The district's release key (PEM): every feed written is signed with it. */
  signingKey: string;
  /** 0–100; omitted means everyone (electron-updater treats a missing field as 100). */
  stagingPercentage?: number;
  /** Plain text for the clerks (the app shows at most RELEASE_NOTES_MAX characters). */
  releaseNotes?: string;
  now?: Date;
}

export interface PublishResult {
  feeds: string[];
  artifacts: string[];
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function publishRelease(options: PublishOptions): Promise<PublishResult> {
  const { version, channel, target } = options;
  if (semver.valid(version) === null) throw new ReleaseError(t('shell:release.badVersion', { version }));
  if (channel === 'stable' && semver.prerelease(version) !== null) {
    throw new ReleaseError(t('shell:release.prereleaseOnStable', { version }));
  }
  if (options.files.length === 0) throw new ReleaseError(t('shell:release.noArtifacts'));
  const notes = options.releaseNotes?.trim();
  if (notes !== undefined && notes.length > RELEASE_NOTES_MAX) throw new ReleaseError(t('shell:release.notesTooLong', { max: RELEASE_NOTES_MAX, length: notes.length }));

  // Check everything before touching the target: a bad argument must leave the feed as it was.
  const byPlatform = new Map<FeedPlatform, { file: string; info: FeedFile }[]>();
  for (const file of options.files) {
    if (!(await exists(file))) throw new ReleaseError(t('shell:release.missingFile', { file }));
    // electron-updater finds the previous installer's blockmap by swapping versions in the name.
    if (!basename(file).includes(version)) throw new ReleaseError(t('shell:release.versionNotInName', { file: basename(file), version }));
    const platform = platformOfArtifact(file);
    const list = byPlatform.get(platform) ?? [];
    list.push({ file, info: await describeArtifact(file) });
    byPlatform.set(platform, list);
  }

  const artifacts: string[] = [];
  for (const list of byPlatform.values()) {
    for (const { file, info } of list) {
      await target.putArtifact(file, info.url);
      artifacts.push(info.url);
      // NSIS differential updates read `<installer>.blockmap` next to the installer.
      if (await exists(`${file}.blockmap`)) {
        await target.putArtifact(`${file}.blockmap`, `${info.url}.blockmap`);
        artifacts.push(`${info.url}.blockmap`);
      }
    }
  }

  const now = options.now ?? new Date();
  const feeds: string[] = [];
  for (const platform of FEED_PLATFORMS) {
    const list = byPlatform.get(platform);
    if (list === undefined) continue;
    const feed = buildFeed(version, list.map((entry) => entry.info), now, options.stagingPercentage, notes || undefined);
    const text = serializeFeed(signFeed(feed, options.signingKey));
    await target.writeText(feedFileName(channel, platform), text);
    feeds.push(feedFileName(channel, platform));
    if (channel === 'stable') {
      // Beta stations must not be stuck on an older beta once a newer stable release is out,
      // nor be offered a stable release older than the beta they run.
      const betaName = feedFileName('beta', platform);
      const betaText = await target.readText(betaName);
      const betaVersion = betaText === null ? null : parseFeed(betaText).version;
      if (betaVersion === null || semver.gt(version, betaVersion)) {
        await target.writeText(betaName, text);
        feeds.push(betaName);
      }
    }
  }
  return { feeds, artifacts };
}
