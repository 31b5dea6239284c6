import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../district/demo';
import { buildValidateDocUpdate, checkRuleCoreUsesOnlyES5, RULES_SOURCE_PATH } from '../../../../district/designDoc';
import { toCouchDoc } from '../../../../core/couchDoc';
import { checkWrite, roleOfUnit, type RuleUserCtx } from '../../../../core/rules';
import type { TicketDoc } from '../../../../core/schema';

const demo = generateDemoDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 2, casesPerVillage: 1, componentsPerVillage: 1, staffPerVillage: 1 });
const [town] = demo.orgTree.towns;
const [villageA, villageB] = town.villages;
const user = (code: string): RuleUserCtx => ({ name: `u-${code}`, roles: [roleOfUnit(code)] });
const stationA = user(villageA.code);
const stationB = user(villageB.code);
const townUser = user(town.code);
const districtUser = user(demo.orgTree.code);
const ticketOfA = demo.docs.tickets.find((t) => t.holderCode === villageA.code && t.ownerCode === villageA.code) as TicketDoc;
/** A step village A's clerk records on its own order, signed with the clerk's account. */
const eventOfA = () => ({ ...demo.docs.ticketEvents.find((e) => e.byUnit === villageA.code && e.action !== 'report')!, by: stationA.name! });

type ServerValidate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;

/** The design doc's function, evaluated as CouchDB would: a function expression in a sandbox. */
function serverValidate(): ServerValidate {
  return new Function(`return (${buildValidateDocUpdate()});`)() as ServerValidate;
}

/** The server's refusal text for a write, or null when the function lets it pass. */
function serverRefusal(validate: ServerValidate, newDoc: object, oldDoc: object | null, userCtx: RuleUserCtx): string | null {
  try {
    validate(newDoc, oldDoc, userCtx, {});
    return null;
  } catch (err) {
    return (err as { forbidden: string }).forbidden;
  }
}

