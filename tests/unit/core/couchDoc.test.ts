import { describe, expect, it } from 'vitest';
import { fromCouchDoc, toCouchDoc } from '../../../core/couchDoc';
import { generateDemoDistrict } from '../../../district/demo';

const district = generateDemoDistrict({ towns: 1, villagesPerTown: 1, ticketsPerVillage: 2, casesPerVillage: 1, componentsPerVillage: 2 });

describe('CouchDB document form', () => {
  it('a doc keeps every field across the trip to CouchDB and back, keyed by _id there', () => {
    const ticket = district.docs.tickets[0];
    const couch = toCouchDoc(ticket);
    expect(couch._id).toBe(ticket.id);
    expect(couch).not.toHaveProperty('id');
    expect(fromCouchDoc(couch)).toEqual(ticket);
    const mediationCase = district.docs.mediationCases[0];
    expect(fromCouchDoc(JSON.parse(JSON.stringify(toCouchDoc(mediationCase))))).toEqual(mediationCase);
  });

  it('carries a known revision only when asked to', () => {
    const grid = district.docs.grids[0];
    expect(toCouchDoc(grid)).not.toHaveProperty('_rev');
    expect(toCouchDoc(grid, '3-abc')._rev).toBe('3-abc');
  });

  it("drops CouchDB's and RxDB's bookkeeping fields in both directions", () => {
    const staff = district.docs.staff[0];
    const fromRxdb = { ...staff, _rev: '1-rx', _meta: { lwt: 1 }, _deleted: false, _attachments: {} };
    expect(toCouchDoc(fromRxdb)).toEqual({ ...toCouchDoc(staff) });
    const fromCouch = { ...toCouchDoc(staff, '2-x'), _conflicts: ['2-y'], _revisions: { start: 2, ids: ['x'] } };
    expect(fromCouchDoc(fromCouch)).toEqual(staff);
  });

  it('does not change the doc it was given', () => {
    const department = district.docs.departments[0];
    const before = structuredClone(department);
    toCouchDoc(department);
    expect(department).toEqual(before);
  });
});
