/**
 * Points drawn alike (same icon, same colour) go to the map as one MultiPoint feature, with the
 * document key of each position kept here for a click. MapLibre clusters each position of a
 * MultiPoint as a point of its own with its feature's properties, so the map draws and clusters
 * the same points (its clustering is greedy in the order of the points, now by style, so a
 * cluster may gather other neighbours than before); one feature per point made the 100k
 * components cost ~0.9 s of copying to the map's worker (serialize, clone, deserialize,
 * collect) before the first frame.
 */
import type { Feature, FeatureCollection, MultiPoint } from 'geojson';
import type { LngLat } from '../../../core/geo';

export interface PointGroups<P> {
  collection: FeatureCollection<MultiPoint, P>;
  /** `keys[f][i]`: the document (code, number) at position i of feature f. */
  keys: string[][];
}

export interface PlacedPoint<P> {
  at: LngLat;
  key: string;
  /** Equal for points drawn alike: they share a feature. */
  style: string;
  props: P;
}

/** Groups the items that `place` puts on the map (null: not drawn) by their style. */
export function groupPoints<T, P>(items: readonly T[], place: (item: T) => PlacedPoint<P> | null): PointGroups<P> {
  const byStyle = new Map<string, { feature: Feature<MultiPoint, P>; keys: string[] }>();
  for (const item of items) {
    const point = place(item);
    if (!point) continue;
    let group = byStyle.get(point.style);
    if (!group) {
      group = { feature: { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [] }, properties: point.props }, keys: [] };
      byStyle.set(point.style, group);
    }
    group.feature.geometry.coordinates.push([point.at.lng, point.at.lat]);
    group.keys.push(point.key);
  }
  const groups = [...byStyle.values()];
  return { collection: { type: 'FeatureCollection', features: groups.map((g) => g.feature) }, keys: groups.map((g) => g.keys) };
}

/**
 * The key of the point a click hit: the nearest position, among the features with the hit's
 * properties, to where the map drew it (tile coordinates, a few centimetres off at street level).
 */
export function keyNear<P extends object>(groups: PointGroups<P>, props: Record<string, unknown>, [lng, lat]: [number, number]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  groups.collection.features.forEach((feature, f) => {
    const alike = Object.entries(feature.properties).every(([name, value]) => props[name] === value);
    if (!alike) return;
    feature.geometry.coordinates.forEach(([x, y], i) => {
      const distance = (x - lng) ** 2 + (y - lat) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = groups.keys[f][i];
      }
    });
  });
  return best;
}
