/**
 * CouchDB users of the units: one per station, town and the district at provisioning, more on
 * request; password reset; disable and enable. Passwords are generated here, written once to
 * a file only the operator can read (mode 0600), and never printed or logged.
 *
 * A user's unit is in its name (`station-<12 digits>[-<suffix>]`), which nobody can change, and
 * its roles are derived from that unit every time they are set: never restored from a field of
 * the user doc (a user could have written it; the `_users` rules now forbid that too).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, writeSync } from 'node:fs';
import type { DocumentScope } from 'nano';
import { t } from '../core/i18n';
import { levelOfUnit } from '../core/org';
import { rolesOfUnit } from '../core/rules';
import type { Connection } from './connection';
import { keepSecret } from './debugOutput';
import { unitPasswordFields } from './userPassword';
import { DistrictError } from './districtError';
import { unitOfUserName, userDocId, userNameOf } from './topologyPlan';

export interface UnitUserDoc {
  _id: string;
  _rev?: string;
  name: string;
  type: 'user';
  roles: string[];
  password?: string;
  /** Gridlink's own bookkeeping: the unit, and the roles a disabled user had. */
  gridlink?: { unit: string; disabledAt?: string; staffId?: string };
  [field: string]: unknown;
}

export interface NewCredential {
  unit: string;
  user: string;
  password: string;
}

/**
 * 24 random characters from a URL-safe alphabet (~143 bits), starting with a letter or digit:
 * Excel and WPS read a cell that starts with - = + or @ as a formula, and the passwords file
 * is opened in them. Registered as a secret so no debug dump can print it.
 */
export function generatePassword(): string {
  for (;;) {
    const password = randomBytes(18).toString('base64url');
    if (/^[A-Za-z0-9]/.test(password)) return keepSecret(password);
  }
}

export function usersDb(connection: Connection): DocumentScope<UnitUserDoc> {
  return connection.couch.use<UnitUserDoc>('_users');
}

export async function newUserDoc(connection: Connection, unit: string, name: string, password: string): Promise<UnitUserDoc> {
  return { _id: userDocId(name), name, type: 'user', roles: rolesOfUnit(unit), ...(await unitPasswordFields(connection, password)), gridlink: { unit } };
}

/**
 * Writes the credentials to a new file with mode 0600; refuses to overwrite one. Called
 * before the users are created, so a password is never set without being kept.
 */
export function writePasswordsFile(path: string, credentials: NewCredential[]): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DistrictError(t(code === 'EEXIST' ? 'district:passwords.exists' : 'district:passwords.unwritable', { path }));
  }
  try {
    chmodSync(path, 0o600);
    const lines = ['unit,user,password', ...credentials.map((c) => `${c.unit},${c.user},${c.password}`)];
    writeSync(fd, lines.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}

export function defaultPasswordsFile(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `gridlink-passwords-${stamp}.csv`;
}

/** The `_users` doc of `name`, or null when there is none. */
export async function findUser(connection: Connection, name: string): Promise<UnitUserDoc | null> {
  try {
    return await usersDb(connection).get(userDocId(name));
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

async function requireUser(connection: Connection, name: string): Promise<UnitUserDoc> {
  const user = await findUser(connection, name);
  if (!user) throw new DistrictError(t('district:users.notFound', { user: name }));
  return user;
}

/** Adds a user to a unit: the next free `<prefix>-<code>-<n>` name unless one is given. */
export async function addUser(connection: Connection, unit: string, passwordsFile: string, name?: string): Promise<NewCredential> {
  levelOfUnit(unit);
  if (name !== undefined && unitOfUserName(name) !== unit) throw new DistrictError(t('district:users.nameWithoutUnit', { user: name, prefix: `${userNameOf(unit)}-` }));
  let userName = name;
  if (!userName) {
    for (let index = 2; !userName; index++) {
      const candidate = userNameOf(unit, index);
      if (!(await findUser(connection, candidate))) userName = candidate;
    }
  } else if (await findUser(connection, userName)) {
    throw new DistrictError(t('district:users.exists', { user: userName }));
  }
  const credential = { unit, user: userName, password: generatePassword() };
  writePasswordsFile(passwordsFile, [credential]);
  await usersDb(connection).insert(await newUserDoc(connection, unit, userName, credential.password));
  return credential;
}

export async function resetPassword(connection: Connection, name: string, passwordsFile: string): Promise<NewCredential> {
  const user = await requireUser(connection, name);
  const credential = { unit: unitOf(name), user: name, password: generatePassword() };
  writePasswordsFile(passwordsFile, [credential]);
  await usersDb(connection).insert({ ...user, ...(await unitPasswordFields(connection, credential.password)) });
  return credential;
}

/** The unit a user's name carries; a name that carries none is not a Gridlink unit user. */
function unitOf(name: string): string {
  const unit = unitOfUserName(name);
  if (!unit) throw new DistrictError(t('district:users.notUnitUser', { user: name }));
  return unit;
}

/**
 * CouchDB has no "disabled" flag: a disabled user keeps its account but loses every role, so
 * no Gridlink database (all have members) lets it in. Its password is also replaced by a random
 * one nobody knows, so sessions cannot be renewed.
 */
export async function disableUser(connection: Connection, name: string): Promise<boolean> {
  const user = await requireUser(connection, name);
  if (user.gridlink?.disabledAt) return false;
  const { disabledRoles: _legacy, ...gridlink } = (user.gridlink ?? {}) as Record<string, unknown>;
  await usersDb(connection).insert({
    ...user,
    roles: [],
    ...(await unitPasswordFields(connection, generatePassword())),
    gridlink: { ...gridlink, unit: unitOf(name), disabledAt: new Date().toISOString() },
  });
  return true;
}

/** Gives a disabled user the roles of its unit again, with a new password written to the passwords file. */
export async function enableUser(connection: Connection, name: string, passwordsFile: string): Promise<NewCredential | null> {
  const user = await requireUser(connection, name);
  if (!user.gridlink?.disabledAt) return null;
  const unit = unitOf(name);
  const credential = { unit, user: name, password: generatePassword() };
  writePasswordsFile(passwordsFile, [credential]);
  await usersDb(connection).insert({ ...user, roles: rolesOfUnit(unit), ...(await unitPasswordFields(connection, credential.password)), gridlink: { unit } });
  return credential;
}
