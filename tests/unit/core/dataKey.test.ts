import { describe, expect, it } from 'vitest';
import {
  DataKeyError,
  dataKeyWithPassword,
  decryptText,
  encryptText,
  generateDataKey,
  importDataKey,
  isEncryptedText,
  PBKDF2_ITERATIONS,
  unwrapWithPassword,
  wrapWithPassword,
  type PasswordWrappedKey,
} from '../../../core/dataKey';

// Fewer PBKDF2 rounds than stored keys use, so the suite stays quick; the default is checked apart.
const ROUNDS = 1000;

describe('the workstation data key', () => {
  it('is 32 random bytes, different each time', () => {
    const [a, b] = [generateDataKey(), generateDataKey()];
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('wrapped by a password opens with that password only, and keeps no trace of the key or the password', async () => {
    const raw = generateDataKey();
    const wrapped = await wrapWithPassword(raw, 'Station-密码-1', ROUNDS);
    const parsed = JSON.parse(wrapped) as PasswordWrappedKey;
    expect(parsed).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA256', iterations: ROUNDS });
    expect(wrapped).not.toContain(Buffer.from(raw).toString('base64'));
    expect(wrapped).not.toContain('Station');
    expect(Buffer.from(await unwrapWithPassword(wrapped, 'Station-密码-1')).equals(Buffer.from(raw))).toBe(true);
    await expect(unwrapWithPassword(wrapped, 'Station-密码-2')).rejects.toBeInstanceOf(DataKeyError);
    await expect(unwrapWithPassword('{"v":9}', 'Station-密码-1')).rejects.toBeInstanceOf(DataKeyError);
    // Same key and password, wrapped twice: new salt and IV each time.
    expect(await wrapWithPassword(raw, 'Station-密码-1', ROUNDS)).not.toBe(wrapped);
  });

  it('stores keys with 600,000 PBKDF2 rounds unless told otherwise', async () => {
    const wrapped = JSON.parse(await wrapWithPassword(generateDataKey(), 'x')) as PasswordWrappedKey;
    expect(wrapped.iterations).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('encrypts text so that only the same key opens it, and a changed byte is refused', async () => {
    const key = await importDataKey(generateDataKey());
    const sealed = await encryptText(key, '320506198802294175 13957246813');
    expect(isEncryptedText(sealed)).toBe(true);
    expect(sealed).not.toContain('3205061988');
    expect(await encryptText(key, 'same')).not.toBe(await encryptText(key, 'same'));
    expect(await decryptText(key, sealed)).toBe('320506198802294175 13957246813');
    await expect(decryptText(await importDataKey(generateDataKey()), sealed)).rejects.toBeInstanceOf(DataKeyError);
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[20] ^= 1;
    await expect(decryptText(key, `g1:${bytes.toString('base64')}`)).rejects.toBeInstanceOf(DataKeyError);
    await expect(importDataKey(new Uint8Array(16))).rejects.toBeInstanceOf(DataKeyError);
  });

  it('with a password-wrapping host: made and stored once, the same key at the next start, refused for another password', async () => {
    let stored: string | null = null;
    const store = { load: async () => stored, save: async (text: string) => void (stored = text) };
    const first = await dataKeyWithPassword(store, 'pw-one', ROUNDS);
    expect(stored).not.toBeNull();
    const again = await dataKeyWithPassword(store, 'pw-one', ROUNDS);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    await expect(dataKeyWithPassword(store, 'pw-two', ROUNDS)).rejects.toBeInstanceOf(DataKeyError);
  });
});
