/**
 * The station's offline map: grid polygons by level with their names, components by category
 * (clustered icons), open work orders by state (clustered), a legend with layer switches, and
 * a card for whatever is clicked. Everything it draws comes from the props; nothing is fetched.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComponentDoc, GridDoc, TicketDoc } from '../../../core/schema';
import type { MapLibreMap } from './maplibre';
import type { MapSelection } from './MapCards';
import { DEFAULT_VISIBILITY, MapLegend, type LayerVisibility } from './MapLegend';
import { basemapOf } from '../../../core/basemap';
import { BasemapOffline } from './BasemapOffline';
import { homeBoundsOf } from './homeBounds';
import { FIT_PADDING } from './mapLayout';
import { selectionCard } from './selectionCard';
import { useMapInstance } from './useMapInstance';
import { useMapSources } from './useMapSources';
import { useLayerVisibility, useMapFocus } from './useMapView';
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
  /** The district's `basemapUrl` setting: tiles drawn under the grids (basemap.ts). */
  basemapUrl?: string;
}

const EMPTY: readonly never[] = [];

function hasWebGL(): boolean {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  // Give the probe's context back at once: browsers cap live WebGL contexts per page.
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return gl !== null;
}

export function GridMap({ grids, components = EMPTY, tickets = EMPTY, staffNames, focus, onRaiseOrder, onSelect, onMapReady, now, homeUnit, basemapUrl }: GridMapProps) {
  const { t } = useTranslation();
  // A focus given before the map mounted (定位 clicked while the lazy map chunk still loaded)
  // opens its card too, not only a focus that changes later.
  const [selection, setSelection] = useState<MapSelection | null>(focus?.select ?? null);
  const [visibility, setVisibility] = useState<LayerVisibility>(DEFAULT_VISIBILITY);
  const [legendOpen, setLegendOpen] = useState(focus?.select === undefined);
  // A new focus that names something opens its card (state adjusted during render, not in an effect).
  const [seenFocus, setSeenFocus] = useState(focus);
  if (focus !== seenFocus) {
    setSeenFocus(focus);
    if (focus?.select) setSelection(focus.select);
  }
  // A card that opens folds the legend, so on a narrow map the two never overlap.
  const [seenSelection, setSeenSelection] = useState(selection);
  if (selection !== seenSelection) {
    setSeenSelection(selection);
    if (selection) setLegendOpen(false);
  }
  const [webgl] = useState(hasWebGL);
  const sources = useMapSources(grids, components, tickets, now);
  const { locator, data, points } = sources;

  // A station's copy also holds its town's level-1 grid: open on the unit's own grids.
  const home = useMemo(() => homeBoundsOf(grids, homeUnit), [grids, homeUnit]);
  const basemap = useMemo(() => basemapOf(basemapUrl), [basemapUrl]);
  const { containerRef, mapRef, loaded, failure, select } = useMapInstance({ data, points, locator, visibility, onSelect, onMapReady, home, focused: Boolean(focus), basemap }, webgl, setSelection);
  useLayerVisibility(mapRef, loaded, visibility);
  useMapFocus(mapRef, loaded, focus);

  const fitAll = () => {
    const bounds = home;
    if (bounds && mapRef.current) mapRef.current.fitBounds(bounds, { padding: FIT_PADDING });
  };

  const failureMessage = failure ?? (webgl ? null : t('registry:map.webglMissing'));
  const card = selectionCard(selection, sources, { staffNames, onRaiseOrder, onClose: () => select(null) });

  return (
    <div className="grid-map" aria-label={t('registry:map.label')}>
      <div ref={containerRef} className="grid-map-canvas" data-testid="grid-map" />
      {failureMessage ? <p className="grid-map-failure">{failureMessage}</p> : null}
      {!failureMessage && grids.length === 0 ? <p className="grid-map-empty">{t('registry:map.noData')}</p> : null}
      {!loaded && !failureMessage ? <p className="grid-map-loading">{t('registry:map.loading')}</p> : null}
      <MapLegend visibility={visibility} onToggle={(group, on) => setVisibility((v) => ({ ...v, [group]: on }))} open={legendOpen} onOpenChange={setLegendOpen}>
        {basemap?.kind === 'raster' && home ? <BasemapOffline template={basemap.template} area={home} /> : null}
      </MapLegend>
      <button type="button" className="grid-map-fit" onClick={fitAll}>
        {t('registry:map.fitAll')}
      </button>
      {card ? <div className="grid-map-card">{card}</div> : null}
    </div>
  );
}
