/**
 * How a unit account's password goes into `_users`.
 *
 * Apache CouchDB 3.4+ hashes a password written in clear with PBKDF2-SHA256 at 600,000
 * iterations, and checks every account's first request after a start at that cost: measured on
 * this project's 2-core machine, 40 station accounts logging in at once waited 15 s for their
 * answers (0.38 s of CPU each), so a district's 1,595 stations after a server restart would hold
 * it at full load for minutes while its replication jobs wait too. The stretching protects a
 * password someone chose; a unit account's password is 24 random characters (~143 bits,
 * generatePassword), which no number of iterations makes easier or harder to guess. So the CLI
 * writes those accounts' hash itself, at UNIT_ACCOUNT_ITERATIONS: the same 40 logins took 61 ms.
 * Provisioning sets `[chttpd_auth] upgrade_hash_on_auth = false` (serverSettings.ts): CouchDB
 * would otherwise re-hash each account at the server's count at its first login (and write its
 * `_users` doc again).
 *
 * Other servers (pouchdb-server in development and tests) hash what they are given as they do.
 */
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Connection } from './connection';
import { keepSecret } from './debugOutput';

export const UNIT_ACCOUNT_ITERATIONS = 1000;

export type PasswordFields =
  | { password: string }
  | { password_scheme: 'pbkdf2'; pbkdf2_prf: 'sha256'; iterations: number; salt: string; derived_key: string };

const hashesSha256 = new WeakMap<Connection, Promise<boolean>>();

/** Apache CouchDB 3.4 or later, which checks PBKDF2-SHA256 hashes. */
function checksSha256(connection: Connection): Promise<boolean> {
  let known = hashesSha256.get(connection);
  if (!known) {
    known = (async () => {
      const root = (await connection.couch.request({ path: '' })) as { couchdb?: string; version?: string };
      const [major = 0, minor = 0] = (root.version ?? '').split('.').map(Number);
      return root.couchdb === 'Welcome' && (major > 3 || (major === 3 && minor >= 4));
    })();
    hashesSha256.set(connection, known);
  }
  return known;
}

/** The `_users` fields that set a unit account's generated password. */
export async function unitPasswordFields(connection: Connection, password: string): Promise<PasswordFields> {
  if (!(await checksSha256(connection))) return { password };
  const salt = randomBytes(16).toString('hex');
  // Hidden from debug dumps like the password itself.
  const derived = keepSecret(pbkdf2Sync(password, salt, UNIT_ACCOUNT_ITERATIONS, 32, 'sha256').toString('hex'));
  return { password_scheme: 'pbkdf2', pbkdf2_prf: 'sha256', iterations: UNIT_ACCOUNT_ITERATIONS, salt, derived_key: derived };
}
