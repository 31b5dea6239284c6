import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../district/demo/generate';
import { GridLocator, areaOf, boundsOfAll, findGridAt, formatArea, labelPointOf, type GridShape } from '../../../../core/geo';

const grids = generateDemoDistrict({ seed: 7 }).docs.grids;
const locator = new GridLocator(grids);

function rect([w, s, e, n]: [number, number, number, number]): GridShape['boundary'] {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

describe('grid measures', () => {
  it('computes area, bounds and an inside label point', () => {
    // 0.1° × 0.1° near 31.35°N ≈ 9.5 km × 11.1 km ≈ 106 km².
    const km2 = areaOf(rect([120.0, 31.3, 120.1, 31.4])) / 1e6;
    expect(km2).toBeGreaterThan(104);
    expect(km2).toBeLessThan(108);
    expect(formatArea(2_345_678)).toBe('2.35 平方公里');
    expect(formatArea(8_600)).toBe('8,600 平方米');
    expect(boundsOfAll(grids.filter((g) => g.level === 1).map((g) => g.boundary))).toEqual(locator.bounds());
    // An L-shaped block: its centroid lies outside, the label point must not.
    const lShape: GridShape['boundary'] = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const label = labelPointOf(lShape);
    expect(findGridAt(label, [{ code: '320506009', parentCode: '', level: 1, boundary: lShape }]).ok).toBe(true);
  });
});
