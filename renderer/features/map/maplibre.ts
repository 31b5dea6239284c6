/**
 * MapLibre, set up once for an offline app: the worker script is bundled by Vite and loaded
 * from the app's own origin (maplibre-gl 6 does not inline it), and the stylesheet is local.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
export type { Map as MapLibreMap, StyleSpecification, GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
