/**
 * The MapLibre map behind GridMap: created once on the container with its controls, icons,
 * click handling and the counts tests read; new documents then reach only the sources that
 * changed. Selecting something (a click, a card closed) goes through `select`.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Point } from 'geojson';
import type { BBox, GridLocator } from '../../../core/geo';
import type { GridDoc } from '../../../core/schema';
import { maplibregl, type GeoJSONSource, type MapLibreMap, type MapMouseEvent } from './maplibre';
import { addComponentIcons, addLabelPlate } from './mapIcons';
import type { MapSelection } from './MapCards';
import type { LayerVisibility } from './MapLegend';
import { FIT_PADDING } from './mapLayout';
import { keyNear } from './pointGroups';
import type { Basemap } from '../../../core/basemap';
import { BASEMAP_LAYER, BASEMAP_SOURCE, basemapLayer, basemapSource } from './basemap';
import { registerPmtilesProtocol, registerTileProtocol } from './tileCache';
import type { MapPoints } from './useMapSources';
import { COMPONENT_CLUSTER_MAX_ZOOM, GRID_LEVELS, LABEL_PLATE, LAYERS, LOCAL_IDEOGRAPH_FONT_FAMILY, SOURCES, buildOfflineStyle, type StyleData } from './offlineStyle';

/** What the map's event handlers, which are bound once, read at the time of the event. */
export interface MapLatest {
  data: StyleData;
  points: MapPoints;
  locator: GridLocator<GridDoc>;
  visibility: LayerVisibility;
  onSelect?: (selection: MapSelection | null) => void;
  onMapReady?: (map: MapLibreMap) => void;
  /** Where the map opens and "fit all" goes. */
  home: BBox | null;
  /** A focus was given: the map stays where it put it. */
  focused?: boolean;
  /** The district's basemap, drawn under the grids; null: grids only. */
  basemap: Basemap | null;
}

type Select = (next: MapSelection | null) => void;

const keyOf = (bounds: BBox | null): string => (bounds ? bounds.join(',') : '');

function createMap(container: HTMLDivElement, latest: MapLatest, t: TFunction): MapLibreMap {
  const bounds = latest.home;
  return new maplibregl.Map({
    container,
    style: buildOfflineStyle(latest.data),
    localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
    attributionControl: false,
    ...(bounds ? { bounds, fitBoundsOptions: { padding: FIT_PADDING } } : { center: [120.6, 31.3], zoom: 9 }),
    maxZoom: 20,
    locale: {
      'NavigationControl.ZoomIn': t('registry:map.zoomIn'),
      'NavigationControl.ZoomOut': t('registry:map.zoomOut'),
    },
  });
}

