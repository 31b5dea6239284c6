/**
 * What the district's release key signs in an update feed, shared by the signer (`release
 * publish`) and the app that verifies before it downloads. electron-updater's generic feed
 * carries only sha512s, which whoever serves the feed can rewrite together with the installer;
 * a signature over the same fields, by a key whose public half is built into the app, cannot be.
 *
 * Signed: everything that decides what gets installed or shown (version, files with their
 * sha512 and size, the legacy single-file fields, release date, notes). Not signed: the staged
 * rollout percentage, which `release stage` changes without the private key; at worst someone
 * who controls the feed offers a signed release to more or fewer stations.
 */

/** Longest release notes a feed carries and the app shows (characters of plain text). */
export const RELEASE_NOTES_MAX = 10_000;

/** The feed field holding the base64 Ed25519 signature. */
export const FEED_SIGNATURE_FIELD = 'gridlinkSignature';

export interface SignableFeed {
  version: string;
  files: readonly { url: string; sha512: string; size?: number }[];
  path?: string;
  sha512?: string;
  releaseDate?: string;
  releaseName?: string | null;
  releaseNotes?: unknown;
}

/**
 * The bytes signed, as a string: fixed key order and only the signed fields, so a feed
 * re-serialized by YAML (quotes, field order, an added stagingPercentage) still verifies.
 */
export function signedFeedPayload(feed: SignableFeed): string {
  return JSON.stringify({
    purpose: 'gridlink-update-feed-v1',
    version: feed.version,
    files: feed.files.map((file) => ({ url: file.url, sha512: file.sha512, size: file.size ?? null })),
    path: feed.path ?? null,
    sha512: feed.sha512 ?? null,
    releaseDate: feed.releaseDate ?? null,
    releaseName: feed.releaseName ?? null,
    releaseNotes: feed.releaseNotes ?? null,
  });
}