describe('the write rules, as the app pre-checks them', () => {
  it('let a station file and update a ticket it holds', () => {
    // With the statistics record its projection keeps (core/workorders/orderStats.ts).
    expect(ticketOfA.stats?.states.length).toBeGreaterThan(0);
    expect(checkWrite(ticketOfA, null, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...ticketOfA, state: 'handling' }, ticketOfA, stationA)).toEqual({ ok: true });
  });

  it('refuse a write outside the station’s scope and name the scope in Chinese', () => {
    const ofB = demo.docs.ticketEvents.find((e) => e.byUnit === villageB.code && e.action !== 'report')!;
    const verdict = checkWrite({ ...ofB, byUnit: villageA.code, by: stationA.name! }, null, stationA);
    expect(verdict).toMatchObject({ ok: false, reason: 'outOfScope' });
    expect(verdict.ok === false && verdict.message).toContain('不包含本单位');
  });

  it('pass an escalation by the holder, then only the new holder may write the ticket', () => {
    const escalated = { ...ticketOfA, holderCode: town.code };
    expect(checkWrite(escalated, ticketOfA, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...escalated, state: 'handling' }, escalated, stationA)).toMatchObject({ ok: false, reason: 'notHolder' });
    expect(checkWrite({ ...escalated, state: 'handling' }, escalated, townUser)).toEqual({ ok: true });
    // Returning it moves the holder back down; the village may write again afterwards.
    const returned = { ...escalated, holderCode: villageA.code };
    expect(checkWrite(returned, escalated, townUser)).toEqual({ ok: true });
    expect(checkWrite({ ...returned, state: 'handling' }, returned, stationA)).toEqual({ ok: true });
  });

  it('refuse a ticket handed to a unit outside its scope', () => {
    expect(checkWrite({ ...ticketOfA, holderCode: villageB.code }, ticketOfA, stationA)).toMatchObject({ ok: false, reason: 'holderOutOfScope' });
  });

  it('keep events and photos create-only', () => {
    const event = eventOfA();
    expect(checkWrite(event, null, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...event, note: 'changed' }, event, stationA)).toMatchObject({ ok: false, reason: 'createOnly' });
  });

  it('leave grids, the catalog and departments to the district', () => {
    const grid = demo.docs.grids.find((g) => g.code === villageA.code)!;
    expect(checkWrite({ ...grid, name: '改名' }, grid, stationA)).toMatchObject({ ok: false, reason: 'districtOnly' });
    expect(checkWrite({ ...grid, name: '改名' }, grid, townUser)).toMatchObject({ ok: false, reason: 'districtOnly' });
    expect(checkWrite({ ...grid, name: '改名' }, grid, districtUser)).toEqual({ ok: true });
  });

  it('let the owning town, not its villages, keep staff and components', () => {
    const component = demo.docs.components.find((c) => c.ownerCode === villageA.code)!;
    expect(checkWrite({ ...component, status: 'damaged' }, component, townUser)).toEqual({ ok: true });
    expect(checkWrite({ ...component, status: 'damaged' }, component, stationA)).toMatchObject({ ok: false, reason: 'ownerOnly' });
  });

  it('refuse every delete but the district admin’s', () => {
    const tombstone = { id: ticketOfA.id, _deleted: true };
    expect(checkWrite(tombstone, ticketOfA, stationA)).toMatchObject({ ok: false, reason: 'deleteForbidden' });
    expect(checkWrite(tombstone, ticketOfA, { name: 'it', roles: ['gridlink-admin'] })).toEqual({ ok: true });
  });

  it('refuse unknown types and missing required fields', () => {
    expect(checkWrite({ id: 'note:1', type: 'note', scope: ticketOfA.scope }, null, stationA)).toMatchObject({ ok: false, reason: 'unknownType' });
    const { description: _description, ...withoutDescription } = ticketOfA;
    expect(checkWrite(withoutDescription as TicketDoc, null, stationA)).toMatchObject({
      ok: false,
      reason: 'missingField',
      params: { field: 'description' },
    });
  });

  it('let a workstation report only its own unit, under an id that names that unit', () => {
    const now = new Date().toISOString();
    const heartbeat = (id: string, stationCode: string) => ({
      id, type: 'stationStatus', scope: [demo.orgTree.code, town.code, stationCode], createdAt: now, updatedAt: now, updatedBy: stationA.name!,
      stationCode, appVersion: '0.2.0', pendingUploads: 0, rejectedDocs: 0, workstation: 'ws-1a2b3c4d',
    });
    const validate = serverValidate();
    const both = (doc: ReturnType<typeof heartbeat>) => [checkWrite(doc, null, stationA), serverRefusal(validate, toCouchDoc(doc), null, stationA)];
    expect(both(heartbeat(`stationStatus:${villageA.code}.ws-1a2b3c4d`, villageA.code))).toEqual([{ ok: true }, null]);
    expect(both(heartbeat(`stationStatus:${villageA.code}`, villageA.code))).toEqual([{ ok: true }, null]);
    expect(checkWrite(heartbeat(`stationStatus:${villageB.code}.ws-1`, villageB.code), null, stationA)).toMatchObject({ ok: false, reason: 'notOwnStation' });
    // Its own code in the field, another unit's in the id: district status would file it under B.
    const [verdict, refusal] = both(heartbeat(`stationStatus:${villageB.code}.ws-1`, villageA.code));
    expect(verdict).toMatchObject({ ok: false, reason: 'statusIdMismatch' });
    expect(refusal).toContain('编号与上报单位');
    expect(checkWrite(heartbeat(`stationStatus:${villageA.code}9.ws-1`, villageA.code), null, stationA)).toMatchObject({ ok: false, reason: 'statusIdMismatch' });
  });

  it('refuse a user who belongs to no unit', () => {
    expect(checkWrite(ticketOfA, null, { name: 'guest', roles: [] })).toMatchObject({ ok: false, reason: 'noUnit' });
  });
});

