import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../../district/demo/generate';
import { boundsOf } from '../../../../../core/geo';
import { flowsDownTo } from '../../../../../core/topology';
import { homeBoundsOf } from '../../../../../renderer/features/map/homeBounds';

const demo = generateDemoDistrict({ seed: 1 });
const town = demo.orgTree.towns[0];
const village = town.villages[0];
/** What a station's copy holds: its own grids and those above it. */
const copyOf = (unit: string) => demo.docs.grids.filter((grid) => flowsDownTo(grid, unit));

describe('where the map opens', () => {
  it("a village opens on its own grid, not on the town's grid its copy also holds", () => {
    const grids = copyOf(village.code);
    expect(grids.some((grid) => grid.code === town.code)).toBe(true);
    const villageGrid = grids.find((grid) => grid.code === village.code);
    expect(homeBoundsOf(grids, village.code)).toEqual(villageGrid && boundsOf(villageGrid.boundary));
  });

  it("a village whose own grid has not synced yet opens on the grids under it that have", () => {
    const grids = copyOf(village.code).filter((grid) => grid.code !== village.code);
    const under = grids.filter((grid) => grid.code.startsWith(village.code) && grid.code !== village.code);
    expect(under.length).toBeGreaterThan(0);
    const home = homeBoundsOf(grids, village.code);
    const townGrid = grids.find((grid) => grid.code === town.code);
    expect(home).not.toEqual(townGrid && boundsOf(townGrid.boundary));
    for (const grid of under) {
      const [w, s, e, n] = boundsOf(grid.boundary);
      expect(home?.[0]).toBeLessThanOrEqual(w);
      expect(home?.[1]).toBeLessThanOrEqual(s);
      expect(home?.[2]).toBeGreaterThanOrEqual(e);
      expect(home?.[3]).toBeGreaterThanOrEqual(n);
    }
  });

  it('a town opens on its grid with its villages, not on the district', () => {
    const home = homeBoundsOf(copyOf(town.code), town.code);
    const townGrid = demo.docs.grids.find((grid) => grid.code === town.code);
    expect(home).toEqual(townGrid && boundsOf(townGrid.boundary));
    expect(home).not.toEqual(homeBoundsOf(demo.docs.grids, undefined));
  });

  it('a unit with no grid of its own in the copy opens on everything there is', () => {
    const grids = copyOf(village.code);
    expect(homeBoundsOf(grids, '320599001001')).toEqual(homeBoundsOf(grids, undefined));
    expect(homeBoundsOf([], village.code)).toBeNull();
  });
});
