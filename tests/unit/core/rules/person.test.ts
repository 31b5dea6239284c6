/**
 * The person on a step (issue 15 part 2): the rule in the app's pre-check and in the compiled
 * validate_doc_update, given the database's `_security` as the server gives it.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../district/demo';
import { buildValidateDocUpdate } from '../../../../district/designDoc';
import { toCouchDoc } from '../../../../core/couchDoc';
import { personAccountName, unitOfPersonName } from '../../../../core/people';
import { checkWrite, roleOfUnit, type RuleSecObj, type RuleUserCtx } from '../../../../core/rules';

const demo = generateDemoDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 2, casesPerVillage: 1, componentsPerVillage: 1, staffPerVillage: 2 });
const [town] = demo.orgTree.towns;
const [villageA, villageB] = town.villages;
const station: RuleUserCtx = { name: `station-${villageA.code}`, roles: [roleOfUnit(villageA.code)] };
const staffA = demo.docs.staff.filter((s) => s.ownerCode === villageA.code);
const staffB = demo.docs.staff.find((s) => s.ownerCode === villageB.code)!;
const clerk = personAccountName(villageA.code, staffA[0].staffId)!;
const other = personAccountName(villageA.code, staffA[1].staffId)!;
const foreign = personAccountName(villageB.code, staffB.staffId)!;
const enrolled: RuleSecObj = { admins: { names: [], roles: [] }, members: { names: [clerk], roles: [roleOfUnit(villageA.code)] } };
const nobodyEnrolled: RuleSecObj = { members: { names: [], roles: [roleOfUnit(villageA.code)] } };

const step = (person?: string) => {
  const base = demo.docs.ticketEvents.find((e) => e.byUnit === villageA.code && e.action !== 'report')!;
  const { person: _none, ...rest } = { ...base, person: undefined };
  return { ...rest, id: `${base.id}-p`, by: station.name!, ...(person !== undefined ? { person } : {}) };
};
const caseStep = (person?: string) => {
  const base = demo.docs.caseEvents.find((e) => e.byUnit === villageA.code)!;
  return { ...base, id: `${base.id}-p`, by: station.name!, ...(person !== undefined ? { person } : {}) };
};

type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
const validate = new Function(`return (${buildValidateDocUpdate()});`)() as Validate;
function server(doc: { id: string } & Record<string, unknown>, secObj: RuleSecObj | undefined): string | null {
  try {
    validate(toCouchDoc(doc), null, station, secObj);
    return null;
  } catch (err) {
    return (err as { forbidden: string }).forbidden;
  }
}

describe('personal account names', () => {
  it('carry the unit and the staff id suffix, and nothing else reads as one', () => {
    expect(clerk).toMatch(new RegExp(`^person-${villageA.code}-[a-z0-9]+$`));
    expect(unitOfPersonName(clerk)).toBe(villageA.code);
    expect(personAccountName(villageA.code, `S${villageA.code}-007`)).toBe(`person-${villageA.code}-007`);
    expect(personAccountName(town.code, 'ZF-王.01')).toBe(`person-${town.code}-zf01`);
    expect(personAccountName(villageA.code, '--')).toBeNull();
    for (const name of [`station-${villageA.code}`, `town-${town.code}`, `person-${villageA.code}`, `person-1234-1`, `person-${villageA.code}-A1`]) expect(unitOfPersonName(name)).toBeNull();
  });
});

describe('the person on a step', () => {
  it('passes a step signed by an enrolled person of the writing unit, in the app and on the server', () => {
    expect(checkWrite(step(clerk), null, station, enrolled)).toEqual({ ok: true });
    expect(server(step(clerk), enrolled)).toBeNull();
    expect(server(caseStep(clerk), enrolled)).toBeNull();
  });

  it('refuses the station login as the person, a person of another unit, and one not enrolled', () => {
    const cases: [string, string, RegExp][] = [
      [station.name!, 'personNotPerson', /不是个人账号/],
      [`town-${town.code}`, 'personNotPerson', /不是个人账号/],
      [foreign, 'personOtherUnit', /不属于本单位/],
      [other, 'personNotMember', /不在本单位/],
    ];
    for (const [person, reason, text] of cases) {
      const app = checkWrite(step(person), null, station, enrolled);
      expect(app.ok ? null : app.reason, person).toBe(reason);
      expect(server(step(person), enrolled), person).toBe(app.ok ? null : app.message);
      expect(server(caseStep(person), enrolled), person).toMatch(text);
    }
  });

  it('refuses a step without a person once the unit has people enrolled; before, and in history, it passes', () => {
    const app = checkWrite(step(), null, station, enrolled);
    expect(app.ok ? null : app.reason).toBe('personMissing');
    expect(server(step(), enrolled)).toMatch(/请先登录本人账号/);
    expect(server(step(), nobodyEnrolled)).toBeNull();
    // An engine that passes no `_security`: membership cannot be checked, the rest still is.
    expect(server(step(), undefined)).toBeNull();
    expect(server(step(other), undefined)).toBeNull();
    expect(server(step(foreign), undefined)).toMatch(/不属于本单位/);
    expect(server(step(station.name!), undefined)).toMatch(/不是个人账号/);
  });

  it('leaves other types alone', () => {
    const ticket = demo.docs.tickets.find((t) => t.ownerCode === villageA.code && t.holderCode === villageA.code)!;
    expect(checkWrite({ ...ticket, updatedBy: station.name! }, ticket, station, enrolled).ok).toBe(true);
  });
});