describe('who wrote it, and how big it is', () => {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();

  it('bind an event to the writing unit and account, and to the server’s clock', () => {
    expect(checkWrite(eventOfA(), null, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...eventOfA(), byUnit: town.code }, null, stationA)).toMatchObject({ ok: false, reason: 'notWriterUnit' });
    expect(checkWrite({ ...eventOfA(), by: 'town-clerk' }, null, stationA)).toMatchObject({ ok: false, reason: 'notWriterName' });
    expect(checkWrite({ ...eventOfA(), at: at(5 * 60_000) }, null, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...eventOfA(), at: at(60 * 60_000) }, null, stationA)).toMatchObject({ ok: false, reason: 'clockAhead' });
  });

  it('let only the owner report an order and only a unit above it supervise', () => {
    const report = { ...demo.docs.ticketEvents.find((e) => e.subjectId === ticketOfA.id && e.action === 'report')!, by: townUser.name! };
    expect(checkWrite({ ...report, byUnit: town.code }, null, townUser)).toMatchObject({ ok: false, reason: 'reportByOther' });
    const supervise = { ...eventOfA(), action: 'supervise' };
    expect(checkWrite(supervise, null, stationA)).toMatchObject({ ok: false, reason: 'notSuperior' });
    expect(checkWrite({ ...supervise, byUnit: town.code, by: townUser.name! }, null, townUser)).toEqual({ ok: true });
  });

  it('let a unit create only what it owns, and never change the owner', () => {
    const ofB = { ...ticketOfA, ownerCode: villageB.code, holderCode: villageB.code, scope: [demo.orgTree.code, town.code, villageB.code] };
    expect(checkWrite(ofB, null, stationA)).toMatchObject({ ok: false, reason: 'ownerNotWriter' });
    expect(checkWrite({ ...ticketOfA, ownerCode: villageB.code }, ticketOfA, stationA)).toMatchObject({ ok: false, reason: 'ownerChanged' });
    const kase = demo.docs.mediationCases.find((c) => c.ownerCode === villageA.code)!;
    expect(checkWrite({ ...kase, ownerCode: villageB.code }, null, stationA)).toMatchObject({ ok: false, reason: 'ownerNotWriter' });
  });

  it('let a town take over only a case escalated to it, then let only the town write it — a village cannot forge the takeover', () => {
    const kase = { ...demo.docs.mediationCases.find((c) => c.ownerCode === villageA.code)!, state: 'mediating' as const, holderCode: undefined, takeover: undefined };
    const escalated = { ...kase, state: 'escalated' as const, escalation: { at: '2026-05-01T08:00:00.000Z', toCode: town.code, reason: '跨村纠纷', by: stationA.name! } };
    const takenOver = { ...escalated, state: 'mediating' as const, holderCode: town.code, takeover: { at: '2026-05-02T08:00:00.000Z', byUnit: town.code, by: townUser.name! } };
    // Before the escalation the town only reads the case.
    expect(checkWrite({ ...kase, summary: '镇里改写' }, kase, townUser)).toMatchObject({ ok: false, reason: 'ownerOnly' });
    expect(checkWrite({ ...takenOver, state: 'mediating' as const }, kase, townUser)).toMatchObject({ ok: false, reason: 'ownerOnly' });
    // The town it was escalated to takes it over; the sibling village cannot.
    expect(checkWrite(takenOver, escalated, townUser)).toEqual({ ok: true });
    expect(checkWrite({ ...takenOver, holderCode: villageB.code, takeover: { ...takenOver.takeover, byUnit: villageB.code } }, escalated, stationB)).toMatchObject({ ok: false, reason: 'ownerOnly' });
    // The village writing the takeover itself (its own case, the town's name on it) is refused,
    // as is a village handing its case on or creating one already taken over.
    expect(checkWrite(takenOver, escalated, stationA)).toMatchObject({ ok: false, reason: 'badTakeover' });
    expect(checkWrite({ ...escalated, holderCode: town.code }, escalated, stationA)).toMatchObject({ ok: false, reason: 'badTakeover' });
    expect(checkWrite(takenOver, null, stationA)).toMatchObject({ ok: false, reason: 'badTakeover' });
    // Once taken over, the town writes it and the village only reads it; the town cannot rewrite the takeover record.
    expect(checkWrite({ ...takenOver, summary: '镇调解中' }, takenOver, townUser)).toEqual({ ok: true });
    expect(checkWrite({ ...takenOver, summary: '村里改写' }, takenOver, stationA)).toMatchObject({ ok: false, reason: 'caseNotHolder' });
    expect(checkWrite({ ...takenOver, takeover: { ...takenOver.takeover, at: '2026-05-03T08:00:00.000Z' } }, takenOver, townUser)).toMatchObject({ ok: false, reason: 'badTakeover' });
    // The same verdicts from the design doc's validate_doc_update.
    const validate = serverValidate();
    const stored = { ...toCouchDoc(escalated), _rev: '2-a' };
    expect(serverRefusal(validate, { ...toCouchDoc(takenOver), _rev: '2-a' }, stored, townUser)).toBeNull();
    expect(serverRefusal(validate, { ...toCouchDoc(takenOver), _rev: '2-a' }, stored, stationA)).toContain('只能由其上报的乡镇');
  });

  it('pass an order recorded and escalated before its first upload, in a state an escalation leaves', () => {
    const fresh = { ...ticketOfA, state: 'pendingFiling' as const, holderCode: town.code };
    expect(checkWrite(fresh, null, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...fresh, state: 'closed' as const }, null, stationA)).toMatchObject({ ok: false, reason: 'badHandover' });
  });

  it('never reopen a closed order, never hand one on in a final state, and compute 按期', () => {
    const closed = { ...ticketOfA, state: 'closed' as const, deadline: '2026-06-01T08:00:00.000Z', closedAt: '2026-05-30T08:00:00.000Z', onTime: true };
    expect(checkWrite(closed, ticketOfA, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...closed, state: 'handling' as const }, closed, stationA)).toMatchObject({ ok: false, reason: 'reopened' });
    expect(checkWrite({ ...ticketOfA, state: 'closed' as const, holderCode: town.code }, ticketOfA, stationA)).toMatchObject({ ok: false, reason: 'badHandover' });
    expect(checkWrite({ ...closed, closedAt: '2026-06-02T08:00:00.000Z' }, ticketOfA, stationA)).toMatchObject({ ok: false, reason: 'onTimeMismatch' });
  });

  it('refuse ids that are empty, path-like or too long', () => {
    const event = eventOfA();
    for (const id of ['ticketEvent:', 'ticketEvent:../../x', `ticketEvent:${'x'.repeat(300)}`]) {
      expect(checkWrite({ ...event, id }, null, stationA), id).toMatchObject({ ok: false, reason: 'badId' });
    }
  });

  it('refuse a doc too large, too deep, with a text too long or a photo too big', () => {
    const event = eventOfA();
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 2500; i++) deep = { d: deep };
    expect(checkWrite({ ...event, payload: deep }, null, stationA)).toMatchObject({ ok: false, reason: 'tooDeep' });
    expect(checkWrite({ ...event, payload: { list: Array.from({ length: 60_000 }, (_, i) => `item-${i}`) } }, null, stationA)).toMatchObject({ ok: false, reason: 'tooLarge' });
    expect(checkWrite({ ...event, note: '字'.repeat(20_001) }, null, stationA)).toMatchObject({ ok: false, reason: 'textTooLong' });
    const photo = { id: `photo:${'a'.repeat(64)}`, type: 'photo', scope: ticketOfA.scope, createdAt: at(0), updatedAt: at(0), updatedBy: stationA.name!, sha256: 'a'.repeat(64), mime: 'image/jpeg', width: 1, height: 1, bytes: 1 };
    const server = serverValidate();
    const withImage = (length: number) => ({ ...toCouchDoc(photo), _attachments: { image: { content_type: 'image/jpeg', stub: true, length } } });
    expect(serverRefusal(server, withImage(400_000), null, stationA)).toBeNull();
    expect(serverRefusal(server, withImage(6 * 1024 * 1024), null, stationA)).toMatch(/附件超过 5 MB/);
  });

  it('on the server, refuse a revision history that does not descend from the stored revision', () => {
    const server = serverValidate();
    const stored = { ...toCouchDoc({ ...ticketOfA, holderCode: town.code }), _rev: '2-abc' };
    const mine = { ...toCouchDoc({ ...ticketOfA, state: 'closed' }), _revisions: { start: 9, ids: ['f', 'e'] } };
    // new_edits=false: the forged revision itself, its history unknown to the server.
    expect(serverRefusal(server, { ...mine, _rev: '9-f' }, null, stationA)).toMatch(/修订历史不符/);
    expect(serverRefusal(server, { ...mine, _rev: '9-f' }, stored, stationA)).toMatch(/修订历史不符/);
    // An ordinary update names the stored revision as its parent.
    expect(serverRefusal(server, { ...toCouchDoc({ ...ticketOfA, holderCode: town.code, state: 'pendingDispatch' }), _rev: '2-abc' }, stored, townUser)).toBeNull();
  });
});

