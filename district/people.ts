/**
 * Personal accounts (`district people …`): one CouchDB user per person on the staff roster who
 * works at a station or a town sub-center. The name is `person-<unit>-<suffix>` (core/people.ts),
 * the unit and the suffix coming from the staff record in the district database, never from an
 * argument; the one role is `person:<unit>`, derived from that unit (no `station:`/`town:` write
 * role: a person signs steps, the workstation's login writes them). An enabled account is listed
 * by name among the members of its unit's database `_security`, which is how the server's rules
 * know who belongs where; disabling removes the role and the membership.
 *
 * Passwords: generated and written to a 0600 file before the account is written, like the unit
 * users' (unitUsers.ts), never printed.
 */
import { appendFileSync } from 'node:fs';
import { t } from '../core/i18n';
import { databaseOfUnit } from '../core/org';
import { personAccountName, personRoleOf, unitOfPersonName } from '../core/people';
import type { StaffDoc } from '../core/schema';
import type { Connection } from './connection';
import { chooseDistrict } from './districtInfo';
import { DistrictError } from './districtError';
import { findUser, generatePassword, usersDb, writePasswordsFile, type NewCredential, type UnitUserDoc } from './unitUsers';
import type { SecurityObject } from './topologyPlan';
import { userDocId } from './topologyPlan';

export interface PersonAccount {
  user: string;
  unit: string;
  staffId: string;
  staffName: string;
}

type StaffRecord = Pick<StaffDoc, 'staffId' | 'name' | 'ownerCode'>;

async function readStaff(connection: Connection, staffId: string): Promise<StaffRecord> {
  const district = await chooseDistrict(connection);
  try {
    const doc = await connection.couch.use<StaffRecord>(databaseOfUnit(district)).get(`staff:${staffId}`);
    return { staffId: doc.staffId, name: doc.name, ownerCode: doc.ownerCode };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) throw new DistrictError(t('district:people.noStaff', { staffId }));
    throw err;
  }
}

/** The account a staff record gets. */
export async function accountOfStaff(connection: Connection, staffId: string): Promise<PersonAccount> {
  const staff = await readStaff(connection, staffId);
  const user = personAccountName(staff.ownerCode, staff.staffId);
  if (!user) throw new DistrictError(t('district:people.badStaffId', { staffId }));
  return { user, unit: staff.ownerCode, staffId: staff.staffId, staffName: staff.name };
}

/** The account named by a user name or by a staff id. */
async function resolve(connection: Connection, nameOrStaffId: string): Promise<{ user: string; unit: string; doc: UnitUserDoc }> {
  const user = unitOfPersonName(nameOrStaffId) ? nameOrStaffId : (await accountOfStaff(connection, nameOrStaffId)).user;
  const unit = unitOfPersonName(user) as string;
  const doc = await findUser(connection, user);
  if (!doc) throw new DistrictError(t('district:users.notFound', { user }));
  return { user, unit, doc };
}

/** Adds (or removes) a name among the members of a unit's database. */
export async function setMembership(connection: Connection, unit: string, name: string, member: boolean): Promise<void> {
  const db = databaseOfUnit(unit);
  const security = (await connection.couch.request({ db, path: '_security' })) as Partial<SecurityObject>;
  const names = security.members?.names ?? [];
  if (names.includes(name) === member) return;
  const members = { names: member ? [...names, name].sort() : names.filter((n) => n !== name), roles: security.members?.roles ?? [] };
  await connection.couch.request({ db, path: '_security', method: 'put', body: { admins: security.admins ?? { names: [], roles: [] }, members } });
}

/**
 * Writes (or removes) the account on the staff record in the district database, whence it flows
 * down to the unit's workstations: whom their sign-in offers. Skipped when already so.
 */
export async function markStaffAccount(connection: Connection, staffId: string, account: string | null): Promise<void> {
  const db = connection.couch.use<StaffDoc & { _id: string; _rev: string }>(databaseOfUnit(await chooseDistrict(connection)));
  const doc = await db.get(`staff:${staffId}`);
  if ((doc.account ?? null) === account) return;
  const { account: _old, ...rest } = doc;
  await db.insert({ ...rest, ...(account ? { account } : {}), updatedAt: new Date().toISOString(), updatedBy: connection.adminName });
}

function personDoc(account: PersonAccount, password: string, existing?: UnitUserDoc): UnitUserDoc {
  return {
    ...(existing ?? {}),
    _id: userDocId(account.user),
    name: account.user,
    type: 'user',
    roles: [personRoleOf(account.unit)],
    password,
    gridlink: { unit: account.unit, staffId: account.staffId },
  } as UnitUserDoc;
}

/**
 * Creates the accounts of these staff records, one passwords file for all (written before any
 * account is), and enrols each in its unit's database. An existing account is refused up front,
 * so nothing is half done.
 */
