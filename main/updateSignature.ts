/**
 * Checks the district's signature on an update feed before anything is downloaded
 * (core/releases/signedFeed.ts says what is signed and why). electron-updater then checks each
 * download against the sha512 of this same, verified feed.
 */
import { verify } from 'node:crypto';
import { FEED_SIGNATURE_FIELD, signedFeedPayload, type SignableFeed } from '../core/releases/signedFeed';

export function isFeedSignedBy(feed: SignableFeed & Record<string, unknown>, publicKeyPem: string): boolean {
  const signature = feed[FEED_SIGNATURE_FIELD];
  if (typeof signature !== 'string' || !Array.isArray(feed.files)) return false;
  try {
    return verify(null, Buffer.from(signedFeedPayload(feed), 'utf8'), publicKeyPem, Buffer.from(signature, 'base64'));
  } catch {
    // A malformed key or signature is a refusal, not a crash of the update check.
    return false;
  }
}
