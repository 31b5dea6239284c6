/**
 * An attacker's hour at a village station, with the station's own credentials, against a
 * provisioned district: each row of the server-trust issue, refused with the rule's own reason
 * (the same sentence the app shows), and nothing of it reaching the town or the district. Then
 * the legitimate flows that must still pass. Runs on the embedded server in `npm test` and on
 * Apache CouchDB 3.5.0 in `npm run test:couchdb` (the server districts run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCouchDoc, toCouchDoc } from '../../core/couchDoc';
import { DOC_LIMITS } from '../../core/limits';
import { databaseOfUnit, scopeOfUnit } from '../../core/org';
import { checkWrite, roleOfUnit, rolesOfUnit, type RuleSecObj, type RuleUserCtx } from '../../core/rules';
import { personAccountName } from '../../core/people';
import { addPeople } from '../../district/people';
import type { EventDoc, TicketDoc } from '../../core/schema';
import { auditRecord } from '../../core/audit';
import { enableUser, usersDb } from '../../district/unitUsers';
import { userDocId, userNameOf } from '../../district/topologyPlan';
import { RELEASE_DATABASE } from '../../ipc/contract';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { basicAuth, bulkWrite } from '../support/couchServer';

/** Replication on a server that runs the other suites too: what matters is that it arrives, not how fast. */
const REPLICATION_MS = 60_000;

let district: ProvisionedDistrict;
let village: string;
let sibling: string;
let town: string;
let stationDb: string;

beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
  const [first] = district.demo.orgTree.towns;
  town = first.code;
  [village, sibling] = first.villages.map((v) => v.code);
  stationDb = databaseOfUnit(village);
}, 180_000);
afterAll(async () => {
  await district?.stop();
});

const asUser = (unit: string): RuleUserCtx => ({ name: userNameOf(unit), roles: [roleOfUnit(unit)] });

interface Answer {
  status: number;
  body: { error?: string; reason?: string; rev?: string; ok?: boolean } & Record<string, unknown>;
}

