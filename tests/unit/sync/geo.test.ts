import { describe, expect, it } from 'vitest';
import { GridBoundaryError, GridLocator, areaOf, boundsOfAll, findGridAt, formatArea, labelPointOf, type GridShape } from '../../../sync/geo';

/**
 * A hand-drawn district: two towns side by side (west 320506001, east 320506002), each split
 * into 2×2 villages numbered west→east, north→south; village …001001 holds two level-3 blocks
 * and block …001001001 two level-4 grids. Rectangles, so edges and corners are exact.
 */
type Rect = [w: number, s: number, e: number, n: number];
function rect([w, s, e, n]: Rect): GridShape['boundary'] {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}
function grid(code: string, parentCode: string, level: 1 | 2 | 3 | 4, r: Rect): GridShape {
  return { code, parentCode, level, boundary: rect(r) };
}
/** Splits a rectangle into rows × cols cells numbered west→east, north→south from 001. */
function cells(parent: string, level: 1 | 2 | 3 | 4, [w, s, e, n]: Rect, cols: number, rows: number): GridShape[] {
  const out: GridShape[] = [];
  const dx = (e - w) / cols;
  const dy = (n - s) / rows;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const seq = String(row * cols + col + 1).padStart(3, '0');
      const cell: Rect = [w + col * dx, n - (row + 1) * dy, w + (col + 1) * dx, n - row * dy];
      out.push(grid(parent + seq, parent, level, cell));
    }
  }
  return out;
}

const WEST: Rect = [120.0, 31.0, 120.4, 31.4];
const EAST: Rect = [120.4, 31.0, 120.8, 31.4];
const district: GridShape[] = [
  grid('320506001', '', 1, WEST),
  grid('320506002', '', 1, EAST),
  ...cells('320506001', 2, WEST, 2, 2),
  ...cells('320506002', 2, EAST, 2, 2),
  // Village 320506001001 is [120.0, 31.2, 120.2, 31.4]; its two blocks cover only its north half.
  grid('320506001001001', '320506001001', 3, [120.0, 31.3, 120.1, 31.4]),
  grid('320506001001002', '320506001001', 3, [120.1, 31.3, 120.2, 31.4]),
  ...cells('320506001001001', 4, [120.0, 31.3, 120.1, 31.4], 2, 1),
];

function codeAt(lng: number, lat: number, grids: Iterable<GridShape> = district): string {
  const found = findGridAt({ lng, lat }, grids);
  if (!found.ok) throw new Error(found.message);
  return found.grid.code;
}

describe('the grid of a point', () => {
  it('is found at every level, down to the deepest grid drawn there', () => {
    const locator = new GridLocator(district);
    const l4 = locator.locate({ lng: 120.07, lat: 31.35 });
    expect(l4.ok && l4.path.map((g) => g.code)).toEqual(['320506001', '320506001001', '320506001001001', '320506001001001002']);
    expect(codeAt(120.15, 31.35)).toBe('320506001001002'); // level 3 without level-4 children
    expect(codeAt(120.1, 31.25)).toBe('320506001001'); // village area no block covers
    expect(codeAt(120.7, 31.1)).toBe('320506002004'); // south-east village of the east town
  });

  it('stays a town grid when the town has no village grids on this station', () => {
    const townsOnly = district.filter((g) => g.level === 1);
    expect(codeAt(120.7, 31.1, townsOnly)).toBe('320506002');
  });

  it('gives a point on the line between two towns to the western one, and descends into it', () => {
    const found = findGridAt({ lng: 120.4, lat: 31.1 }, district);
    expect(found.ok && found.grid.code).toBe('320506001004');
    expect(found.ok && found.onBoundary).toBe(true);
  });

  it('gives a point on the line between two rows of villages to the northern one', () => {
    expect(codeAt(120.7, 31.2)).toBe('320506002002');
    expect(codeAt(120.1, 31.2)).toBe('320506001001');
  });

  it('gives a corner shared by four villages to the north-western one', () => {
    expect(codeAt(120.6, 31.2)).toBe('320506002001');
    expect(codeAt(120.2, 31.2)).toBe('320506001001');
  });

  it('resolves edge points the same way whatever order the grids were synced in', () => {
    const shuffled = [...district].reverse();
    for (const [lng, lat] of [[120.4, 31.3], [120.2, 31.2], [120.05, 31.35], [120.1, 31.3]] as const) {
      expect(codeAt(lng, lat, shuffled)).toBe(codeAt(lng, lat));
    }
  });

  it('tells the user in Chinese when the point is outside the district', () => {
    const found = findGridAt({ lng: 121.5, lat: 31.2 }, district);
    expect(found.ok).toBe(false);
    expect(!found.ok && found.reason).toBe('outside');
    expect(!found.ok && found.message).toContain('不在本辖区任何网格范围内');
    expect(!found.ok && found.message).toContain('121.500000');
  });

  it('refuses a point that is not a coordinate, and says when no grids are loaded yet', () => {
    const bad = findGridAt({ lng: Number.NaN, lat: 31 }, district);
    expect(!bad.ok && bad.reason).toBe('invalidPoint');
    expect(!bad.ok && bad.message).toContain('坐标无效');
    const empty = findGridAt({ lng: 120.1, lat: 31.1 }, []);
    expect(!empty.ok && empty.message).toContain('尚无网格边界数据');
  });

  it('names the grid whose boundary is broken', () => {
    const broken = { ...grid('320506003', '', 1, WEST), boundary: { type: 'Polygon' as const, coordinates: [[[120, 31], [121, 31], [120, 31]]] } };
    expect(() => new GridLocator([broken])).toThrow(GridBoundaryError);
    expect(() => new GridLocator([broken])).toThrow(/320506003/);
  });
});

describe('grid measures', () => {
  it('computes area, bounds and an inside label point', () => {
    // 0.1° × 0.1° near 31.35°N ≈ 9.5 km × 11.1 km ≈ 106 km².
    const km2 = areaOf(rect([120.0, 31.3, 120.1, 31.4])) / 1e6;
    expect(km2).toBeGreaterThan(104);
    expect(km2).toBeLessThan(108);
    expect(formatArea(2_345_678)).toBe('2.35 平方公里');
    expect(formatArea(8_600)).toBe('8,600 平方米');
    expect(boundsOfAll(district.map((g) => g.boundary))).toEqual([120.0, 31.0, 120.8, 31.4]);
    // An L-shaped block: its centroid lies outside, the label point must not.
    const lShape: GridShape['boundary'] = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const label = labelPointOf(lShape);
    expect(findGridAt(label, [{ code: '320506009', parentCode: '', level: 1, boundary: lShape }]).ok).toBe(true);
  });
});
