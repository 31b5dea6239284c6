/**
 * Which grid a point lies in: the deepest grid (level 1 → 4) whose boundary contains it.
 *
 * The locator is an index over the grid tree: it searches level by level, testing only the
 * children of the grid found one level up, and each candidate's bounding box before its
 * polygon. A lookup over thousands of grids thus tests a few dozen boxes and a handful of
 * polygons instead of every boundary.
 *
 * Points on a shared edge or corner (touching several sibling grids) belong to the sibling
 * whose code sorts first. Grid codes are numbered west to east, north to south (DOMAIN.md),
 * so with the district's numbering this is the "west / north wins" rule: a point on the line
 * between two neighbours belongs to the western one, on the line between two rows to the
 * northern one. The rule depends on codes only, so every station resolves the same point to
 * the same grid whatever order its grids were synced in.
 *
 * Points inside a grid but in none of its children (children need not cover their parent)
 * belong to that grid. Points inside no top grid are outside the district: the result carries
 * a Chinese message for the user instead of a guess.
 */
import { bbox, booleanPointInPolygon, point as turfPoint, polygon as turfPolygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { t } from '../i18n';
import type { GridDoc } from '../schema';

/** What the locator needs of a grid; a GridDoc has it all. */
export type GridShape = Pick<GridDoc, 'code' | 'parentCode' | 'level' | 'boundary'>;

export interface LngLat {
  lng: number;
  lat: number;
}

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export type GridLocation<G extends GridShape> =
  | {
      ok: true;
      /** The deepest grid containing the point. */
      grid: G;
      /** Grids from the top of the tree down to `grid`. */
      path: G[];
      /** True when the point lies on the boundary of `grid` (resolved by the edge rule). */
      onBoundary: boolean;
    }
  | { ok: false; reason: 'outside' | 'noGrids' | 'invalidPoint'; message: string };

interface Node<G extends GridShape> {
  grid: G;
  bbox: BBox;
  feature: Feature<Polygon>;
  /** Sorted by code, so the first match is the one the edge rule picks. */
  children: Node<G>[];
}

export class GridBoundaryError extends Error {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(t('geo:invalidBoundary', { code, detail }));
    this.name = 'GridBoundaryError';
  }
}

function byCode<G extends GridShape>(a: Node<G>, b: Node<G>): number {
  return a.grid.code < b.grid.code ? -1 : a.grid.code > b.grid.code ? 1 : 0;
}

function toFeature(grid: GridShape): Feature<Polygon> {
  try {
    // turf checks that each ring is closed and has at least 4 positions.
    return turfPolygon(grid.boundary.coordinates as number[][][]);
  } catch (error) {
    throw new GridBoundaryError(grid.code, error instanceof Error ? error.message : String(error));
  }
}

function inBox(box: BBox, lng: number, lat: number): boolean {
  return lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3];
}

function isValidPoint(p: LngLat): boolean {
  return Number.isFinite(p.lng) && Number.isFinite(p.lat) && Math.abs(p.lng) <= 180 && Math.abs(p.lat) <= 90;
}

export class GridLocator<G extends GridShape> {
  private readonly roots: Node<G>[];
  private readonly nodes = new Map<string, Node<G>>();

  /**
   * Builds the index. Grids whose parent is not among `grids` are roots: a village station
   * that holds only its own level-2 grid and below still gets a working index.
   * Throws GridBoundaryError for a grid whose boundary is not a valid polygon.
   */
  constructor(grids: Iterable<G>) {
    for (const grid of grids) {
      const feature = toFeature(grid);
      this.nodes.set(grid.code, { grid, feature, bbox: bbox(feature) as BBox, children: [] });
    }
    const roots: Node<G>[] = [];
    for (const node of this.nodes.values()) {
      const parent = node.grid.parentCode ? this.nodes.get(node.grid.parentCode) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    for (const node of this.nodes.values()) node.children.sort(byCode);
    this.roots = roots.sort(byCode);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** The grid with this code, if indexed. */
  grid(code: string): G | undefined {
    return this.nodes.get(code)?.grid;
  }

  /** Children of a grid (or the roots for `undefined`), sorted by code. */
  children(code?: string): G[] {
    const nodes = code === undefined ? this.roots : (this.nodes.get(code)?.children ?? []);
    return nodes.map((node) => node.grid);
  }

  /** Bounding box of one grid, or of all indexed grids; null when there are none. */
  bounds(code?: string): BBox | null {
    if (code !== undefined) return this.nodes.get(code)?.bbox ?? null;
    if (this.roots.length === 0) return null;
    return this.roots.reduce<BBox>(
      (acc, node) => [Math.min(acc[0], node.bbox[0]), Math.min(acc[1], node.bbox[1]), Math.max(acc[2], node.bbox[2]), Math.max(acc[3], node.bbox[3])],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
  }

  /** The deepest grid containing the point, resolved by the edge rule above. */
  locate(at: LngLat): GridLocation<G> {
    if (!isValidPoint(at)) return { ok: false, reason: 'invalidPoint', message: t('geo:invalidPoint', { lng: at.lng, lat: at.lat }) };
    if (this.roots.length === 0) return { ok: false, reason: 'noGrids', message: t('geo:noGrids') };
    const pt = turfPoint([at.lng, at.lat]);
    const path: G[] = [];
    let candidates = this.roots;
    let found: Node<G> | undefined;
    for (;;) {
      const next = candidates.find((node) => inBox(node.bbox, at.lng, at.lat) && booleanPointInPolygon(pt, node.feature));
      if (!next) break;
      found = next;
      path.push(next.grid);
      candidates = next.children;
    }
    if (!found) {
      return { ok: false, reason: 'outside', message: t('geo:outsideDistrict', { lng: at.lng.toFixed(6), lat: at.lat.toFixed(6) }) };
    }
    const onBoundary = !booleanPointInPolygon(pt, found.feature, { ignoreBoundary: true });
    return { ok: true, grid: found.grid, path, onBoundary };
  }
}

/** One-off lookup. Build a GridLocator once when locating many points. */
export function findGridAt<G extends GridShape>(at: LngLat, grids: Iterable<G> | GridLocator<G>): GridLocation<G> {
  const locator = grids instanceof GridLocator ? grids : new GridLocator(grids);
  return locator.locate(at);
}