async function asVillage(path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await district.asUnit(village, path, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** The app's explanation of a refusal, as the server must give it. */
function appReason(newDoc: Record<string, unknown> & { id: string }, oldDoc: (Record<string, unknown> & { id: string }) | null, unit = village): string {
  const verdict = checkWrite(newDoc, oldDoc, asUser(unit));
  if (verdict.ok) throw new Error(`the app would let ${newDoc.id} pass`);
  return verdict.message;
}

/** Refused: 403 forbidden with exactly `reason`, for a PUT or a one-doc `_bulk_docs`. */
function expectRefused(answer: Answer | { error?: string; reason?: string }, reason: string | RegExp): void {
  const body = 'body' in answer ? answer.body : answer;
  expect(body.error, JSON.stringify(answer)).toBe('forbidden');
  if (typeof reason === 'string') expect(body.reason).toBe(reason);
  else expect(body.reason).toMatch(reason);
}

async function adminGet(db: string, id: string): Promise<Record<string, unknown> | null> {
  const res = await district.couch.adminFetch(`/${db}/${encodeURIComponent(id)}`);
  return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null;
}

function ticketOfVillage(): TicketDoc {
  return district.demo.docs.tickets.find((t) => t.ownerCode === village)!;
}

/** A step on the village's order as the app would record it, signed by the village's account. */
function stepOfVillage(action: string, overrides: Partial<EventDoc> = {}): EventDoc {
  const ticket = ticketOfVillage();
  const now = new Date().toISOString();
  return {
    id: `ticketEvent:${ticket.number}-attack-${action}-${Math.random().toString(36).slice(2, 8)}`,
    type: 'ticketEvent',
    scope: [...ticket.scope],
    createdAt: now,
    updatedAt: now,
    updatedBy: userNameOf(village),
    subjectId: ticket.id,
    action,
    at: now,
    by: userNameOf(village),
    byUnit: village,
    note: '',
    photoIds: [],
    payload: {},
    ...overrides,
  };
}

const put = (doc: Record<string, unknown> & { _id: string }) => asVillage(`/${stationDb}/${encodeURIComponent(doc._id)}`, { method: 'PUT', body: JSON.stringify(doc) });
const bulk = async (body: object) => {
  const answer = await asVillage(`/${stationDb}/_bulk_docs`, { method: 'POST', body: JSON.stringify(body) });
  return { status: answer.status, rows: answer.body as unknown as { id: string; error?: string; reason?: string; ok?: boolean }[] };
};

/** What the district would hold after the jobs ran: nothing of a refused write ever gets there. */
async function nowhereUpstream(id: string): Promise<void> {
  // Give the up jobs time to carry anything that slipped through.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await adminGet(databaseOfUnit(town), id)).toBeNull();
  expect(await adminGet(district.districtDb, id)).toBeNull();
}

describe('a village station’s account, used as an attacker would', () => {
  it('(a) cannot record a step in its town’s name: feedback, a passed verification, an on-time close', async () => {
    for (const [action, payload] of [['feedback', {}], ['verify', { passed: true }], ['close', { onTime: true }]] as const) {
      const forged = stepOfVillage(action, { byUnit: town, payload });
      const answer = await put(toCouchDoc(forged));
      expect(answer.status).toBe(403);
      expectRefused(answer, appReason(forged, null));
      await nowhereUpstream(forged.id);
    }
    // Nor in another account's name.
    const signed = stepOfVillage('handle', { by: userNameOf(town) });
    expectRefused(await put(toCouchDoc(signed)), appReason(signed, null));
  });

  it('(b) cannot create an order owned by another village', async () => {
    const ticket = { ...ticketOfVillage(), id: 'ticket:GDATTACK0001', number: 'GDATTACK0001', ownerCode: sibling, holderCode: sibling, scope: scopeOfUnit(sibling) };
    const answer = await put(toCouchDoc(ticket));
    expect(answer.status).toBe(403);
    expectRefused(answer, appReason(ticket, null));
    await nowhereUpstream(ticket.id);
  });

  it('(c) cannot replace an order its town holds with a made-up revision history (new_edits=false)', async () => {
    const held = { ...ticketOfVillage(), id: 'ticket:GDATTACK0002', number: 'GDATTACK0002', holderCode: town, state: 'pendingDispatch' as const };
    // The town holds it: it reached the station by replication (as admin).
    const stored = await district.couch.adminFetch(`/${stationDb}/${held.id}`, { method: 'PUT', body: JSON.stringify(toCouchDoc(held)) });
    const { rev } = (await stored.json()) as { rev: string };
    const forged = { ...toCouchDoc({ ...held, state: 'closed', holderCode: village, onTime: true }), _rev: '9-forged', _revisions: { start: 9, ids: ['forged', 'f8', 'f7', 'f6', 'f5', 'f4', 'f3', 'f2', 'f1'] } };
    const { rows } = await bulk({ new_edits: false, docs: [forged] });
    expectRefused(rows[0], /修订历史不符/);
    const winner = (await adminGet(stationDb, held.id)) as { _rev: string; state: string; holderCode: string };
    expect(winner).toMatchObject({ _rev: rev, state: 'pendingDispatch', holderCode: town });
  });

  it('(d) cannot rewrite an event once written, by a made-up history either', async () => {
    const event = stepOfVillage('handle', { note: '原始记录' });
    const created = await put(toCouchDoc(event));
    expect(created.status).toBe(201);
    const { rows } = await bulk({ new_edits: false, docs: [{ ...toCouchDoc({ ...event, note: '改写后的记录' }), _rev: '5-forged', _revisions: { start: 5, ids: ['forged', 'x4', 'x3', 'x2', 'x1'] } }] });
    expectRefused(rows[0], /修订历史不符/);
    // The ordinary way is refused too: events are create-only.
    const changed = await put({ ...toCouchDoc({ ...event, note: '改写后的记录' }), _rev: created.body.rev as string });
    expectRefused(changed, appReason({ ...event, note: '改写后的记录' }, event));
    expect(await adminGet(stationDb, event.id)).toMatchObject({ note: '原始记录' });
  });

  it('(e) cannot store a document too large, too deep, or under an empty, path-like or overlong id', async () => {
    // 20 MB: over the server's max_document_size on CouchDB (413), over the rules' limit on both.
    const huge = stepOfVillage('handle', { note: '', payload: { blob: Array.from({ length: 2000 }, () => 'x'.repeat(10_000)) } });
    const hugeAnswer = await put(toCouchDoc(huge));
    expect([403, 413]).toContain(hugeAnswer.status);
    if (hugeAnswer.status === 403) expectRefused(hugeAnswer, /太大/);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 2500; i++) deep = { d: deep };
    const tooDeep = stepOfVillage('handle', { payload: deep });
    expectRefused(await put(toCouchDoc(tooDeep)), new RegExp(`嵌套太深.*最多 ${DOC_LIMITS.maxDepth} 层`));
    for (const id of ['ticketEvent:', 'ticketEvent:..%2F..%2Fx', `ticketEvent:${'9'.repeat(300)}`]) {
      const event = stepOfVillage('handle', { id: decodeURIComponent(id) });
      const answer = await asVillage(`/${stationDb}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: [toCouchDoc(event)] }) });
      const [row] = answer.body as unknown as { error?: string; reason?: string }[];
      expectRefused(row, /文档编号.*无效/);
    }
    for (const id of [huge.id, tooDeep.id]) await nowhereUpstream(id);
  });

  it('(f) cannot change its own account beyond the password, nor get roles back from a field it wrote', async () => {
    const name = userNameOf(village);
    const path = `/_users/${encodeURIComponent(userDocId(name))}`;
    const own = await asVillage(path);
    // Apache CouchDB 3 keeps `_users` to admins altogether (its default security): the account
    // cannot even read its doc. pouchdb-server lets it; there the `_users` rules refuse the edit.
    const mine = own.status === 200 ? own.body : { _id: userDocId(name), name, type: 'user', roles: rolesOfUnit(village) };
    if (own.status !== 200) expect(own.status).toBe(403);
    const tampered = { ...mine, gridlink: { unit: village, disabledRoles: ['gridlink-admin', roleOfUnit(district.demo.orgTree.code)] } };
    const answer = await asVillage(path, { method: 'PUT', body: JSON.stringify(tampered) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(403);
    if (own.status === 200) expect(answer.body.reason).toMatch(/只能修改自己的密码/);
    expect((await asVillage(path, { method: 'PUT', body: JSON.stringify({ ...mine, roles: ['gridlink-admin'] }) })).status).toBe(403);
    // Even a user doc written that way before (by an older server or by hand): disable and
    // enable gives the unit's roles, never the field's.
    const users = usersDb(district.connection);
    const stored = await users.get(userDocId(name));
    await users.insert({ ...stored, roles: [], gridlink: { unit: village, disabledRoles: ['gridlink-admin'], disabledAt: new Date().toISOString() } as never });
    const enabled = await enableUser(district.connection, name, `${district.dir}/enabled.csv`);
    district.passwords.set(name, enabled!.password);
    expect((await users.get(userDocId(name))).roles.sort()).toEqual(rolesOfUnit(village).sort());
  });

  it('(g) cannot write a replication job', async () => {
    // As CouchDB and pouchdb-server accept a user's own job: with its user context.
    const job = { _id: 'gridlink-attack', source: `http://127.0.0.1/${databaseOfUnit(sibling)}`, target: `http://127.0.0.1/${stationDb}`, continuous: true, user_ctx: asUser(village) };
    const answer = await asVillage(`/_replicator/${job._id}`, { method: 'PUT', body: JSON.stringify(job) });
    expect([401, 403]).toContain(answer.status);
    expect(await adminGet('_replicator', job._id)).toBeNull();
  });

  it('(h) can read the update feed but not overwrite it', async () => {
    const feed = { _id: 'app', note: 'feed' };
    const created = await district.couch.adminFetch(`/${RELEASE_DATABASE}/app`, { method: 'PUT', body: JSON.stringify(feed) });
    const rev = ((await created.json()) as { rev?: string }).rev ?? ((await adminGet(RELEASE_DATABASE, 'app')) as { _rev: string })._rev;
    expect((await asVillage(`/${RELEASE_DATABASE}/app`)).status).toBe(200);
    const overwrite = await asVillage(`/${RELEASE_DATABASE}/app/latest-linux.yml?rev=${rev}`, { method: 'PUT', body: 'version: 99.0.0\n', headers: { 'content-type': 'text/yaml' } });
    expect(overwrite.status).toBe(403);
    expect(overwrite.body.reason).toMatch(/只有区级管理员可以写入/);
  });

  it('(j) cannot file a health report for another unit, by its stationCode or by the id it files it under', async () => {
    const now = new Date().toISOString();
    const report = (id: string, stationCode: string) => ({
      _id: id, type: 'stationStatus', scope: scopeOfUnit(stationCode), createdAt: now, updatedAt: now, updatedBy: userNameOf(village),
      stationCode, appVersion: '9.9.9', pendingUploads: 0, rejectedDocs: 0, lastSyncAt: now, workstation: 'ws-attack00',
    });
    for (const forged of [report(`stationStatus:${sibling}.ws-attack00`, sibling), report(`stationStatus:${sibling}.ws-attack00`, village)]) {
      const answer = await put(forged);
      expect(answer.status).toBe(403);
      expectRefused(answer, appReason(fromCouchDoc(forged), null));
      await nowhereUpstream(forged._id);
    }
    // Its own report passes.
    expect((await put(report(`stationStatus:${village}.ws-attack00`, village))).status).toBe(201);
  });

  it('(k) cannot forge its town’s takeover of a mediation case, in the case or as a step', async () => {
    const seeded = district.demo.docs.mediationCases.find((c) => c.ownerCode === village)!;
    const now = new Date().toISOString();
    const escalated = {
      ...seeded, id: 'mediationCase:ATTACK-takeover', number: 'TJATTACK-takeover', state: 'escalated' as const, outcome: undefined, agreement: undefined,
      escalation: { at: now, toCode: town, reason: '跨村纠纷', by: userNameOf(village) }, updatedAt: now, updatedBy: userNameOf(village),
    };
    const created = await put(toCouchDoc(escalated));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The town's name on the takeover, the town as holder: refused, with the app's words.
    const forged = { ...escalated, state: 'mediating' as const, holderCode: town, takeover: { at: now, byUnit: town, by: userNameOf(town) } };
    const answer = await put({ ...toCouchDoc(forged), _rev: created.body.rev! });
    expect(answer.status).toBe(403);
    expectRefused(answer, appReason(forged, escalated));
    // Nor as the town's step in the case's history.
    const step = { ...stepOfVillage('takeover', { byUnit: town, subjectId: escalated.id }), id: `caseEvent:ATTACK-takeover-${Date.now()}`, type: 'caseEvent', scope: [...escalated.scope] };
    expectRefused(await put(toCouchDoc(step)), appReason(step, null));
    await nowhereUpstream(step.id);
    // What reaches the town is the escalated case, held by its village.
    const atTown = await eventually(async () => (await adminGet(databaseOfUnit(town), escalated.id)) ?? undefined, REPLICATION_MS, 'the escalated case at the town');
    expect(atTown).toMatchObject({ state: 'escalated' });
    expect(atTown.holderCode).toBeUndefined();
  });

  it('(l) cannot edit, delete or forge an audit record, nor date one ahead of the server', async () => {
    const record = auditRecord({ action: 'export', target: '工单列表-20261205.xlsx', detail: 'workorders' }, { unit: village, name: userNameOf(village) });
    const created = await put(toCouchDoc(record));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Edited: refused, create-only.
    const edited = { ...record, target: '别的文件.xlsx' };
    const editAnswer = await put({ ...toCouchDoc(edited), _rev: created.body.rev! });
    expect(editAnswer.status).toBe(403);
    expectRefused(editAnswer, appReason(edited, record));
    // Deleted, as a tombstone or by DELETE: refused.
    const tombstone = await put({ _id: record.id, _rev: created.body.rev!, _deleted: true });
    expectRefused(tombstone, appReason({ ...record, _deleted: true }, record));
    expect((await asVillage(`/${stationDb}/${encodeURIComponent(record.id)}?rev=${created.body.rev!}`, { method: 'DELETE' })).status).toBe(403);
    expect(await adminGet(stationDb, record.id)).toMatchObject({ target: '工单列表-20261205.xlsx' });
    // Forged: in its sibling's or its town's name, signed by another account, dated tomorrow, an unknown action.
    const forgeries = [
      auditRecord({ action: 'print', target: 'x' }, { unit: sibling, name: userNameOf(village) }),
      auditRecord({ action: 'signIn' }, { unit: town, name: userNameOf(village) }),
      auditRecord({ action: 'reveal', target: 'mediationCase:x' }, { unit: village, name: userNameOf(sibling) }),
      auditRecord({ action: 'export', target: 'x.csv' }, { unit: village, name: userNameOf(village) }, new Date(Date.now() + 86_400_000)),
      { ...auditRecord({ action: 'export' }, { unit: village, name: userNameOf(village) }), action: 'purge' },
    ];
    for (const forged of forgeries) {
      const answer = await put(toCouchDoc(forged));
      expect(answer.status, forged.id).toBe(403);
      expectRefused(answer, appReason(forged, null));
    }
    // What the town and the district hold is the record as written; its sibling never sees it.
    const atDistrict = await eventually(async () => (await adminGet(district.districtDb, record.id)) ?? undefined, REPLICATION_MS, 'the audit record at the district');
    expect(atDistrict).toMatchObject({ type: 'audit', action: 'export', byUnit: village, target: '工单列表-20261205.xlsx' });
    for (const forged of forgeries) await nowhereUpstream(forged.id);
    expect(await adminGet(databaseOfUnit(sibling), record.id)).toBeNull();
  });

  it('(m) a town’s audit record goes up, never down to its villages, and cannot be scoped at one', async () => {
    const townDb = databaseOfUnit(town);
    const asTown = async (doc: Record<string, unknown> & { _id: string }) => {
      const res = await district.asUnit(town, `/${townDb}/${encodeURIComponent(doc._id)}`, { method: 'PUT', body: JSON.stringify(doc) });
      return { status: res.status, body: (await res.json()) as Answer['body'] };
    };
    const own = auditRecord({ action: 'print', target: '月报 2026-11' }, { unit: town, name: userNameOf(town) });
    expect((await asTown(toCouchDoc(own))).status).toBe(201);
    const downward = { ...auditRecord({ action: 'print', target: '月报' }, { unit: town, name: userNameOf(town) }), scope: scopeOfUnit(village) };
    const refused = await asTown(toCouchDoc(downward));
    expect(refused.status).toBe(403);
    expectRefused(refused, appReason(downward, null, town));
    await eventually(async () => (await adminGet(district.districtDb, own.id)) ?? undefined, REPLICATION_MS, 'the town’s audit record at the district');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await adminGet(stationDb, own.id)).toBeNull();
    expect(await adminGet(databaseOfUnit(sibling), own.id)).toBeNull();
  });

  it('(i) cannot list the server’s databases, delete its own, or stop the server with a refused job', async () => {
    expect((await asVillage('/_all_dbs')).status).toBe(401);
    expect((await asVillage(`/${stationDb}`, { method: 'DELETE' })).status).toBe(401);
    // A job refused by the server, written by the admin: the server keeps serving.
    const job = { _id: 'gridlink-refused', source: 'http://127.0.0.1:9/nowhere', target: 'not a url', continuous: true };
    await district.couch.adminFetch(`/_replicator/${job._id}`, { method: 'PUT', body: JSON.stringify(job) });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await district.couch.adminFetch('/')).status).toBe(200);
    const stored = (await adminGet('_replicator', job._id)) as { _rev: string } | null;
    if (stored) await district.couch.adminFetch(`/_replicator/${job._id}?rev=${stored._rev}`, { method: 'DELETE' });
  });
});