// The container tells tests and diagnostics when the map has settled.
// Counts of what is actually drawn (placed labels and icons), for tests and support staff.
function reportDrawn(map: MapLibreMap, container: HTMLDivElement): void {
  // Basemap tiles drawn (from the service or the station's cache) and missed (service down, not kept).
  const basemapTiles = new Set<string>();
  let basemapMissed = 0;
  map.on('data', (event) => {
    if (event.dataType !== 'source' || !('sourceId' in event) || event.sourceId !== BASEMAP_SOURCE) return;
    const tile = (event as { tile?: { state?: string; tileID?: { key?: string } } }).tile;
    if (tile?.state === 'loaded' && tile.tileID?.key !== undefined) basemapTiles.add(String(tile.tileID.key));
  });
  map.on('error', (event) => {
    // A basemap tile the service did not give (it is down, and the tile was not kept) leaves
    // only the background there: expected offline, so a warning, not an error.
    if ('sourceId' in event && event.sourceId === BASEMAP_SOURCE) {
      if (basemapMissed++ === 0) console.warn('map: basemap tiles are missing (service unreachable and not kept offline)', event.error);
      return;
    }
    console.error('map:', event.error);
  });
  map.on('idle', () => {
    container.dataset.basemapTiles = String(basemapTiles.size);
    container.dataset.basemapMissed = String(basemapMissed);
    const drawn = (layers: string[]) => String(map.queryRenderedFeatures({ layers: layers.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none') }).length);
    container.dataset.gridLabels = drawn(GRID_LEVELS.map(LAYERS.gridLabel));
    container.dataset.gridPolygons = drawn(GRID_LEVELS.map(LAYERS.gridFill));
    container.dataset.componentIcons = drawn([LAYERS.componentPoints]);
    container.dataset.componentClusters = drawn([LAYERS.componentClusters]);
    // What the map shows, west,south,east,north: tests check where it opened.
    container.dataset.view = map.getBounds().toArray().flat().map((n) => n.toFixed(5)).join(',');
    container.dataset.idle = 'true';
  });
  map.on('movestart', () => {
    container.dataset.idle = 'false';
  });
}

/** A click selects an icon, zooms into a cluster, or selects the deepest shown grid under it. */
function bindClicks(map: MapLibreMap, latest: RefObject<MapLatest>, select: Select): void {
  const clickable = [LAYERS.componentPoints, LAYERS.ticketPoints, LAYERS.componentClusters, LAYERS.ticketClusters];
  const onClick = (event: MapMouseEvent) => {
    const layers = clickable.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
    const [hit] = map.queryRenderedFeatures(event.point, { layers });
    if (hit) {
      const props = hit.properties as Record<string, unknown>;
      const center = (hit.geometry as Point).coordinates as [number, number];
      const { points } = latest.current;
      if (hit.layer.id === LAYERS.componentPoints) {
        const code = keyNear(points.components, props, center);
        return select(code ? { kind: 'component', code } : null);
      }
      if (hit.layer.id === LAYERS.ticketPoints) {
        const number = keyNear(points.tickets, props, center);
        return select(number ? { kind: 'ticket', number } : null);
      }
      const source = map.getSource<GeoJSONSource>(hit.layer.id === LAYERS.componentClusters ? SOURCES.components : SOURCES.tickets);
      void source?.getClusterExpansionZoom(Number(props.cluster_id)).then((zoom) => map.easeTo({ center, zoom: Math.min(zoom, COMPONENT_CLUSTER_MAX_ZOOM + 1) }));
      return;
    }
    // Grids are found by geometry, not by the rendered polygon, so a click on a shared edge
    // gives the same grid as the locator everywhere else (west/north rule).
    const found = latest.current.locator.locate({ lng: event.lngLat.lng, lat: event.lngLat.lat });
    if (!found.ok) return select(null);
    const shown = found.path.filter((g) => latest.current.visibility[`grid${g.level as 1 | 2 | 3 | 4}`]);
    const deepest = shown[shown.length - 1];
    select(deepest ? { kind: 'grid', code: deepest.code } : null);
  };
  map.on('click', onClick);
  const pointer = (on: boolean) => () => {
    map.getCanvas().style.cursor = on ? 'pointer' : '';
  };
  for (const id of clickable) {
    map.on('mouseenter', id, pointer(true));
    map.on('mouseleave', id, pointer(false));
  }
}

export function useMapInstance(values: MapLatest, webgl: boolean, setSelection: (next: MapSelection | null) => void) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  /** The data the map's sources hold now. */
  const drawnData = useRef<StyleData | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** Whether the user has moved the map (drag, wheel, buttons) since it opened. */
  const userMoved = useRef(false);
  /** The home the map was last fitted to (created on, at first). */
  const fitted = useRef('');

  const latest = useRef(values);
  useEffect(() => {
    latest.current = values;
  });

  const select = useCallback(
    (next: MapSelection | null) => {
      setSelection(next);
      latest.current.onSelect?.(next);
    },
    [setSelection],
  );

  // Create the map once; data and visibility changes are applied to it afterwards.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || !webgl) return;
    let map: MapLibreMap;
    try {
      map = createMap(container, latest.current, t);
    } catch (error) {
      // WebGL present but unusable (blocklisted driver, lost context): same message as none.
      console.error('map: cannot create the WebGL map', error);
      queueMicrotask(() => setFailure(t('registry:map.webglMissing')));
      return;
    }
    mapRef.current = map;
    drawnData.current = latest.current.data;
    fitted.current = keyOf(latest.current.home);
    // Bottom right: the top left holds "show all" and the card that opens under it.
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    addComponentIcons(map);
    addLabelPlate(map, LABEL_PLATE);
    map.once('load', () => {
      setLoaded(true);
      latest.current.onMapReady?.(map);
    });
    reportDrawn(map, container);
    bindClicks(map, latest, select);
    map.on('movestart', (event: { originalEvent?: unknown }) => {
      if (event.originalEvent) userMoved.current = true;
    });
    return () => {
      mapRef.current = null;
      setLoaded(false);
      map.remove();
    };
  }, [select, t, webgl]);

  // New documents: replace the data of the sources that changed (the style itself stays).
  // Re-sending unchanged data would make the worker re-index 100k points for nothing.
  const data = values.data;
  useEffect(() => {
    const map = mapRef.current;
    const drawn = drawnData.current;
    if (!map || !loaded || drawn === data) return;
    for (const key of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
      if (!drawn || drawn[key] !== data[key]) map.getSource<GeoJSONSource>(SOURCES[key])?.setData(data[key]);
    }
    drawnData.current = data;
  }, [data, loaded]);

  // The unit's grids may arrive after the map opened (the first sync brings the town's grid
  // before the village's): open on them once they are there, unless the user has moved on.
  const homeKey = keyOf(values.home);
  useEffect(() => {
    const map = mapRef.current;
    const home = latest.current.home;
    if (!map || !loaded || !home || fitted.current === homeKey) return;
    fitted.current = homeKey;
    if (!userMoved.current && !latest.current.focused) map.fitBounds(home, { padding: FIT_PADDING, duration: 0 });
  }, [homeKey, loaded]);

  // The basemap (a setting that syncs in later, or changes) goes under the grids' first layer.
  const basemapKey = JSON.stringify(values.basemap);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const basemap = latest.current.basemap;
    let cancelled = false;
    const apply = async () => {
      if (basemap?.kind === 'raster') registerTileProtocol();
      if (basemap?.kind === 'pmtiles') await registerPmtilesProtocol();
      if (cancelled || mapRef.current !== map) return;
      if (map.getLayer(BASEMAP_LAYER)) map.removeLayer(BASEMAP_LAYER);
      if (map.getSource(BASEMAP_SOURCE)) map.removeSource(BASEMAP_SOURCE);
      if (!basemap) return;
      map.addSource(BASEMAP_SOURCE, basemapSource(basemap));
      map.addLayer(basemapLayer, LAYERS.gridFill(1));
    };
    apply().catch((error: unknown) => console.error('map: the basemap could not be drawn', error));
    return () => {
      cancelled = true;
    };
  }, [basemapKey, loaded]);

  return { containerRef, mapRef, loaded, failure, select };
}