export async function addPeople(connection: Connection, staffIds: string[], passwordsFile: string): Promise<PersonAccount[]> {
  const accounts: PersonAccount[] = [];
  const seen = new Set<string>();
  for (const staffId of staffIds) {
    const account = await accountOfStaff(connection, staffId);
    if (seen.has(account.user) || (await findUser(connection, account.user))) throw new DistrictError(t('district:users.exists', { user: account.user }));
    seen.add(account.user);
    accounts.push(account);
  }
  if (accounts.length === 0) throw new DistrictError(t('district:people.nobody'));
  const credentials: NewCredential[] = accounts.map((a) => ({ unit: a.unit, user: a.user, password: generatePassword() }));
  writePasswordsFile(passwordsFile, credentials);
  for (let i = 0; i < accounts.length; i++) {
    await usersDb(connection).insert(personDoc(accounts[i], credentials[i].password));
    await setMembership(connection, accounts[i].unit, accounts[i].user, true);
    await markStaffAccount(connection, accounts[i].staffId, accounts[i].user);
  }
  return accounts;
}

/**
 * The demo district's people (district/devServer): the first `perUnit` staff of every station
 * and town get an account, set on their staff record in `staff` (before it is loaded), created
 * and enrolled on the server, their passwords appended to the unit logins' passwords file.
 */
export async function enrolDemoPeople(connection: Connection, staff: StaffDoc[], perUnit: number, passwordsFile: string): Promise<number> {
  const taken = new Map<string, number>();
  const chosen: { doc: StaffDoc; account: PersonAccount }[] = [];
  for (const doc of staff) {
    if (doc.ownerCode.length < 9 || (taken.get(doc.ownerCode) ?? 0) >= perUnit) continue;
    const user = personAccountName(doc.ownerCode, doc.staffId);
    if (!user) continue;
    taken.set(doc.ownerCode, (taken.get(doc.ownerCode) ?? 0) + 1);
    chosen.push({ doc, account: { user, unit: doc.ownerCode, staffId: doc.staffId, staffName: doc.name } });
  }
  const credentials: NewCredential[] = chosen.map(({ account }) => ({ unit: account.unit, user: account.user, password: generatePassword() }));
  appendFileSync(passwordsFile, credentials.map((c) => `${c.unit},${c.user},${c.password}\n`).join(''), { mode: 0o600 });
  await usersDb(connection).bulk({ docs: chosen.map(({ account }, i) => personDoc(account, credentials[i]!.password)) });
  const byUnit = new Map<string, string[]>();
  for (const { doc, account } of chosen) {
    doc.account = account.user;
    byUnit.set(account.unit, [...(byUnit.get(account.unit) ?? []), account.user]);
  }
  for (const [unit, names] of byUnit) for (const name of names) await setMembership(connection, unit, name, true);
  return chosen.length;
}

/** Staff ids of a roster file (.csv or .xlsx): the column 人员编号 (or staffId). */
export async function rosterStaffIds(path: string): Promise<string[]> {
  const { readTable, columnOf } = await import('./import/tableFile');
  const table = await readTable(path);
  const column = columnOf(table, ROSTER_COLUMN);
  if (!column) throw new DistrictError(t('district:people.noColumn', { path, column: ROSTER_COLUMN[0] }));
  return table.rows.map((row) => (row.cells[column] ?? '').trim()).filter((id) => id.length > 0);
}

export const ROSTER_COLUMN = ['人员编号', 'staffId'] as const;

export async function importRoster(connection: Connection, path: string, passwordsFile: string): Promise<PersonAccount[]> {
  return addPeople(connection, await rosterStaffIds(path), passwordsFile);
}

export async function resetPerson(connection: Connection, nameOrStaffId: string, passwordsFile: string): Promise<NewCredential> {
  const { user, unit, doc } = await resolve(connection, nameOrStaffId);
  if (doc.gridlink?.disabledAt) throw new DistrictError(t('district:people.disabledNoReset', { user }));
  const credential = { unit, user, password: generatePassword() };
  writePasswordsFile(passwordsFile, [credential]);
  await usersDb(connection).insert({ ...doc, password: credential.password });
  return credential;
}

/** Removes the role and the membership; the password becomes one nobody knows. False when already disabled. */
export async function disablePerson(connection: Connection, nameOrStaffId: string): Promise<{ user: string; changed: boolean }> {
  const { user, unit, doc } = await resolve(connection, nameOrStaffId);
  await setMembership(connection, unit, user, false);
  if (doc.gridlink?.staffId) await markStaffAccount(connection, doc.gridlink.staffId, null);
  if (doc.gridlink?.disabledAt) return { user, changed: false };
  await usersDb(connection).insert({ ...doc, roles: [], password: generatePassword(), gridlink: { ...(doc.gridlink ?? { unit }), unit, disabledAt: new Date().toISOString() } });
  return { user, changed: true };
}

/** Role and membership back, with a new password in the passwords file; null when it was not disabled. */
export async function enablePerson(connection: Connection, nameOrStaffId: string, passwordsFile: string): Promise<NewCredential | null> {
  const { user, unit, doc } = await resolve(connection, nameOrStaffId);
  if (!doc.gridlink?.disabledAt) return null;
  const credential = { unit, user, password: generatePassword() };
  writePasswordsFile(passwordsFile, [credential]);
  const staffId = typeof doc.gridlink.staffId === 'string' ? doc.gridlink.staffId : '';
  await usersDb(connection).insert({ ...doc, roles: [personRoleOf(unit)], password: credential.password, gridlink: { unit, staffId } });
  await setMembership(connection, unit, user, true);
  if (staffId) await markStaffAccount(connection, staffId, user);
  return credential;
}
