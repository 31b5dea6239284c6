/**
 * MapLibre, set up once for an offline app: the worker script is bundled by Vite and loaded
 * from the app's own origin (maplibre-gl 6 does not inline it), and the stylesheet is local.
 * The worker starts when this module loads (the map's chunk, before its data is ready) and
 * stays for the next map: by default each map screen started it anew and waited for it.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);
maplibregl.prewarm();

export { maplibregl };
export type { Map as MapLibreMap, StyleSpecification, GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
