/** A district release key pair for tests, as `release keygen` makes one (Ed25519, PEM). */
import { generateKeyPairSync } from 'node:crypto';

export interface ReleaseKeys {
  privateKey: string;
  publicKey: string;
}

export function makeReleaseKeys(): ReleaseKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
