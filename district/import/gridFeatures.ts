/**
 * Grids from a GeoJSON FeatureCollection: one Polygon feature per grid, with `code` and
 * `name` (optionally `population`, `households`) in its properties. A grid's parent (one level
 * up) must be in the file or already imported, and its polygon must be valid and lie inside
 * the parent's. Errors are numbered by feature (the first feature is 1).
 */
import { booleanWithin, kinks, polygon as turfPolygon } from '@turf/turf';
import { checkGridCode } from '../../core/codes';
import type { GridDoc } from '../../core/schema';
import { FirstSeen, RowErrors } from './rowErrors';

export type GridFields = Pick<GridDoc, 'code' | 'name' | 'level' | 'parentCode' | 'divisionCode' | 'boundary'> &
  Partial<Pick<GridDoc, 'population' | 'households'>>;

interface Feature {
  type?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

type Ring = [number, number][];

function ringsOf(coordinates: unknown): Ring[] | null {
  if (!Array.isArray(coordinates) || coordinates.length === 0) return null;
  for (const ring of coordinates) {
    if (!Array.isArray(ring) || ring.length < 4) return null;
    for (const position of ring) {
      if (!Array.isArray(position) || position.length !== 2 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    }
    const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
    if (first[0] !== last[0] || first[1] !== last[1]) return null;
  }
  return coordinates as Ring[];
}

export function gridFeaturesToDocs(
  json: unknown,
  context: { districtCode: string; existing: Map<string, GridDoc> },
): { grids: GridFields[]; errors: RowErrors } {
  const errors = new RowErrors();
  const collection = json as { type?: unknown; features?: unknown };
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    errors.add(0, 'notFeatureCollection');
    return { grids: [], errors };
  }
  const seen = new FirstSeen();
  const grids: (GridFields & { row: number })[] = [];
  (collection.features as Feature[]).forEach((feature, index) => {
    const row = index + 1;
    const props = feature?.properties ?? {};
    const code = String(props.code ?? '');
    const name = String(props.name ?? '');
    if (!name) errors.add(row, 'missingValue', { column: 'name' });
    const checked = checkGridCode(code);
    if (!checked.ok) return errors.addText(row, checked.message);
    if (checked.parts.county !== context.districtCode) errors.add(row, 'otherDistrict', { code, district: context.districtCode });
    const first = seen.duplicateOf(code, row);
    if (first !== null) errors.add(row, 'duplicate', { code, first });
    const rings = feature?.geometry?.type === 'Polygon' ? ringsOf(feature.geometry.coordinates) : null;
    if (!rings) return errors.add(row, 'badPolygon', { code });
    if (kinks(turfPolygon(rings)).features.length > 0) return errors.add(row, 'selfIntersecting', { code });
    const count = (value: unknown) => (Number.isInteger(value) && (value as number) >= 0 ? (value as number) : undefined);
    grids.push({
      row,
      code,
      name,
      level: checked.parts.level,
      parentCode: checked.parts.parentCode,
      divisionCode: checked.parts.level === 1 ? `${code}000` : code.slice(0, 12),
      boundary: { type: 'Polygon', coordinates: rings },
      ...(count(props.population) !== undefined ? { population: count(props.population) } : {}),
      ...(count(props.households) !== undefined ? { households: count(props.households) } : {}),
    });
  });
  const inFile = new Map(grids.map((grid) => [grid.code, grid]));
  for (const grid of grids) {
    if (!grid.parentCode) continue;
    const parent = inFile.get(grid.parentCode) ?? context.existing.get(grid.parentCode);
    if (!parent) {
      errors.add(grid.row, 'missingParent', { code: grid.code, parent: grid.parentCode });
      continue;
    }
    const inside = booleanWithin(turfPolygon(grid.boundary.coordinates as Ring[]), turfPolygon(parent.boundary.coordinates as Ring[]));
    if (!inside) errors.add(grid.row, 'outsideParent', { code: grid.code, parent: grid.parentCode });
  }
  return { grids: grids.map(({ row: _row, ...fields }) => fields), errors };
}