describe('what must still pass', { timeout: 4 * REPLICATION_MS }, () => {
  it('an order recorded and escalated before its first upload reaches the town, with its events', async () => {
    const now = new Date().toISOString();
    const number = `GD${village}PRE${Date.now().toString(36).toUpperCase()}`;
    const ticket: TicketDoc = { ...ticketOfVillage(), id: `ticket:${number}`, number, state: 'pendingFiling', holderCode: town, updatedBy: userNameOf(village), createdAt: now, updatedAt: now };
    const events = ['report', 'escalate'].map((action, i) => ({ ...stepOfVillage(action), id: `ticketEvent:${number}-0${i + 1}`, subjectId: ticket.id }));
    const { rows } = await bulk({ docs: [...events, ticket].map((doc) => toCouchDoc(doc)) });
    expect(rows.every((row) => row.ok), JSON.stringify(rows)).toBe(true);
    await eventually(async () => (await adminGet(databaseOfUnit(town), ticket.id)) ?? undefined, REPLICATION_MS, 'the order at the town');
    for (const event of events) await eventually(async () => (await adminGet(databaseOfUnit(town), event.id)) ?? undefined, REPLICATION_MS, 'its events at the town');
  });

  it('replication carries docs both ways, and the district admin repairs what a station may not', async () => {
    const step = stepOfVillage('handle');
    expect((await put(toCouchDoc(step))).status).toBe(201);
    await eventually(async () => (await adminGet(district.districtDb, step.id)) ?? undefined, REPLICATION_MS, 'the step at the district');
    // The village files an order; the district admin corrects the town's copy; it comes down.
    const ticket = { ...ticketOfVillage(), updatedBy: userNameOf(village) };
    expect((await put(toCouchDoc(ticket))).status).toBe(201);
    const atTown = await eventually(async () => (await adminGet(databaseOfUnit(town), ticket.id)) ?? undefined, REPLICATION_MS, 'the order at the town');
    const admin = { authorization: basicAuth(district.couch.admin.username, district.couch.admin.password) };
    const repaired = await fetch(`${district.couch.url}/${databaseOfUnit(town)}/${encodeURIComponent(ticket.id)}`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ ...atTown, address: '区中心更正的地址' }) });
    expect(repaired.status).toBe(201);
    await eventually(async () => (await adminGet(stationDb, ticket.id))?.address === '区中心更正的地址', REPLICATION_MS, 'the correction at the station');
  });
});

