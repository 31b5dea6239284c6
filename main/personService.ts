/**
 * People signing in at the desktop station: core/personSignIn.ts run in main, so the renderer
 * never holds a verifier (nor, beyond the one IPC call, a password). Verifiers, failure counts and
 * locks are kept in one JSON file of their own in the app's data folder (mode 0600), written
 * whole through a temporary file; the online check asks the station's district server.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { askServer, createPersonGuard, type PersonGuard, type PersonSignInResult } from '../core/personSignIn';

export interface PersonServiceOptions {
  /** The people file, e.g. `<userData>/people.json`. */
  file: string;
  /** The configured station (its unit and server), or null before setup. */
  station: () => { districtUrl: string; stationCode: string } | null;
  fetcher?: typeof fetch;
}

export function createPersonService(options: PersonServiceOptions): { signIn(input: { person: string; password: string }): Promise<PersonSignInResult> } {
  let records: Record<string, string> | null = null;
  let writing: Promise<void> = Promise.resolve();
  const load = async (): Promise<Record<string, string>> => {
    if (records) return records;
    try {
      records = JSON.parse(await readFile(options.file, 'utf8')) as Record<string, string>;
    } catch {
      records = {};
    }
    return records;
  };
  const persist = (): Promise<void> => {
    writing = writing.then(async () => {
      const temp = `${options.file}.tmp`;
      await writeFile(temp, JSON.stringify(records ?? {}), { mode: 0o600 });
      await rename(temp, options.file);
    });
    return writing;
  };
  let guard: { key: string; guard: PersonGuard } | null = null;
  return {
    async signIn({ person, password }) {
      const station = options.station();
      if (!station) return { ok: false, person, reason: 'otherUnit' };
      const key = `${station.districtUrl} ${station.stationCode}`;
      if (!guard || guard.key !== key) {
        guard = {
          key,
          guard: createPersonGuard({
            unit: station.stationCode,
            store: {
              get: async (name) => (await load())[name] ?? null,
              set: async (name, value) => {
                (await load())[name] = value;
                await persist();
              },
            },
            checkOnline: (name, secret) => askServer(station.districtUrl, station.stationCode, name, secret, options.fetcher),
          }),
        };
      }
      return guard.guard.signIn(person, password);
    },
  };
}
