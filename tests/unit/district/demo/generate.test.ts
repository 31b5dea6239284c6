import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../sync/database';
import { COLLECTION_OF_TYPE, type AnyDoc, type SyncedCollectionName } from '../../../../core/schema';
import { DEMO_PRESETS, DemoOptionsError, allDemoDocs, districtName, generateDemoDistrict, type DemoDistrict } from '../../../../district/demo';
import { districtInvariants } from './demoInvariants';

let district: DemoDistrict;
beforeAll(() => {
  district = generateDemoDistrict(DEMO_PRESETS.demo);
});

describe('the demo district (吴中区, default options)', () => {
  it('has at least 6 towns and 60 villages, and every kind of doc', () => {
    expect(district.orgTree.name).toBe(districtName);
    expect(districtName).toBe('吴中区');
    expect(district.orgTree.towns.length).toBeGreaterThanOrEqual(6);
    expect(district.orgTree.towns.flatMap((t) => t.villages).length).toBeGreaterThanOrEqual(60);
    expect(district.orgTree.towns.map((t) => t.name)).toEqual(expect.arrayContaining(['木渎镇', '长桥街道']));
    const { docs } = district;
    expect(docs.tickets).toHaveLength(60 * 20);
    expect(docs.mediationCases).toHaveLength(60 * 5);
    expect(docs.components).toHaveLength(60 * 30);
    expect(docs.staff.filter((s) => s.ownerCode.length === 12)).toHaveLength(60 * 6);
    expect(docs.ticketEvents.length).toBeGreaterThan(docs.tickets.length);
    expect(docs.caseEvents.length).toBeGreaterThanOrEqual(docs.mediationCases.length);
  });

  districtInvariants(() => district, { detail: true });

  it('the same seed gives the same district, another seed a different one', () => {
    const again = generateDemoDistrict(DEMO_PRESETS.demo);
    expect(JSON.stringify(again)).toBe(JSON.stringify(district));
    const other = generateDemoDistrict({ ...DEMO_PRESETS.demo, seed: 2 });
    expect(other.orgTree.towns.map((t) => t.code)).toEqual(district.orgTree.towns.map((t) => t.code));
    expect(other.orgTree.towns[0].villages.map((v) => v.name)).not.toEqual(district.orgTree.towns[0].villages.map((v) => v.name));
    expect(other.docs.tickets.map((t) => t.state)).not.toEqual(district.docs.tickets.map((t) => t.state));
  });

  it('scales by options', () => {
    const small = generateDemoDistrict({ towns: 2, villagesPerTown: 3, ticketsPerVillage: 4, casesPerVillage: 1, componentsPerVillage: 5, staffPerVillage: 3 });
    expect(small.orgTree.towns).toHaveLength(2);
    expect(small.docs.tickets).toHaveLength(2 * 3 * 4);
    expect(small.docs.components).toHaveLength(2 * 3 * 5);
    const many = generateDemoDistrict({ towns: 20, villagesPerTown: 2, ticketsPerVillage: 0, casesPerVillage: 0, componentsPerVillage: 0 });
    const names = many.orgTree.towns.map((t) => t.name);
    expect(new Set(names).size).toBe(20);
  });

  it('refuses nonsense options, naming the option', () => {
    expect(() => generateDemoDistrict({ towns: -3 })).toThrow(DemoOptionsError);
    expect(() => generateDemoDistrict({ towns: -3 })).toThrow('towns must be a whole number from 1 to 60, got -3');
    expect(() => generateDemoDistrict({ villagesPerTown: 2.5 })).toThrow('villagesPerTown');
    expect(() => generateDemoDistrict({ seed: Number.NaN })).toThrow('seed');
    expect(() => generateDemoDistrict({ towns: 60, villagesPerTown: 199, ticketsPerVillage: 5000 })).toThrow(/at most 1000000/);
  });

  it("a village station's share loads into a real RxDB database, every collection accepting its docs", async () => {
    const village = district.orgTree.towns[3].villages[4].code;
    const share = new Map<SyncedCollectionName, AnyDoc[]>();
    for (const doc of allDemoDocs(district)) {
      if (doc.scope.length > 1 && !doc.scope.includes(village)) continue;
      const name = COLLECTION_OF_TYPE[doc.type];
      share.set(name, [...(share.get(name) ?? []), doc]);
    }
    const db = await openDatabase({ name: `demo-${Date.now()}` });
    try {
      for (const [name, docs] of share) {
        const result = await (db[name] as unknown as { bulkInsert(docs: AnyDoc[]): Promise<{ error: unknown[] }> }).bulkInsert(docs);
        expect(result.error, name).toEqual([]);
        expect(await db[name].count().exec()).toBe(docs.length);
      }
      expect(await db.tickets.count().exec()).toBe(20);
      expect(await db.cases.count().exec()).toBe(5);
    } finally {
      await db.close();
    }
  });
});
