/**
 * The station's offline map: grid polygons by level with their names, components by category
 * (clustered icons), open work orders by state (clustered), a legend with layer switches, and
 * a card for whatever is clicked. Everything it draws comes from the props; nothing is fetched.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Point } from 'geojson';
import { GridLocator } from '../../../core/geo';
import type { ComponentDoc, GridDoc, TicketDoc } from '../../../core/schema';
import { maplibregl, type GeoJSONSource, type MapLibreMap, type MapMouseEvent } from './maplibre';
import { componentPoints, gridLabels, gridPolygons, openTicketPoints } from './mapFeatures';
import { addComponentIcons } from './mapIcons';
import { ComponentCard, GridCard, TicketCard, type MapSelection } from './MapCards';
import { DEFAULT_VISIBILITY, MapLegend, type LayerVisibility } from './MapLegend';
import { COMPONENT_CLUSTER_MAX_ZOOM, GRID_LEVELS, LAYERS, LAYER_GROUPS, LOCAL_IDEOGRAPH_FONT_FAMILY, SOURCES, buildOfflineStyle, type LayerGroup, type StyleData } from './offlineStyle';
import './map.css';

export type { MapSelection } from './MapCards';

/**
 * Where to move the map: a point (at `zoom`, default street level) or, with `bounds`, a whole
 * area such as a grid. `select` also opens that thing's card. A new object moves again.
 */
export interface MapFocus {
  lng: number;
  lat: number;
  zoom?: number;
  bounds?: [number, number, number, number];
  select?: MapSelection;
}

export interface GridMapProps {
  grids: readonly GridDoc[];
  components?: readonly ComponentDoc[];
  tickets?: readonly TicketDoc[];
  /** Staff id → name, for the grid head on grid cards. */
  staffNames?: ReadonlyMap<string, string>;
  focus?: MapFocus | null;
  onRaiseOrder?: (component: ComponentDoc) => void;
  onSelect?: (selection: MapSelection | null) => void;
  /** Called once the map has drawn its first frame; benchmarks and the registries use it. */
  onMapReady?: (map: MapLibreMap) => void;
  /** "Now" for the overdue mark; tests pin it. */
  now?: Date;
  /** The signed-in unit: the map opens on its own grid (the whole copy when it has none). */
  homeUnit?: string;
}

const EMPTY: readonly never[] = [];
/** Widths of the card (left) and legend (right) overlays with their margins, px (map.css). */
const CARD_SPAN = 320;
const LEGEND_SPAN = 180;

/** Keeps the whole district clear of the legend on the right. */
const FIT_PADDING = { top: 24, bottom: 24, left: 24, right: LEGEND_SPAN };

/** Horizontal shift that puts a focused point between the card and the legend, when they leave room. */
function freeBandOffset(width: number): number {
  const left = CARD_SPAN;
  const right = width - LEGEND_SPAN;
  return right - left < 40 ? 0 : (left + right) / 2 - width / 2;
}

function hasWebGL(): boolean {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  // Give the probe's context back at once: browsers cap live WebGL contexts per page.
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return gl !== null;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return map;
}

