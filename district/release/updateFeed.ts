/**
 * The update feed electron-updater's generic provider reads: one YAML file per channel and
 * platform (`latest.yml` for Windows, `latest-linux.yml`, `latest-linux-arm64.yml`; `beta…` for
 * the beta channel) listing the installers with their sha512 (base64) and size.
 * File names and fields follow electron-updater's own reader (providers/Provider.js, util.js).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Document, Scalar, parse } from 'yaml';
import { t } from '../../core/i18n';

export type ReleaseChannel = 'stable' | 'beta';
export type FeedPlatform = 'win' | 'linux-x64' | 'linux-arm64';

export const FEED_PLATFORMS: readonly FeedPlatform[] = ['win', 'linux-x64', 'linux-arm64'];

/** electron-updater calls the stable channel "latest". */
export function channelPrefix(channel: ReleaseChannel): string {
  return channel === 'stable' ? 'latest' : 'beta';
}

/** Same suffixes as electron-updater's Provider.getChannelFilePrefix (x64 has none). */
export function feedFileName(channel: ReleaseChannel, platform: FeedPlatform): string {
  const suffix = platform === 'win' ? '' : platform === 'linux-x64' ? '-linux' : '-linux-arm64';
  return `${channelPrefix(channel)}${suffix}.yml`;
}

export class ReleaseError extends Error {
  override readonly name = 'ReleaseError';
}

/** Which feed an installer belongs to, from its name (artifactName carries `${arch}`). */
export function platformOfArtifact(file: string): FeedPlatform {
  const name = basename(file);
  const lower = name.toLowerCase();
  const isArm = /(^|[-_.])(arm64|aarch64)([-_.]|$)/.test(lower);
  if (lower.endsWith('.exe') && !isArm) return 'win';
  if (lower.endsWith('.appimage') || lower.endsWith('.deb')) return isArm ? 'linux-arm64' : 'linux-x64';
  throw new ReleaseError(t('shell:release.unknownPlatform', { file: name }));
}

export interface FeedFile {
  url: string;
  sha512: string;
  size: number;
}

export interface UpdateFeed {
  version: string;
  files: FeedFile[];
  /** Legacy single-file fields; electron-updater still reads them for old clients. */
  path: string;
  sha512: string;
  releaseDate: string;
  stagingPercentage?: number;
  /** What changed, in the clerks' words: shown in the 关于本机 panel before they restart (signed). */
  releaseNotes?: string;
  /** The district's Ed25519 signature (district/release/feedSigning.ts). */
  gridlinkSignature?: string;
}

/** sha512 in base64, as electron-updater's DigestTransform compares it. */
export async function describeArtifact(file: string): Promise<FeedFile> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { url: basename(file), sha512: hash.digest('base64'), size: (await stat(file)).size };
}

export function buildFeed(version: string, files: FeedFile[], releaseDate: Date, stagingPercentage?: number, releaseNotes?: string): UpdateFeed {
  const [first] = files;
  if (first === undefined) throw new ReleaseError(t('shell:release.noArtifacts'));
  return {
    version,
    files,
    path: first.url,
    sha512: first.sha512,
    releaseDate: releaseDate.toISOString(),
    ...(stagingPercentage === undefined ? {} : { stagingPercentage }),
    ...(releaseNotes === undefined ? {} : { releaseNotes }),
  };
}

export function serializeFeed(feed: UpdateFeed): string {
  const doc = new Document(feed);
  // Quoted like electron-builder writes it: unquoted, js-yaml (the updater's parser) would
  // turn the ISO date into a Date object instead of the string UpdateInfo declares.
  const date = doc.get('releaseDate', true);
  if (date instanceof Scalar) date.type = Scalar.QUOTE_SINGLE;
  return doc.toString({ lineWidth: 0 });
}

export function parseFeed(text: string): UpdateFeed {
  const value = parse(text) as Partial<UpdateFeed> | null;
  if (value === null || typeof value.version !== 'string' || !Array.isArray(value.files)) {
    throw new ReleaseError('not an update feed (version and files expected)');
  }
  return value as UpdateFeed;
}

export function parsePercentage(value: string | number): number {
  const text = String(value).trim();
  const n = Number(text);
  if (!/^[0-9]{1,3}$/.test(text) || !Number.isInteger(n) || n < 0 || n > 100) {
    throw new ReleaseError(t('shell:release.badPercentage', { value: text }));
  }
  return n;
}
