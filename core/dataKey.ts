/**
 * The workstation's data key: a random AES-256 key that encrypts personal data (ID numbers,
 * phones, addresses) in the local database (sync/encryptedStorage.ts). One per workstation and
 * station; never leaves it, never syncs.
 *
 * Kept on disk only wrapped: by the OS (Electron safeStorage, main/stationStore.ts) or, where
 * that has no keyring and in the web host, by a key derived with PBKDF2-SHA-256 from the station
 * password the host asks for at each start (wrapWithPassword). WebCrypto only, so the same code
 * runs in the renderer, in Electron main and in Node tests.
 */

export const DATA_KEY_BYTES = 32;

/** An imported data key (WebCrypto's CryptoKey, named so in every world: Node's types keep it under webcrypto). */
export type DataKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
/** PBKDF2 iterations (OWASP 2023 for PBKDF2-HMAC-SHA256: 600,000). */
export const PBKDF2_ITERATIONS = 600_000;

/** The wrapped key as stored: JSON of this. */
export interface PasswordWrappedKey {
  v: 1;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  iv: string;
  /** AES-GCM of the raw key under the derived key (base64). */
  key: string;
}

/** The password does not open this wrapped key (or the stored text is damaged). */
export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** 32 random bytes from the platform's CSPRNG. */
export function generateDataKey(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
}

async function passwordKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<DataKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The raw key wrapped by a key derived from `password`, as text to store. */
export async function wrapWithPassword(rawKey: Uint8Array<ArrayBuffer>, password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapping = await passwordKey(password, salt, iterations);
  const key = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, wrapping, rawKey));
  const wrapped: PasswordWrappedKey = { v: 1, kdf: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), iv: toBase64(iv), key: toBase64(key) };
  return JSON.stringify(wrapped);
}

/** The raw key back; DataKeyError when `password` is not the one it was wrapped with. */
export async function unwrapWithPassword(stored: string, password: string): Promise<Uint8Array<ArrayBuffer>> {
  let wrapped: PasswordWrappedKey;
  try {
    wrapped = JSON.parse(stored) as PasswordWrappedKey;
    if (wrapped.v !== 1 || wrapped.kdf !== 'PBKDF2-SHA256' || !(wrapped.iterations > 0)) throw new Error('unknown format');
  } catch (error) {
    throw new DataKeyError(`stored data key unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const wrapping = await passwordKey(password, fromBase64(wrapped.salt), wrapped.iterations);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(wrapped.iv) }, wrapping, fromBase64(wrapped.key)));
  } catch {
    throw new DataKeyError('the password does not open the data key');
  }
}

/** The key for the database: AES-GCM, not extractable (the raw bytes can be dropped after). */
export async function importDataKey(rawKey: Uint8Array<ArrayBuffer>): Promise<DataKey> {
  if (rawKey.length !== DATA_KEY_BYTES) throw new DataKeyError(`a data key has ${DATA_KEY_BYTES} bytes, not ${rawKey.length}`);
  return crypto.subtle.importKey('raw', rawKey, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

const TEXT_PREFIX = 'g1:';

/** `text` encrypted (AES-256-GCM, random 96-bit IV), as `g1:<base64 of iv + ciphertext>`. */
export async function encryptText(key: DataKey, text: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return TEXT_PREFIX + toBase64(out);
}

export function isEncryptedText(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(TEXT_PREFIX);
}

/** The text back; DataKeyError under another key or when it was changed. */
export async function decryptText(key: DataKey, sealed: string): Promise<string> {
  if (!isEncryptedText(sealed)) throw new DataKeyError('not an encrypted value');
  const bytes = fromBase64(sealed.slice(TEXT_PREFIX.length));
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
    return new TextDecoder().decode(plain);
  } catch {
    throw new DataKeyError('a stored value does not open with this data key');
  }
}

/** Where a host keeps its wrapped key: how it loads and saves the text. */
export interface WrappedKeyStore {
  load(): Promise<string | null>;
  save(wrapped: string): Promise<void>;
}

/**
 * The station's data key for a host that wraps it with the password: unwrapped when stored,
 * else made and stored. DataKeyError when the stored one does not open with `password`.
 */
export async function dataKeyWithPassword(store: WrappedKeyStore, password: string, iterations = PBKDF2_ITERATIONS): Promise<Uint8Array<ArrayBuffer>> {
  const stored = await store.load();
  if (stored !== null) return unwrapWithPassword(stored, password);
  const raw = generateDataKey();
  await store.save(await wrapWithPassword(raw, password, iterations));
  return raw;
}