/**
 * Issue 15 part 2: once the village has people enrolled, each step names the person who took it,
 * and the server binds that person to the writing unit and to the database's members. Tried
 * with the station's own credentials (the login sync runs under), as an attacker at its PC would.
 */
describe('the person on a step', { timeout: 4 * REPLICATION_MS }, () => {
  let clerk: string;
  let siblingClerk: string;
  let unenrolled: string;

  beforeAll(async () => {
    await bulkWrite(district.couch, district.districtDb, district.demo.docs.staff.map((s) => toCouchDoc(s)));
    const ofVillage = district.demo.docs.staff.filter((s) => s.ownerCode === village);
    const ofSibling = district.demo.docs.staff.find((s) => s.ownerCode === sibling)!;
    const accounts = await addPeople(district.connection, [ofVillage[0].staffId, ofSibling.staffId], `${district.dir}/people-attacks.csv`);
    [clerk, siblingClerk] = accounts.map((a) => a.user);
    // On the roster of the village, never enrolled (no account made).
    unenrolled = personAccountName(village, `${ofVillage[0].staffId}x`)!;
  }, 120_000);

  const enrolled = (): RuleSecObj => ({ members: { names: [clerk], roles: [roleOfUnit(village)] } });

  it('cannot sign a step with a person of another unit', async () => {
    const step = stepOfVillage('handle', { person: siblingClerk });
    expectRefused(await put(toCouchDoc(step)), checkWriteMessage(step));
    await nowhereUpstream(step.id);
  });

  it('cannot sign a step with a person not enrolled at the station', async () => {
    const step = stepOfVillage('handle', { person: unenrolled });
    const expected = checkWrite(step, null, asUser(village), enrolled());
    expect(expected.ok ? null : expected.reason).toBe('personNotMember');
    expectRefused(await put(toCouchDoc(step)), expected.ok ? '' : expected.message);
    await nowhereUpstream(step.id);
  });

  it('cannot sign a step with the station login itself, nor leave the person out', async () => {
    const signedByStation = stepOfVillage('handle', { person: userNameOf(village) });
    expectRefused(await put(toCouchDoc(signedByStation)), checkWriteMessage(signedByStation));
    const unsigned = stepOfVillage('handle');
    expectRefused(await put(toCouchDoc(unsigned)), checkWriteMessage(unsigned));
    const caseStep = { ...district.demo.docs.caseEvents.find((e) => e.byUnit === village)!, id: `caseEvent:ATTACK-unsigned-${Date.now()}`, by: userNameOf(village), at: new Date().toISOString() };
    expectRefused(await put(toCouchDoc(caseStep)), /请先登录本人账号/);
    for (const id of [signedByStation.id, unsigned.id, caseStep.id]) await nowhereUpstream(id);
  });

  it('passes a step signed by an enrolled person of the station, and it reaches the town with the person', async () => {
    const step = stepOfVillage('handle', { person: clerk });
    expect((await put(toCouchDoc(step))).status).toBe(201);
    const atTown = await eventually(async () => (await adminGet(databaseOfUnit(town), step.id)) ?? undefined, REPLICATION_MS, 'the signed step at the town');
    expect(atTown).toMatchObject({ person: clerk, by: userNameOf(village) });
  });

  /** The app's explanation, given the members the station's database has. */
  function checkWriteMessage(step: EventDoc): string {
    const verdict = checkWrite(step, null, asUser(village), enrolled());
    if (verdict.ok) throw new Error(`the app would let ${step.id} pass`);
    return verdict.message;
  }
});
