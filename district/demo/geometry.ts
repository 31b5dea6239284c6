/**
 * Grid boundaries as axis-aligned lng/lat rectangles. Splitting a parent into rows of children
 * in reading order (north→south, west→east) gives containment, no overlap and the DOMAIN's
 * numbering order by construction; coordinates are rounded once, at the cut lines, so siblings
 * share edges exactly.
 */
import type { Random } from './random';

export interface Rect {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Polygon {
  type: 'Polygon';
  coordinates: number[][][];
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
const cut = (from: number, to: number, fraction: number): number => round6(from + (to - from) * fraction);

/** Wuzhong district's demo extent: the real district lies about here. */
export const DISTRICT_RECT: Rect = { west: 120.4, south: 31.0, east: 120.9, north: 31.35 };

/** `count` children tiling `parent`, in reading order; the last row takes the remainder. */
export function splitRect(parent: Rect, count: number): Rect[] {
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const out: Rect[] = [];
  for (let row = 0; row < rows; row++) {
    const inRow = row < rows - 1 ? cols : count - cols * (rows - 1);
    const north = cut(parent.north, parent.south, row / rows);
    const south = cut(parent.north, parent.south, (row + 1) / rows);
    for (let col = 0; col < inRow; col++) {
      out.push({ west: cut(parent.west, parent.east, col / inRow), east: cut(parent.west, parent.east, (col + 1) / inRow), north, south });
    }
  }
  return out;
}

/** GeoJSON polygon, outer ring counter-clockwise as RFC 7946 asks. */
export function rectPolygon(r: Rect): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[[r.west, r.south], [r.east, r.south], [r.east, r.north], [r.west, r.north], [r.west, r.south]]],
  };
}

/** A point strictly inside the rectangle (5% margin), rounded to ~0.1 m. */
export function pointIn(r: Rect, random: Random): { lng: number; lat: number } {
  const lng = r.west + (r.east - r.west) * random.between(0.05, 0.95);
  const lat = r.south + (r.north - r.south) * random.between(0.05, 0.95);
  return { lng: round6(lng), lat: round6(lat) };
}
