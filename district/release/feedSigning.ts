/**
 * The district's release key: an Ed25519 pair made once by `release keygen`. The private half
 * stays with district IT (mode 0600, never in the repository) and signs every feed `release
 * publish` writes; the public half goes to `build/update-public-key.pem`, where the app build
 * picks it up, so every installed app refuses a feed the district did not sign.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_SIGNATURE_FIELD, signedFeedPayload } from '../../core/releases/signedFeed';
import { t } from '../../core/i18n';
import { ReleaseError, type UpdateFeed } from './updateFeed';

/** Where the app build looks for the public key (electron.vite.config.ts). */
export const PUBLIC_KEY_FILE = 'build/update-public-key.pem';
/** The environment variable naming the private key file, when --signing-key is not given. */
export const SIGNING_KEY_ENV = 'GRIDLINK_RELEASE_KEY';

export interface KeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
}

/** Writes a new key pair; refuses to overwrite either file (a lost key strands every station). */
export function generateSigningKeys(files: KeyFiles): void {
  // Both checked first: half a pair written would be worse than none.
  for (const path of [files.privateKeyFile, files.publicKeyFile]) {
    if (existsSync(path)) throw new ReleaseError(t('shell:release.keyExists', { path }));
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const write = (path: string, text: string, mode: number) => {
    try {
      writeFileSync(path, text, { flag: 'wx', mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ReleaseError(t(code === 'EEXIST' ? 'shell:release.keyExists' : 'shell:release.keyUnwritable', { path }));
    }
  };
  write(files.privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  write(files.publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644);
}

/** The private key from --signing-key or GRIDLINK_RELEASE_KEY, checked before anything is copied. */
export function readSigningKey(path: string | undefined): string {
  const file = path ?? process.env[SIGNING_KEY_ENV];
  if (!file) throw new ReleaseError(t('shell:release.noSigningKey', { env: SIGNING_KEY_ENV }));
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    throw new ReleaseError(t('shell:release.signingKeyUnreadable', { path: file }));
  }
  try {
    if (createPrivateKey(pem).asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    throw new ReleaseError(t('shell:release.signingKeyInvalid', { path: file }));
  }
  return pem;
}

export function signFeed(feed: UpdateFeed, privateKeyPem: string): UpdateFeed {
  const signature = sign(null, Buffer.from(signedFeedPayload(feed), 'utf8'), privateKeyPem).toString('base64');
  return { ...feed, [FEED_SIGNATURE_FIELD]: signature };
}

/**
 * The public key the app build embeds (electron.vite.config.ts), or null when the repository
 * has none (development builds: their updates stay off). A file that is not an Ed25519 public
 * key fails the build rather than ship an app that refuses every update.
 */
export function readBuildPublicKey(projectRoot: string): string | null {
  const file = join(projectRoot, PUBLIC_KEY_FILE);
  if (!existsSync(file)) return null;
  const pem = readFileSync(file, 'utf8');
  // Node derives a public key from a private one without a word: a private key put here by
  // mistake would be built into every installer, so only a PUBLIC KEY block is accepted.
  if (/PRIVATE KEY/.test(pem)) throw new Error(`${file} holds a private key: it must never be built in or committed; keep it apart and put the public key here`);
  if (!/-----BEGIN PUBLIC KEY-----/.test(pem) || createPublicKey(pem).asymmetricKeyType !== 'ed25519') {
    throw new Error(`${file} is not an Ed25519 public key (release keygen writes one)`);
  }
  return pem;
}