describe('the same rules as validate_doc_update source', () => {
  it('is plain ES5 with no imports: it parses with an ES5-only parser', () => {
    const source = buildValidateDocUpdate();
    expect(() => parse(`(${source})`, { ecmaVersion: 5 })).not.toThrow();
    // Module syntax or a require call; the word inside a string (the audit action 'export') is data.
    expect(source).not.toMatch(/(^|[\s;])(import|export)[\s{*(]|\brequire\s*\(/m);
  });

  it('uses only the ES5 standard library', () => {
    expect(checkRuleCoreUsesOnlyES5()).toEqual([]);
  });

  it('would catch an ES2016 call such as Array#includes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-es5-'));
    const file = join(dir, 'core.ts');
    writeFileSync(file, readFileSync(RULES_SOURCE_PATH, 'utf8') + '\nexport const probe = [1].includes(1);\n');
    expect(checkRuleCoreUsesOnlyES5(file).join('\n')).toMatch(/includes/);
  });

  it('gives the server the app’s explanation, word for word', () => {
    const validate = serverValidate();
    const escalated = { ...ticketOfA, holderCode: town.code };
    const event = eventOfA();
    const grid = demo.docs.grids.find((g) => g.code === villageA.code)!;
    const cases: [object, object | null, RuleUserCtx][] = [
      [ticketOfA, null, stationA],
      [ticketOfA, null, stationB],
      [escalated, ticketOfA, stationA],
      [{ ...escalated, state: 'handling' }, escalated, stationA],
      [{ ...event, note: 'changed' }, event, stationA],
      [{ ...grid, name: '改名' }, grid, stationA],
      [{ id: ticketOfA.id, _deleted: true }, ticketOfA, stationA],
      [{ id: 'note:1', type: 'note', scope: ticketOfA.scope }, null, stationA],
    ];
    let refusals = 0;
    for (const [newDoc, oldDoc, userCtx] of cases) {
      const app = checkWrite(newDoc as TicketDoc, oldDoc as TicketDoc | null, userCtx);
      // As CouchDB shows an ordinary write: an update names the stored revision as its parent.
      const toServer = (doc: object, rev: string | undefined) => {
        const couch = toCouchDoc(doc as { id: string }) as Record<string, unknown>;
        if ((doc as { _deleted?: boolean })._deleted) couch._deleted = true;
        if (rev) couch._rev = rev;
        return couch;
      };
      const rev = oldDoc ? '3-stored' : undefined;
      const server = serverRefusal(validate, toServer(newDoc, rev), oldDoc ? toServer(oldDoc, rev) : null, userCtx);
      expect(server).toBe(app.ok ? null : app.message);
      if (server) refusals++;
    }
    expect(refusals).toBe(6);
  });
});