export function GridMap({ grids, components = EMPTY, tickets = EMPTY, staffNames, focus, onRaiseOrder, onSelect, onMapReady, now, homeUnit }: GridMapProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  /** The data the map's sources hold now. */
  const drawnData = useRef<StyleData | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const [visibility, setVisibility] = useState<LayerVisibility>(DEFAULT_VISIBILITY);
  // A new focus that names something opens its card (state adjusted during render, not in an effect).
  const [seenFocus, setSeenFocus] = useState(focus);
  if (focus !== seenFocus) {
    setSeenFocus(focus);
    if (focus?.select) setSelection(focus.select);
  }
  const [webgl] = useState(hasWebGL);
  const nowValue = useMemo(() => now ?? new Date(), [now]);

  const locator = useMemo(() => new GridLocator(grids), [grids]);
  const gridByCode = useMemo(() => byKey(grids, (g) => g.code), [grids]);
  const componentByCode = useMemo(() => byKey(components, (c) => c.code), [components]);
  const ticketByNumber = useMemo(() => byKey(tickets, (tk) => tk.number), [tickets]);
  // One memo per source, so new tickets do not resend 100k components to the map's worker.
  const gridData = useMemo(() => gridPolygons(grids), [grids]);
  const labelData = useMemo(() => gridLabels(grids), [grids]);
  const componentData = useMemo(() => componentPoints(components), [components]);
  const ticketData = useMemo(() => openTicketPoints(tickets, nowValue), [tickets, nowValue]);
  const data = useMemo<StyleData>(
    () => ({ grids: gridData, gridLabels: labelData, components: componentData, tickets: ticketData }),
    [gridData, labelData, componentData, ticketData],
  );

  // The latest values for the map's event handlers, which are bound once.
  // A station's copy also holds its town's level-1 grid: open on the unit's own grid.
  const home = useMemo(() => (homeUnit ? locator.bounds(homeUnit) : null) ?? locator.bounds(), [locator, homeUnit]);
  const latest = useRef({ data, locator, visibility, onSelect, onMapReady, home });
  useEffect(() => {
    latest.current = { data, locator, visibility, onSelect, onMapReady, home };
  });

  const select = useCallback((next: MapSelection | null) => {
    setSelection(next);
    latest.current.onSelect?.(next);
  }, []);

  // Create the map once; data and visibility changes are applied to it below.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || !webgl) return;
    let map: MapLibreMap;
    try {
      const bounds = latest.current.home;
      map = new maplibregl.Map({
        container,
        style: buildOfflineStyle(latest.current.data),
        localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
        attributionControl: false,
        ...(bounds ? { bounds, fitBoundsOptions: { padding: FIT_PADDING } } : { center: [120.6, 31.3], zoom: 9 }),
        maxZoom: 20,
        locale: {
          'NavigationControl.ZoomIn': t('registry:map.zoomIn'),
          'NavigationControl.ZoomOut': t('registry:map.zoomOut'),
        },
      });
    } catch (error) {
      // WebGL present but unusable (blocklisted driver, lost context): same message as none.
      console.error('map: cannot create the WebGL map', error);
      queueMicrotask(() => setFailure(t('registry:map.webglMissing')));
      return;
    }
    mapRef.current = map;
    drawnData.current = latest.current.data;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    addComponentIcons(map);
    map.once('load', () => {
      setLoaded(true);
      latest.current.onMapReady?.(map);
    });
    // The container tells tests and diagnostics when the map has settled.
    // Counts of what is actually drawn (placed labels and icons), for tests and support staff.
    map.on('idle', () => {
      const drawn = (layers: string[]) => String(map.queryRenderedFeatures({ layers: layers.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none') }).length);
      container.dataset.gridLabels = drawn(GRID_LEVELS.map(LAYERS.gridLabel));
      container.dataset.gridPolygons = drawn(GRID_LEVELS.map(LAYERS.gridFill));
      container.dataset.componentIcons = drawn([LAYERS.componentPoints]);
      container.dataset.componentClusters = drawn([LAYERS.componentClusters]);
      container.dataset.idle = 'true';
    });
    map.on('movestart', () => {
      container.dataset.idle = 'false';
    });

    const clickable = [LAYERS.componentPoints, LAYERS.ticketPoints, LAYERS.componentClusters, LAYERS.ticketClusters];
    const onClick = (event: MapMouseEvent) => {
      const layers = clickable.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
      const [hit] = map.queryRenderedFeatures(event.point, { layers });
      if (hit) {
        const props = hit.properties as Record<string, unknown>;
        if (hit.layer.id === LAYERS.componentPoints) return select({ kind: 'component', code: String(props.code) });
        if (hit.layer.id === LAYERS.ticketPoints) return select({ kind: 'ticket', number: String(props.number) });
        const source = map.getSource<GeoJSONSource>(hit.layer.id === LAYERS.componentClusters ? SOURCES.components : SOURCES.tickets);
        const center = (hit.geometry as Point).coordinates as [number, number];
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
    return () => {
      mapRef.current = null;
      setLoaded(false);
      map.remove();
    };
  }, [select, t, webgl]);

  // New documents: replace the data of the sources that changed (the style itself stays).
  // Re-sending unchanged data would make the worker re-index 100k points for nothing.
  useEffect(() => {
    const map = mapRef.current;
    const drawn = drawnData.current;
    if (!map || !loaded || drawn === data) return;
    for (const key of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
      if (!drawn || drawn[key] !== data[key]) map.getSource<GeoJSONSource>(SOURCES[key])?.setData(data[key]);
    }
    drawnData.current = data;
  }, [data, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const [group, layers] of Object.entries(LAYER_GROUPS) as [LayerGroup, string[]][]) {
      for (const id of layers) map.setLayoutProperty(id, 'visibility', visibility[group] ? 'visible' : 'none');
    }
  }, [visibility, loaded]);

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
  }, [focus, loaded]);

  const fitAll = () => {
    const bounds = home;
    if (bounds && mapRef.current) mapRef.current.fitBounds(bounds, { padding: FIT_PADDING });
  };

  const close = () => select(null);
  const failureMessage = failure ?? (webgl ? null : t('registry:map.webglMissing'));
  let card = null;
  if (selection?.kind === 'component') {
    const component = componentByCode.get(selection.code);
    if (component) card = <ComponentCard component={component} grid={gridByCode.get(component.gridCode)} onClose={close} onRaiseOrder={onRaiseOrder} />;
  } else if (selection?.kind === 'grid') {
    const grid = gridByCode.get(selection.code);
    if (grid) card = <GridCard grid={grid} headName={grid.headStaffId ? staffNames?.get(grid.headStaffId) : undefined} onClose={close} />;
  } else if (selection?.kind === 'ticket') {
    const ticket = ticketByNumber.get(selection.number);
    if (ticket) card = <TicketCard ticket={ticket} grid={gridByCode.get(ticket.gridCode)} onClose={close} now={nowValue} />;
  }

  return (
    <div className="grid-map" aria-label={t('registry:map.label')}>
      <div ref={containerRef} className="grid-map-canvas" data-testid="grid-map" />
      {failureMessage ? <p className="grid-map-failure">{failureMessage}</p> : null}
      {!failureMessage && grids.length === 0 ? <p className="grid-map-empty">{t('registry:map.noData')}</p> : null}
      {!loaded && !failureMessage ? <p className="grid-map-loading">{t('registry:map.loading')}</p> : null}
      <MapLegend visibility={visibility} onToggle={(group, on) => setVisibility((v) => ({ ...v, [group]: on }))} />
      <button type="button" className="grid-map-fit" onClick={fitAll}>
        {t('registry:map.fitAll')}
      </button>
      {card ? <div className="grid-map-card">{card}</div> : null}
    </div>
  );
}
