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
    expect(checkWrite(ticketOfA, null, stationA)).toEqual({ ok: true });
    expect(checkWrite({ ...ticketOfA, state: 'handling' }, ticketOfA, stationA)).toEqual({ ok: true });
  });

  it('refuse a write outside the station’s scope and name the scope in Chinese', () => {
    const event = demo.docs.ticketEvents.find((e) => e.byUnit === villageB.code)!;
    const verdict = checkWrite(event, null, stationA);
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
    const event = demo.docs.ticketEvents.find((e) => e.byUnit === villageA.code)!;
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

  it('refuse a user who belongs to no unit', () => {
    expect(checkWrite(ticketOfA, null, { name: 'guest', roles: [] })).toMatchObject({ ok: false, reason: 'noUnit' });
  });
});

describe('the same rules as validate_doc_update source', () => {
  it('is plain ES5 with no imports: it parses with an ES5-only parser', () => {
    const source = buildValidateDocUpdate();
    expect(() => parse(`(${source})`, { ecmaVersion: 5 })).not.toThrow();
    expect(source).not.toMatch(/\b(require|import|export)\b/);
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
    const event = demo.docs.ticketEvents.find((e) => e.byUnit === villageA.code)!;
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
      const toServer = (doc: object) => {
        const couch = toCouchDoc(doc as { id: string }) as Record<string, unknown>;
        if ((doc as { _deleted?: boolean })._deleted) couch._deleted = true;
        return couch;
      };
      const server = serverRefusal(validate, toServer(newDoc), oldDoc ? toServer(oldDoc) : null, userCtx);
      expect(server).toBe(app.ok ? null : app.message);
      if (server) refusals++;
    }
    expect(refusals).toBe(6);
  });
});
