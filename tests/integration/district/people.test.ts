/**
 * `district people add|import|reset|disable|enable` run as district IT runs them (the CLI's bin,
 * a child process) against a provisioned district: a personal account is named for its unit and
 * staff record, holds only `person:<unit>`, is a member of its unit's database by name (and of no
 * other), can read there but write nothing on its own, and keeps its membership when the district
 * is provisioned again. Runs on the embedded server and on Apache CouchDB (COUCHDB_URL).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCouchDoc } from '../../../core/couchDoc';
import { databaseOfUnit } from '../../../core/org';
import { personAccountName } from '../../../core/people';
import type { StaffDoc } from '../../../core/schema';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { basicAuth, bulkWrite } from '../../support/couchServer';
import { provisionedDistrict, readPasswordsFile, TWO_VILLAGES, type ProvisionedDistrict } from '../../support/provisionedDistrict';

let district: ProvisionedDistrict;
let village: string;
let sibling: string;
let town: string;
let clerk: StaffDoc;
let second: StaffDoc;
let townClerk: StaffDoc;

const cli = (...args: string[]) => runDistrictCli(['--district', district.demo.orgTree.code, ...args], adminEnv(district.couch));
const file = (name: string) => join(district.dir, name);

function as(user: string, password: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(district.couch.url + path, { cache: 'no-store', ...init, headers: { authorization: basicAuth(user, password), 'content-type': 'application/json' } });
}

async function security(unit: string): Promise<{ members: { names: string[]; roles: string[] } }> {
  return (await (await district.couch.adminFetch(`/${databaseOfUnit(unit)}/_security`)).json()) as { members: { names: string[]; roles: string[] } };
}

async function userDoc(name: string): Promise<{ roles: string[]; gridlink?: { unit: string; staffId?: string; disabledAt?: string } }> {
  return (await (await district.couch.adminFetch(`/_users/org.couchdb.user:${name}`)).json()) as { roles: string[] };
}

async function staffAccount(staffId: string): Promise<string | undefined> {
  return ((await (await district.couch.adminFetch(`/${district.districtDb}/staff:${encodeURIComponent(staffId)}`)).json()) as { account?: string }).account;
}

beforeAll(async () => {
  district = await provisionedDistrict({ ...TWO_VILLAGES, staffPerVillage: 3 });
  const [first] = district.demo.orgTree.towns;
  town = first.code;
  [village, sibling] = first.villages.map((v) => v.code);
  await bulkWrite(district.couch, district.districtDb, district.demo.docs.staff.map((s) => toCouchDoc(s)));
  const ofVillage = district.demo.docs.staff.filter((s) => s.ownerCode === village);
  [clerk, second] = ofVillage;
  townClerk = district.demo.docs.staff.find((s) => s.ownerCode === town)!;
}, 180_000);
afterAll(async () => {
  await district?.stop();
});

describe('district people', () => {
  it('adds an account named for its unit and staff record, with only the person role, enrolled in its own database', async () => {
    const added = await cli('people', 'add', clerk.staffId, '--passwords-file', file('one.csv'));
    expect(added.code, added.stderr).toBe(0);
    const user = personAccountName(village, clerk.staffId)!;
    expect(user).toMatch(new RegExp(`^person-${village}-[a-z0-9]+$`));
    const [[name, password]] = [...readPasswordsFile(file('one.csv'))];
    expect(name).toBe(user);
    expect(added.stdout).toContain(user);
    expect(added.stdout).toContain(clerk.name);
    expect(added.stdout).not.toContain(password);

    const doc = await userDoc(user);
    expect(doc.roles).toEqual([`person:${village}`]);
    expect(doc.gridlink).toMatchObject({ unit: village, staffId: clerk.staffId });
    expect((await security(village)).members.names).toEqual([user]);
    expect((await security(sibling)).members.names).toEqual([]);
    expect((await security(town)).members.names).toEqual([]);
    // The staff record names the account: whom the station's sign-in offers.
    expect(await staffAccount(clerk.staffId)).toBe(user);

    // The server names the person with the person role …
    const session = (await (await as(user, password, '/_session')).json()) as { userCtx: { name: string; roles: string[] } };
    expect(session.userCtx).toEqual({ name: user, roles: [`person:${village}`] });
    // … it reads its own station's database, not the sibling's, and writes nothing on its own.
    expect((await as(user, password, `/${databaseOfUnit(village)}/_all_docs?limit=1`)).status).toBe(200);
    expect((await as(user, password, `/${databaseOfUnit(sibling)}/_all_docs?limit=1`)).status).not.toBe(200);
    const ticket = district.demo.docs.tickets.find((t) => t.ownerCode === village)!;
    const write = await as(user, password, `/${databaseOfUnit(village)}/${encodeURIComponent(`ticketEvent:${ticket.number}-by-person`)}`, {
      method: 'PUT',
      body: JSON.stringify({ type: 'ticketEvent', scope: ticket.scope, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), updatedBy: user, subjectId: ticket.id, action: 'note', at: new Date().toISOString(), by: user, byUnit: village, person: user }),
    });
    expect(write.status).toBe(403);

    // A second add of the same person is refused and writes no passwords file.
    const again = await cli('people', 'add', clerk.staffId, '--passwords-file', file('again.csv'));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在');
    expect(() => readFileSync(file('again.csv'))).toThrow();
  }, 120_000);

  it('imports a roster file, and refuses a roster naming someone not on the staff roster without creating anyone', async () => {
    writeFileSync(file('bad-roster.csv'), `人员编号,姓名\n${second.staffId},${second.name}\nS999999999999-001,无此人\n`);
    const bad = await cli('people', 'import', '--roster', file('bad-roster.csv'), '--passwords-file', file('bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('S999999999999-001');
    expect((await district.couch.adminFetch(`/_users/org.couchdb.user:${personAccountName(village, second.staffId)}`)).status).toBe(404);

    writeFileSync(file('roster.csv'), `人员编号,姓名\n${second.staffId},${second.name}\n${townClerk.staffId},${townClerk.name}\n`);
    const imported = await cli('people', 'import', '--roster', file('roster.csv'), '--passwords-file', file('roster-passwords.csv'));
    expect(imported.code, imported.stderr).toBe(0);
    const passwords = readPasswordsFile(file('roster-passwords.csv'));
    expect([...passwords.keys()].sort()).toEqual([personAccountName(village, second.staffId), personAccountName(town, townClerk.staffId)].sort());
    expect((await security(village)).members.names).toEqual([personAccountName(village, clerk.staffId), personAccountName(village, second.staffId)].sort());
    expect((await security(town)).members.names).toEqual([personAccountName(town, townClerk.staffId)]);
    const townUser = personAccountName(town, townClerk.staffId)!;
    expect((await userDoc(townUser)).roles).toEqual([`person:${town}`]);
    expect((await as(townUser, passwords.get(townUser)!, `/${databaseOfUnit(town)}/_all_docs?limit=1`)).status).toBe(200);
  }, 120_000);

  it('resets, disables (role and membership gone), keeps people through a new provisioning, and enables', async () => {
    const user = personAccountName(village, clerk.staffId)!;
    const old = readPasswordsFile(file('one.csv')).get(user)!;
    const reset = await cli('people', 'reset', user, '--passwords-file', file('reset.csv'));
    expect(reset.code, reset.stderr).toBe(0);
    const fresh = readPasswordsFile(file('reset.csv')).get(user)!;
    expect(fresh).not.toBe(old);
    expect((await as(user, old, '/_session')).status).toBe(401);
    expect((await as(user, fresh, '/_session')).status).toBe(200);

    // Provisioning again keeps the enrolled people (and says nothing changed).
    writeFileSync(file('orgTree.json'), JSON.stringify(district.demo.orgTree));
    const again = await cli('provision', file('orgTree.json'), '--passwords-file', file('provision-again.csv'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/访问权限/);
    expect((await security(village)).members.names).toContain(user);

    // Disabled by staff id: no role, not a member, its password no longer works.
    const disabled = await cli('people', 'disable', clerk.staffId);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect((await userDoc(user)).roles).toEqual([]);
    expect((await security(village)).members.names).not.toContain(user);
    expect(await staffAccount(clerk.staffId)).toBeUndefined();
    expect((await as(user, fresh, `/${databaseOfUnit(village)}/_all_docs?limit=1`)).status).not.toBe(200);
    expect((await cli('people', 'reset', user, '--passwords-file', file('reset-disabled.csv'))).code).toBe(1);

    const enabled = await cli('people', 'enable', user, '--passwords-file', file('enabled.csv'));
    expect(enabled.code, enabled.stderr).toBe(0);
    const back = readPasswordsFile(file('enabled.csv')).get(user)!;
    expect((await userDoc(user)).roles).toEqual([`person:${village}`]);
    expect((await security(village)).members.names).toContain(user);
    expect(await staffAccount(clerk.staffId)).toBe(user);
    expect((await as(user, back, `/${databaseOfUnit(village)}/_all_docs?limit=1`)).status).toBe(200);
  }, 180_000);
});
