/**
 * Which web-mercator tiles (XYZ, 256 px) cover an area, and how many: the "keep my area offline"
 * pass counts them before it fetches any, and stops at the deepest zoom that stays under a cap.
 */
import type { BBox } from '../../../core/geo';

export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** Web mercator's limit: tiles stop at about ±85.05°. */
const MAX_LAT = 85.0511287798;

function tileX(lng: number, z: number): number {
  const n = 2 ** z;
  return Math.min(n - 1, Math.max(0, Math.floor(((lng + 180) / 360) * n)));
}

function tileY(lat: number, z: number): number {
  const n = 2 ** z;
  const rad = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)));
}

/** The column and row ranges (inclusive) of zoom `z` over [west, south, east, north]. */
function ranges([west, south, east, north]: BBox, z: number): { x0: number; x1: number; y0: number; y1: number } {
  return { x0: tileX(west, z), x1: tileX(east, z), y0: tileY(north, z), y1: tileY(south, z) };
}

/** How many tiles cover the area at zooms minZoom..maxZoom. */
export function countTiles(bbox: BBox, minZoom: number, maxZoom: number): number {
  let count = 0;
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = ranges(bbox, z);
    count += (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
  }
  return count;
}

/** Every tile covering the area at zooms minZoom..maxZoom, the coarse ones first. */
export function* tilesCovering(bbox: BBox, minZoom: number, maxZoom: number): Generator<TileId> {
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = ranges(bbox, z);
    for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) yield { z, x, y };
  }
}

/**
 * The deepest zoom (up to `maxZoom`) whose tiles, with all coarser ones from `minZoom`, number
 * at most `cap`; null when even `minZoom` alone is over it.
 */
export function offlineDepth(bbox: BBox, { minZoom, maxZoom, cap }: { minZoom: number; maxZoom: number; cap: number }): { maxZoom: number; count: number } | null {
  let best: { maxZoom: number; count: number } | null = null;
  for (let z = minZoom; z <= maxZoom; z++) {
    const count = countTiles(bbox, minZoom, z);
    if (count > cap) break;
    best = { maxZoom: z, count };
  }
  return best;
}

/** A tile's URL from an XYZ template (`https://intranet/tiles/{z}/{x}/{y}.png`). */
export function tileUrl(template: string, { z, x, y }: TileId): string {
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}
