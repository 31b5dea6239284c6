/**
 * The invariants every generated district must keep, shared by the demo and the benchmark
 * tests: valid unique codes, grids that tile their parents, valid scopes, a complete event
 * list, and docs that pass their RxDB schemas.
 */
import { area, booleanPointInPolygon, booleanWithin, featureCollection, intersect, polygon } from '@turf/turf';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import { expect, it } from 'vitest';
import { checkCatalogItemCode, checkComponentCode, checkDivisionCode, checkGridCode, checkUnitCode, type GridLevel } from '../../../../core/codes';
import { scopeOfUnit, unitOfGrid } from '../../../../core/org';
import { COLLECTIONS, COLLECTION_OF_TYPE, DEPARTMENT_KINDS, EVENT_MAJOR_CATEGORIES, STAFF_ROLES, type GridDoc } from '../../../../core/schema';
import { DEMO_NOW_MS, allDemoDocs, type DemoDistrict, type DemoDocs } from '../../../../district/demo';
import { PROJECTED_FIELDS, replayTicket } from '../../../../core/workorders/projection';

export interface InvariantOptions {
  /** Check every ticket, event and component in detail (too slow for the benchmark). */
  detail: boolean;
}

type PolygonFeature = ReturnType<typeof polygon>;

function ring(grid: GridDoc): PolygonFeature {
  return polygon(grid.boundary.coordinates);
}

/** Square metres two polygons share (0 when they only touch along an edge). */
function sharedArea(a: PolygonFeature, b: PolygonFeature): number {
  const overlap = intersect(featureCollection([a, b]));
  return overlap ? area(overlap) : 0;
}

