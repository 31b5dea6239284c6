/**
 * The basemap under the grids (streets, place names), from the source the district names in its
 * `basemapUrl` setting (core/settings.ts): a raster XYZ tile service on the government intranet
 * (`https://intranet/tiles/{z}/{x}/{y}.png`) or a PMTiles archive of raster tiles IT placed on
 * a web server (`pmtiles://https://intranet/maps/area.pmtiles`; vector archives need a style, to come).
 * Raster tiles go through the station's tile cache (tileCache.ts), so the area kept offline
 * still draws with the service down. With no setting the map draws as before, grids only.
 */
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { Basemap } from '../../../core/basemap';
import { TILE_PROTOCOL } from './tileCache';

export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_LAYER = 'basemap';

/**
 * The map source for a basemap: XYZ tiles through the cache protocol; a PMTiles archive of
 * raster tiles read with range requests (its own header gives zooms and bounds).
 */
export function basemapSource(basemap: Basemap): SourceSpecification {
  if (basemap.kind === 'pmtiles') return { type: 'raster', url: basemap.url, tileSize: 256 };
  return { type: 'raster', tiles: [`${TILE_PROTOCOL}://${basemap.template}`], tileSize: 256, maxzoom: 19 };
}

export const basemapLayer: LayerSpecification = { id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-fade-duration': 0 } };
