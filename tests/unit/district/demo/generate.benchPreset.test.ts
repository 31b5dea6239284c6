import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRESETS, allDemoDocs, generateDemoDistrict, type DemoDistrict } from '../../../../district/demo';
import { districtInvariants, schemaRefusals } from './demoInvariants';

let district: DemoDistrict;
// Generation time is a benchmark figure (printed by `npm run demo -- --preset bench`), not a test.
beforeAll(() => {
  district = generateDemoDistrict(DEMO_PRESETS.bench);
});

describe('the benchmark district (10 towns, 220 villages, ≈100k work orders)', () => {
  it('has the full benchmark size', () => {
    expect(district.orgTree.towns).toHaveLength(10);
    expect(district.orgTree.towns.flatMap((t) => t.villages)).toHaveLength(220);
    expect(district.docs.tickets.length).toBeGreaterThanOrEqual(100_000);
    expect(district.docs.components.length).toBeGreaterThanOrEqual(100_000);
    expect(district.docs.mediationCases).toHaveLength(220 * 5);
  });

  districtInvariants(() => district, { detail: false });

  it('a sample of every kind of doc passes its RxDB schema', () => {
    // Every 20th doc and every grid and person, read as the generator yields them (not copied).
    function* sample() {
      let i = 0;
      for (const doc of allDemoDocs(district)) if (i++ % 20 === 0 || doc.type === 'grid' || doc.type === 'staff') yield doc;
    }
    const { checked, bad } = schemaRefusals(sample());
    expect(checked).toBeGreaterThan(30_000);
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
