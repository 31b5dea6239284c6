/**
 * Bounds, area and label position of grid boundaries, computed by turf (geodesic area on the
 * WGS-84 sphere, so figures match what district GIS tools report for the same polygon).
 */
import { area, bbox, pointOnFeature, polygon as turfPolygon } from '@turf/turf';
import { t } from '../i18n';
import type { BBox, GridShape, LngLat } from './gridLocator';

type Boundary = GridShape['boundary'];

function featureOf(boundary: Boundary) {
  return turfPolygon(boundary.coordinates as number[][][]);
}

/** Area of a boundary in square metres (holes subtracted). */
export function areaOf(boundary: Boundary): number {
  return area(featureOf(boundary));
}

/** "3.42 平方公里" for areas from one square kilometre, "8,600 平方米" below. */
export function formatArea(squareMeters: number): string {
  if (squareMeters >= 1_000_000) {
    return t('geo:area.squareKilometers', { value: (squareMeters / 1_000_000).toFixed(2) });
  }
  return t('geo:area.squareMeters', { value: Math.round(squareMeters).toLocaleString('zh-CN') });
}

/** Bounding box of one boundary. */
export function boundsOf(boundary: Boundary): BBox {
  return bbox(featureOf(boundary)) as BBox;
}

/** Bounding box around several boundaries, or null when there are none. */
export function boundsOfAll(boundaries: Iterable<Boundary>): BBox | null {
  let acc: BBox | null = null;
  for (const boundary of boundaries) {
    const b = boundsOf(boundary);
    acc = acc ? [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])] : b;
  }
  return acc;
}

/**
 * A point guaranteed to lie inside the boundary, for the grid's name label: the centroid of a
 * concave grid (an L-shaped block) can fall in its neighbour.
 */
export function labelPointOf(boundary: Boundary): LngLat {
  const [lng, lat] = pointOnFeature(featureOf(boundary)).geometry.coordinates as [number, number];
  return { lng, lat };
}
