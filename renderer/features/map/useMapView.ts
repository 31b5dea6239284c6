/** What GridMap shows of its map once loaded: the switched-on layer groups and the focus. */
import { useEffect, type RefObject } from 'react';
import type { MapFocus } from './GridMap';
import type { MapLibreMap } from './maplibre';
import type { LayerVisibility } from './MapLegend';
import { CARD_SPAN, LEGEND_SPAN, freeBandOffset } from './mapLayout';
import { COMPONENT_CLUSTER_MAX_ZOOM, LAYER_GROUPS, type LayerGroup } from './offlineStyle';

export function useLayerVisibility(mapRef: RefObject<MapLibreMap | null>, loaded: boolean, visibility: LayerVisibility): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const [group, layers] of Object.entries(LAYER_GROUPS) as [LayerGroup, string[]][]) {
      for (const id of layers) map.setLayoutProperty(id, 'visibility', visibility[group] ? 'visible' : 'none');
    }
  }, [mapRef, visibility, loaded]);
}

export function useMapFocus(mapRef: RefObject<MapLibreMap | null>, loaded: boolean, focus: MapFocus | null | undefined): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !focus) return;
    // A card opens over the map's left side: shift the focused point right of it.
    const offset: [number, number] = focus.select ? [freeBandOffset(map.getContainer().clientWidth), 0] : [0, 0];
    if (focus.bounds) {
      map.fitBounds(focus.bounds, { padding: { top: 40, bottom: 40, left: focus.select ? CARD_SPAN : 40, right: LEGEND_SPAN }, duration: 0, maxZoom: 18 });
    } else {
      map.easeTo({ center: [focus.lng, focus.lat], zoom: focus.zoom ?? Math.max(map.getZoom(), COMPONENT_CLUSTER_MAX_ZOOM + 1), offset, duration: 0 });
    }
    // Where the focused point now is on screen, for tests and support staff.
    const at = map.project([focus.lng, focus.lat]);
    map.getContainer().dataset.focusPoint = `${Math.round(at.x)},${Math.round(at.y)}`;
  }, [mapRef, focus, loaded]);
}
