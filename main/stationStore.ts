/**
 * Where the station's configuration and password live on disk, in the user data folder.
 *
 * The configuration is a plain JSON file without the password. The password is written only as
 * bytes from `safeStorage.encryptString` (DPAPI on Windows, the desktop keyring on Linux).
 * When Linux has no keyring, safeStorage falls back to its `basic_text` backend, which
 * "encrypts" with a hard-coded key: then the password is not written at all and the app asks
 * for it at each start.
 */
import type { SafeStorage } from 'electron';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stationConfigSchema, type StationConfig } from '../ipc/contract';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

export interface SavedStation {
  config: StationConfig;
  /** null when it was never stored (basic_text) or can no longer be decrypted. */
  password: string | null;
}

/**
 * The workstation's data key (core/dataKey.ts) as kept on disk: sealed by safeStorage (`os`,
 * the key as base64), or, where safeStorage has no keyring, wrapped by the station password
 * (`password`, the JSON of wrapWithPassword).
 */
export type StoredDataKey = { kind: 'os'; key: string } | { kind: 'password'; wrapped: string };

export interface StationStore {
  /** Whether a password given to save() will be kept across restarts. */
  canKeepPassword(): boolean;
  load(): Promise<SavedStation | null>;
  save(config: StationConfig, password: string): Promise<{ passwordKept: boolean }>;
  /** null when none was stored (or the OS can no longer open it and there is no password-wrapped one). */
  loadDataKey(): Promise<StoredDataKey | null>;
  saveDataKey(key: StoredDataKey): Promise<void>;
}

const CONFIG_FILE = 'station.json';
const SECRET_FILE = 'station.secret';
const DATA_KEY_FILE = 'station.datakey';
const WRAPPED_DATA_KEY_FILE = 'station.datakey.json';

/** Write to a temp file and rename, so a crash mid-write never leaves half a config. */
async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data, { mode: 0o600 });
  await rename(temp, file);
}

export function createStationStore(options: { dir: string; safeStorage: SafeStorageLike; log?: { warn(message: string): void } }): StationStore {
  const { dir, safeStorage } = options;
  const configFile = join(dir, CONFIG_FILE);
  const secretFile = join(dir, SECRET_FILE);
  const dataKeyFile = join(dir, DATA_KEY_FILE);
  const wrappedDataKeyFile = join(dir, WRAPPED_DATA_KEY_FILE);

  const canKeepPassword = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    const backend = safeStorage.getSelectedStorageBackend?.();
    return backend !== 'basic_text' && backend !== 'unknown';
  };

  return {
    canKeepPassword,

    async load() {
      let raw: string;
      try {
        raw = await readFile(configFile, 'utf8');
      } catch {
        return null;
      }
      let json: unknown = null;
      try {
        json = JSON.parse(raw);
      } catch {
        // fall through: reported as invalid below
      }
      const parsed = stationConfigSchema.safeParse(json);
      if (!parsed.success) {
        options.log?.warn(`${configFile} is not a valid station config; setup will be asked again`);
        return null;
      }
      let password: string | null = null;
      if (canKeepPassword()) {
        try {
          password = safeStorage.decryptString(await readFile(secretFile));
        } catch {
          // Missing, or encrypted under another OS user or keyring: ask the clerk again.
          password = null;
        }
      }
      return { config: parsed.data, password };
    },

    async save(config, password) {
      await mkdir(dir, { recursive: true });
      const passwordKept = canKeepPassword();
      if (passwordKept) {
        await writeAtomic(secretFile, safeStorage.encryptString(password));
      } else {
        // An old secret from a keyring that has since gone must not outlive the new password.
        await rm(secretFile, { force: true });
        options.log?.warn('safeStorage has no secure backend (basic_text): the password is kept in memory only');
      }
      await writeAtomic(configFile, `${JSON.stringify(stationConfigSchema.parse(config), null, 2)}\n`);
      return { passwordKept };
    },

    async loadDataKey() {
      if (canKeepPassword()) {
        try {
          return { kind: 'os', key: safeStorage.decryptString(await readFile(dataKeyFile)) };
        } catch {
          // None sealed yet (or under another keyring): a password-wrapped one, if any.
        }
      }
      try {
        return { kind: 'password', wrapped: await readFile(wrappedDataKeyFile, 'utf8') };
      } catch {
        return null;
      }
    },

    async saveDataKey(key) {
      await mkdir(dir, { recursive: true });
      if (key.kind === 'os') {
        await writeAtomic(dataKeyFile, safeStorage.encryptString(key.key));
        // Sealed by the OS now: the password-wrapped copy would only be a second way in.
        await rm(wrappedDataKeyFile, { force: true });
      } else {
        await writeAtomic(wrappedDataKeyFile, key.wrapped);
      }
    },
  };
}
