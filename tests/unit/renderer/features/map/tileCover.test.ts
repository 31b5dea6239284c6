import { describe, expect, it } from 'vitest';
import type { BBox } from '../../../../../core/geo';
import { countTiles, offlineDepth, tilesCovering, tileUrl } from '../../../../../renderer/features/map/tileCover';

/** About 3 km × 3 km in Suzhou (a village). */
const VILLAGE: BBox = [120.6, 31.28, 120.632, 31.307];

describe('tiles covering a station area', () => {
  it('the whole world is one tile at zoom 0 and four at zoom 1', () => {
    const world: BBox = [-180, -85, 180, 85];
    expect([...tilesCovering(world, 0, 0)]).toEqual([{ z: 0, x: 0, y: 0 }]);
    expect(countTiles(world, 0, 1)).toBe(5);
  });

  it('finds the tile a known point lies in (Suzhou at zoom 10 is column 855, row 418)', () => {
    const point: BBox = [120.6, 31.3, 120.6, 31.3];
    expect([...tilesCovering(point, 10, 10)]).toEqual([{ z: 10, x: 855, y: 418 }]);
  });

  it('counts what it lists, each zoom about four times the last', () => {
    const listed = [...tilesCovering(VILLAGE, 10, 16)];
    expect(listed.length).toBe(countTiles(VILLAGE, 10, 16));
    expect(new Set(listed.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(listed.length);
    expect(countTiles(VILLAGE, 16, 16)).toBeGreaterThan(3 * countTiles(VILLAGE, 15, 15));
  });

  it('stops at the deepest zoom that stays under the cap', () => {
    const depth = offlineDepth(VILLAGE, { minZoom: 10, maxZoom: 19, cap: 3000 });
    expect(depth).not.toBeNull();
    if (!depth) return;
    expect(depth.count).toBeLessThanOrEqual(3000);
    expect(depth.maxZoom).toBeLessThan(19);
    expect(countTiles(VILLAGE, 10, depth.maxZoom + 1)).toBeGreaterThan(3000);
    expect(offlineDepth(VILLAGE, { minZoom: 10, maxZoom: 12, cap: 3000 })?.maxZoom).toBe(12);
    expect(offlineDepth([-180, -85, 180, 85], { minZoom: 6, maxZoom: 10, cap: 3000 })).toBeNull();
  });

  it('fills an XYZ template', () => {
    expect(tileUrl('https://intranet/tiles/{z}/{x}/{y}.png', { z: 14, x: 13689, y: 6678 })).toBe('https://intranet/tiles/14/13689/6678.png');
  });
});
