import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../district/demo/generate';
import { GridBoundaryError, GridLocator, findGridAt, type GridShape } from '../../../../core/geo';
import type { GridDoc } from '../../../../core/schema';

/**
 * The demo district's grids: towns tile the district, villages their town, base grids their
 * village and some base grids split into level-4 grids, all numbered west→east, north→south.
 */
const demo = generateDemoDistrict({ seed: 7 });
const grids = demo.docs.grids;
const locator = new GridLocator(grids);
const byCode = new Map(grids.map((g) => [g.code, g]));

type Box = { w: number; s: number; e: number; n: number };
function boxOf(g: GridShape): Box {
  const ring = g.boundary.coordinates[0];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { w: Math.min(...xs), s: Math.min(...ys), e: Math.max(...xs), n: Math.max(...ys) };
}
const centre = (b: Box) => ({ lng: (b.w + b.e) / 2, lat: (b.s + b.n) / 2 });

function codeAt(at: { lng: number; lat: number }, using: GridLocator<GridShape> = locator): string {
  const found = using.locate(at);
  if (!found.ok) throw new Error(found.message);
  return found.grid.code;
}

/** Two siblings of one level that share an edge: west/east (same row) or north/south. */
function neighbours(level: 1 | 2 | 3 | 4, side: 'east' | 'south'): [GridDoc, GridDoc, { lng: number; lat: number }] {
  const ofLevel = grids.filter((g) => g.level === level);
  for (const a of ofLevel) {
    const ba = boxOf(a);
    for (const b of ofLevel) {
      if (b === a || b.parentCode !== a.parentCode) continue;
      const bb = boxOf(b);
      if (side === 'east' && bb.w === ba.e && bb.s === ba.s && bb.n === ba.n) return [a, b, { lng: ba.e, lat: (ba.s + ba.n) / 2 }];
      if (side === 'south' && bb.n === ba.s) {
        const w = Math.max(ba.w, bb.w);
        const e = Math.min(ba.e, bb.e);
        if (e > w) return [a, b, { lng: (w + e) / 2, lat: ba.s }];
      }
    }
  }
  throw new Error(`no ${side} neighbours at level ${level} in the demo district`);
}

describe('the grid of a point', () => {
  it('is the grid every demo component was placed in, for all components of the district', () => {
    expect(demo.docs.components.length).toBeGreaterThan(1000);
    const misplaced = demo.docs.components.filter((c) => codeAt(c.location) !== c.gridCode);
    expect(misplaced).toEqual([]);
  });

  it('is found at every level, with the path of its ancestors from the town down', () => {
    for (const level of [1, 2, 3, 4] as const) {
      const sample = grids.filter((g) => g.level === level).slice(0, 20);
      expect(sample.length).toBeGreaterThan(0);
      for (const grid of sample) {
        const found = locator.locate(centre(boxOf(grid)));
        if (!found.ok) throw new Error(found.message);
        // The centre of a grid lies in the grid itself (or in one of its children).
        expect(found.path[level - 1].code).toBe(grid.code);
        expect(found.path.map((g) => g.level)).toEqual(found.path.map((_, i) => i + 1));
        for (let i = 1; i < found.path.length; i++) expect(found.path[i].code.startsWith(found.path[i - 1].code)).toBe(true);
      }
    }
  });

  it('stops at the deepest level this station holds', () => {
    const upToVillages = new GridLocator(grids.filter((g) => g.level <= 2));
    const component = demo.docs.components[0];
    expect(codeAt(component.location, upToVillages)).toBe(component.gridCode.slice(0, 12));
    // A village station without its town's grid: its village grid is the root.
    const village = grids.filter((g) => g.code.startsWith(component.gridCode.slice(0, 12)));
    expect(codeAt(component.location, new GridLocator(village))).toBe(component.gridCode);
  });

  it('gives a point on the line between two neighbours to the western one, at every level', () => {
    for (const level of [1, 2, 3, 4] as const) {
      const [west, east, onEdge] = neighbours(level, 'east');
      expect(west.code < east.code).toBe(true);
      const found = locator.locate(onEdge);
      if (!found.ok) throw new Error(found.message);
      expect(found.path[level - 1].code).toBe(west.code);
      expect(found.onBoundary).toBe(true);
    }
  });

  it('gives a point on the line between two rows to the northern one, at every level', () => {
    for (const level of [1, 2, 3, 4] as const) {
      const [north, , onEdge] = neighbours(level, 'south');
      const found = locator.locate(onEdge);
      if (!found.ok) throw new Error(found.message);
      expect(found.path[level - 1].code).toBe(north.code);
    }
  });

  it('gives a corner shared by four towns to the north-western one, and descends into its corner grid', () => {
    const towns = grids.filter((g) => g.level === 1);
    const corners = new Map<string, GridDoc[]>();
    for (const town of towns) {
      for (const [lng, lat] of town.boundary.coordinates[0].slice(0, -1)) {
        const key = `${lng},${lat}`;
        corners.set(key, [...(corners.get(key) ?? []), town]);
      }
    }
    const shared = [...corners.entries()].find(([, touching]) => touching.length === 4);
    if (!shared) throw new Error('the demo district has no corner shared by four towns');
    const [lng, lat] = shared[0].split(',').map(Number);
    const northWest = shared[1].map((g) => g.code).sort()[0];
    const found = locator.locate({ lng, lat });
    if (!found.ok) throw new Error(found.message);
    expect(found.path[0].code).toBe(northWest);
    // Inside that town, the corner belongs to its south-east village, and so on down.
    const nwBox = boxOf(byCode.get(northWest) as GridDoc);
    expect([lng, lat]).toEqual([nwBox.e, nwBox.s]);
    expect(found.grid.level).toBeGreaterThanOrEqual(3);
  });

  it('resolves edge points the same way whatever order the grids were synced in', () => {
    const shuffled = new GridLocator([...grids].reverse());
    for (const level of [1, 2, 3, 4] as const) {
      for (const side of ['east', 'south'] as const) {
        const [, , onEdge] = neighbours(level, side);
        expect(codeAt(onEdge, shuffled)).toBe(codeAt(onEdge));
      }
    }
  });

  it('tells the user in Chinese when the point is outside the district', () => {
    const district = locator.bounds();
    if (!district) throw new Error('no bounds');
    const found = findGridAt({ lng: district[0] - 0.01, lat: (district[1] + district[3]) / 2 }, locator);
    expect(found.ok).toBe(false);
    expect(!found.ok && found.reason).toBe('outside');
    expect(!found.ok && found.message).toContain('不在本辖区任何网格范围内');
    expect(!found.ok && found.message).toContain((district[0] - 0.01).toFixed(6));
  });

  it('refuses a point that is not a coordinate, and says when no grids are loaded yet', () => {
    const bad = findGridAt({ lng: Number.NaN, lat: 31 }, locator);
    expect(!bad.ok && bad.reason).toBe('invalidPoint');
    expect(!bad.ok && bad.message).toContain('坐标无效');
    const empty = findGridAt({ lng: 120.5, lat: 31.1 }, []);
    expect(!empty.ok && empty.message).toContain('尚无网格边界数据');
  });

  it('names the grid whose boundary is broken', () => {
    const broken = { ...grids[0], code: '320506003', boundary: { type: 'Polygon' as const, coordinates: [[[120, 31], [121, 31], [120, 31]]] } };
    expect(() => new GridLocator([broken])).toThrow(GridBoundaryError);
    expect(() => new GridLocator([broken])).toThrow(/320506003/);
  });
});