/** West, south, east, north of a generated (rectangular) grid. */
function box(grid: GridDoc): [number, number, number, number] {
  const xs = grid.boundary.coordinates[0].map((p) => p[0]);
  const ys = grid.boundary.coordinates[0].map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A failure list reads better than a bare `false`: it names the first offenders. */
function expectNone(offenders: string[], what: string): void {
  expect(offenders.slice(0, 5), `${offenders.length} ${what}`).toEqual([]);
}

export function districtInvariants(getDistrict: () => DemoDistrict, options: InvariantOptions): void {
  it('every town and village has a valid, unique division code of the right kind', () => {
    const { orgTree } = getDistrict();
    expect(orgTree.code).toBe('320506');
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const town of orgTree.towns) {
      const unit = checkUnitCode(town.code);
      if (!unit.ok || unit.parts.level !== 'town') bad.push(town.code);
      // Streets (街道) are numbered 001–099, towns (镇) 100–199.
      const segment = Number(town.code.slice(6));
      if (town.name.endsWith('街道') !== segment < 100 || segment > 199) bad.push(`${town.code} ${town.name}`);
      for (const village of town.villages) {
        const division = checkDivisionCode(village.code);
        if (!division.ok || division.parts.villageKind === 'township' || !village.code.startsWith(town.code)) bad.push(village.code);
        if (division.ok && village.name.endsWith('村') !== (division.parts.villageKind === 'village')) bad.push(`${village.code} ${village.name}`);
        if (seen.has(village.code)) bad.push(`duplicate ${village.code}`);
        seen.add(village.code);
      }
      if (seen.has(town.code)) bad.push(`duplicate ${town.code}`);
      seen.add(town.code);
    }
    expectNone(bad, 'bad or duplicate unit codes');
  });

  it('every doc id is unique and is <type>:<key>', () => {
    const ids = new Set<string>();
    const bad: string[] = [];
    for (const doc of allDemoDocs(getDistrict())) {
      if (ids.has(doc.id)) bad.push(`duplicate ${doc.id}`);
      ids.add(doc.id);
      if (!doc.id.startsWith(`${doc.type}:`)) bad.push(doc.id);
    }
    expectNone(bad, 'bad or duplicate ids');
  });

  it('grids of levels 1–4 have valid unique codes, their parents exist, and each village has 2–4 base grids', () => {
    const { orgTree, docs } = getDistrict();
    const byCode = new Map(docs.grids.map((g) => [g.code, g]));
    expect(byCode.size).toBe(docs.grids.length);
    const bad: string[] = [];
    for (const grid of docs.grids) {
      const result = checkGridCode(grid.code, grid.level as GridLevel);
      if (!result.ok) bad.push(`${grid.code}: ${result.message}`);
      else if (result.parts.parentCode !== grid.parentCode) bad.push(`${grid.code} parent ${grid.parentCode}`);
      if (grid.level > 1 && byCode.get(grid.parentCode)?.level !== grid.level - 1) bad.push(`${grid.code} has no parent grid`);
      if (!checkDivisionCode(grid.divisionCode).ok) bad.push(`${grid.code} division ${grid.divisionCode}`);
    }
    expectNone(bad, 'bad grids');
    const levels = new Set(docs.grids.map((g) => g.level));
    expect([...levels].sort()).toEqual([1, 2, 3, 4]);
    for (const town of orgTree.towns) {
      expect(byCode.get(town.code)?.level).toBe(1);
      for (const village of town.villages) {
        expect(byCode.get(village.code)?.level).toBe(2);
        const base = docs.grids.filter((g) => g.parentCode === village.code);
        expect(base.length).toBeGreaterThanOrEqual(2);
        expect(base.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('every child grid lies inside its parent, siblings do not overlap, and together they cover it', () => {
    const { docs } = getDistrict();
    const byCode = new Map(docs.grids.map((g) => [g.code, g]));
    const children = new Map<string, GridDoc[]>();
    for (const grid of docs.grids) children.set(grid.parentCode, [...(children.get(grid.parentCode) ?? []), grid]);
    const bad: string[] = [];
    for (const [parentCode, kids] of children) {
      const parent = byCode.get(parentCode);
      const features = kids.map(ring);
      if (parent) {
        const parentFeature = ring(parent);
        kids.forEach((kid, i) => {
          if (!booleanWithin(features[i], parentFeature)) bad.push(`${kid.code} not within ${parentCode}`);
        });
        const covered = features.reduce((sum, f) => sum + area(f), 0);
        if (Math.abs(covered - area(parentFeature)) > area(parentFeature) * 1e-6) bad.push(`${parentCode} not tiled: ${covered} of ${area(parentFeature)} m²`);
      }
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          if (sharedArea(features[i], features[j]) > 1) bad.push(`${kids[i].code} overlaps ${kids[j].code}`);
        }
      }
    }
    expectNone(bad, 'grid geometry problems');
  });

  it('siblings are numbered west to east, then north to south', () => {
    const { docs } = getDistrict();
    const bad: string[] = [];
    const siblings = new Map<string, GridDoc[]>();
    for (const grid of docs.grids) siblings.set(grid.parentCode, [...(siblings.get(grid.parentCode) ?? []), grid]);
    for (const kids of siblings.values()) {
      const ordered = [...kids].sort((a, b) => a.code.localeCompare(b.code));
      for (let i = 1; i < ordered.length; i++) {
        const [aWest, aSouth, aEast, aNorth] = box(ordered[i - 1]);
        const [bWest, , , bNorth] = box(ordered[i]);
        const sameRowEastward = bNorth === aNorth && bWest >= aEast;
        const nextRowSouthward = bNorth <= aSouth && bWest <= aWest;
        if (!sameRowEastward && !nextRowSouthward) bad.push(`${ordered[i - 1].code} → ${ordered[i].code}`);
      }
    }
    expectNone(bad, 'siblings out of reading order');
  });

  it('grids lie in Wuzhong (lng 120.4–120.9, lat 31.0–31.35)', () => {
    for (const grid of getDistrict().docs.grids) {
      const [west, south, east, north] = box(grid);
      expect(west).toBeGreaterThanOrEqual(120.4);
      expect(east).toBeLessThanOrEqual(120.9);
      expect(south).toBeGreaterThanOrEqual(31.0);
      expect(north).toBeLessThanOrEqual(31.35);
    }
  });

  it("every doc's scope runs from the district down to its owning unit, which exists", () => {
    const district = getDistrict();
    const unitCodes = [district.orgTree.code, ...district.orgTree.towns.flatMap((t) => [t.code, ...t.villages.map((v) => v.code)])];
    // owner unit → its expected scope, for the units of the org tree whose codes are valid.
    const scopes = new Map(unitCodes.filter((code) => checkUnitCode(code).ok).map((code) => [code, scopeOfUnit(code).join(',')]));
    const subjects = new Map<string, string[]>();
    for (const t of district.docs.tickets) subjects.set(t.id, t.scope);
    for (const c of district.docs.mediationCases) subjects.set(c.id, c.scope);
    const bad: string[] = [];
    for (const doc of allDemoDocs(district)) {
      let owner: string | undefined;
      if (doc.type === 'grid') owner = unitOfGrid(doc.code);
      else if (doc.type === 'catalogItem' || doc.type === 'department') owner = district.orgTree.code;
      else if (doc.type === 'ticketEvent' || doc.type === 'caseEvent') owner = subjects.get(doc.subjectId)?.at(-1);
      else if ('ownerCode' in doc) owner = doc.ownerCode;
      const expected = owner === undefined ? undefined : scopes.get(owner);
      if (expected === undefined) bad.push(`${doc.id} owner ${owner}`);
      else if (doc.scope.join(',') !== expected) bad.push(`${doc.id} scope ${doc.scope.join(',')}`);
    }
    expectNone(bad, 'docs with a wrong scope');
  });

  it('the event list has the 4 major categories, ≥40 subcategories, ≥120 items, each with an existing department and a time limit', () => {
    const { docs } = getDistrict();
    const departments = new Set(docs.departments.map((d) => d.code));
    expect(departments.size).toBeGreaterThanOrEqual(20);
    expect(new Set(docs.departments.map((d) => d.kind))).toEqual(new Set(DEPARTMENT_KINDS));
    expect(new Set(docs.catalogItems.map((i) => i.majorCode))).toEqual(new Set(Object.keys(EVENT_MAJOR_CATEGORIES)));
    expect(new Set(docs.catalogItems.map((i) => i.subcategoryCode)).size).toBeGreaterThanOrEqual(40);
    expect(docs.catalogItems.length).toBeGreaterThanOrEqual(120);
    const names = docs.catalogItems.map((i) => i.name);
    for (const name of ['占道经营', '井盖缺失', '违章搭建', '噪声扰民', '劳资纠纷隐患']) expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
    const codes = new Set<string>();
    for (const item of docs.catalogItems) {
      expect(checkCatalogItemCode(item.code)).toMatchObject({ ok: true, parts: { major: item.majorCode } });
      expect(item.code.startsWith(item.subcategoryCode)).toBe(true);
      expect(codes.has(item.code)).toBe(false);
      codes.add(item.code);
      expect(departments.has(item.departmentCode), `${item.name} → ${item.departmentCode}`).toBe(true);
      expect(item.timeLimitHours).toBeGreaterThan(0);
    }
  });

  it('component codes are valid, unique and start with the district code', () => {
    const { docs } = getDistrict();
    const codes = new Set<string>();
    const bad: string[] = [];
    for (const c of docs.components) {
      const result = checkComponentCode(c.code);
      if (!result.ok || result.parts.major !== c.majorCode || result.parts.minor !== c.minorCode || result.parts.county !== '320506') bad.push(c.code);
      if (codes.has(c.code)) bad.push(`duplicate ${c.code}`);
      codes.add(c.code);
    }
    expectNone(bad, 'bad component codes');
  });

  it('staff cover every role, and grids name heads and workers who exist and serve there', () => {
    const { docs } = getDistrict();
    const staff = new Map(docs.staff.map((s) => [s.staffId, s]));
    expect(new Set(docs.staff.flatMap((s) => s.roles))).toEqual(new Set(STAFF_ROLES));
    const grids = new Set(docs.grids.map((g) => g.code));
    const departments = new Set(docs.departments.map((d) => d.code));
    const bad: string[] = [];
    for (const person of docs.staff) {
      for (const code of person.gridCodes) if (!grids.has(code)) bad.push(`${person.staffId} grid ${code}`);
      if (person.roles.includes('enforcement') && !departments.has(person.departmentCode ?? '')) bad.push(`${person.staffId} department`);
    }
    for (const grid of docs.grids) {
      if (!grid.headStaffId || !staff.has(grid.headStaffId)) bad.push(`${grid.code} head ${grid.headStaffId}`);
      for (const id of grid.workerStaffIds ?? []) if (!staff.get(id)?.gridCodes.includes(grid.code)) bad.push(`${grid.code} worker ${id}`);
    }
    expectNone(bad, 'roster problems');
  });

  if (!options.detail) return;

  it('every doc passes its RxDB schema', () => {
    expectNone(schemaRefusals(allDemoDocs(getDistrict())).bad, 'docs refused by their schema');
  });

  it('components stand inside their grid and name their three units', () => {
    const { docs } = getDistrict();
    const grids = new Map(docs.grids.map((g) => [g.code, g]));
    const bad: string[] = [];
    for (const c of docs.components) {
      const grid = grids.get(c.gridCode);
      if (!grid || grid.code.slice(0, 12) !== c.ownerCode) bad.push(`${c.code} grid ${c.gridCode}`);
      else if (!booleanPointInPolygon([c.location.lng, c.location.lat], ring(grid))) bad.push(`${c.code} outside ${c.gridCode}`);
      if (!c.responsibleDepartment || !c.ownerUnit || !c.maintenanceUnit) bad.push(`${c.code} units`);
    }
    expectNone(bad, 'misplaced components');
    const names = new Set(docs.components.map((c) => c.name));
    for (const name of ['路灯', '雨水井盖', '交通标志牌', '行道树', '垃圾箱']) expect(names).toContain(name);
    expect(new Set(docs.components.map((c) => c.status)).size).toBeGreaterThanOrEqual(4);
  });

  it('every work order starts with its report, its fields agree with its events, and nothing happens after "now"', () => {
    const { docs } = getDistrict();
    const events = new Map<string, typeof docs.ticketEvents>();
    for (const e of docs.ticketEvents) events.set(e.subjectId, [...(events.get(e.subjectId) ?? []), e]);
    const grids = new Map(docs.grids.map((g) => [g.code, g]));
    const bad: string[] = [];
    for (const ticket of docs.tickets) {
      const history = (events.get(ticket.id) ?? []).sort((a, b) => a.id.localeCompare(b.id));
      if (history[0]?.action !== 'report' || history[0].at !== ticket.reportedAt) bad.push(`${ticket.number} report`);
      if (history.some((e, i) => i > 0 && e.at < history[i - 1].at)) bad.push(`${ticket.number} events out of order`);
      if (history.at(-1)?.at !== ticket.lastEventAt || Date.parse(ticket.lastEventAt) > DEMO_NOW_MS) bad.push(`${ticket.number} last event`);
      const dispatched = history.some((e) => e.action === 'dispatch');
      if (dispatched !== (ticket.deadline !== '')) bad.push(`${ticket.number} deadline`);
      if ((ticket.state === 'closed') !== history.some((e) => e.action === 'close') || (ticket.state === 'closed') !== Boolean(ticket.closedAt)) bad.push(`${ticket.number} closing`);
      if (ticket.state === 'voided' && history.at(-1)?.action !== 'void') bad.push(`${ticket.number} void`);
      // Replayed through the app's state machine, its events give exactly its fields: else every
      // station's first sync would rewrite (and upload) the order it holds.
      const { ticket: replayed } = replayTicket(ticket, history);
      for (const field of PROJECTED_FIELDS) {
        const [stored, again] = [(ticket as Record<string, unknown>)[field], (replayed as Record<string, unknown>)[field]];
        if (JSON.stringify(stored) !== JSON.stringify(again)) bad.push(`${ticket.number} ${field}: ${JSON.stringify(stored)} but its events give ${JSON.stringify(again)}`);
      }
      const grid = grids.get(ticket.gridCode);
      const at = ticket.location;
      if (!grid || !at || !booleanPointInPolygon([at.lng, at.lat], ring(grid))) bad.push(`${ticket.number} location`);
    }
    expectNone(bad, 'inconsistent work orders');
    expect(new Set(docs.tickets.map((t) => t.state)).size).toBe(7);
    expect(new Set(docs.tickets.map((t) => t.source)).size).toBe(6);
    const holders = docs.tickets.filter((t) => t.deadline !== '');
    expect(holders.some((t) => t.holderCode.length === 9)).toBe(true);
    expect(holders.some((t) => /^[A-Z]/.test(t.holderCode))).toBe(true);
    expect(docs.tickets.some((t) => t.selfHandled)).toBe(true);
    expect(docs.tickets.some((t) => t.supervised)).toBe(true);
  });

  it('mediation parties carry valid resident ID numbers and each case has its register event', () => {
    const { docs } = getDistrict();
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const registered = new Set(docs.caseEvents.filter((e) => e.action === 'register').map((e) => e.subjectId));
    const bad: string[] = [];
    for (const c of docs.mediationCases) {
      if (!registered.has(c.id)) bad.push(`${c.number} register`);
      for (const party of c.parties) {
        if (party.kind !== 'person') continue;
        const id = party.idNumber ?? '';
        const sum = [...id.slice(0, 17)].reduce((s, d, i) => s + Number(d) * weights[i], 0);
        const birth = new Date(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}T00:00:00Z`);
        if (!/^[0-9]{17}[0-9X]$/.test(id) || '10X98765432'[sum % 11] !== id[17] || Number.isNaN(birth.getTime())) bad.push(`${c.number} ${id}`);
      }
    }
    const tickets = new Set(docs.tickets.map((t) => t.id));
    for (const c of docs.mediationCases) if (c.ticketId && !tickets.has(c.ticketId)) bad.push(`${c.number} ticket ${c.ticketId}`);
    expectNone(bad, 'bad mediation cases');
    expect(docs.mediationCases.some((c) => c.ticketId)).toBe(true);
    expect(new Set(docs.mediationCases.map((c) => c.disputeType)).size).toBeGreaterThanOrEqual(10);
  });
}

/** Each doc checked against its collection's RxDB schema: how many, and the first error of each refused. */
export function schemaRefusals(docs: Iterable<DemoDocs[keyof DemoDocs][number]>): { checked: number; bad: string[] } {
  const validators = new Map<string, (doc: unknown) => unknown[]>();
  const bad: string[] = [];
  let checked = 0;
  for (const doc of docs) {
    const collection = COLLECTION_OF_TYPE[doc.type];
    let validate = validators.get(collection);
    if (!validate) {
      validate = getValidator(COLLECTIONS[collection].schema);
      validators.set(collection, validate);
    }
    const errors = validate(doc);
    checked++;
    if (errors.length > 0) bad.push(`${doc.id}: ${JSON.stringify(errors[0])}`);
  }
  return { checked, bad };
}
