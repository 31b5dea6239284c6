/**
 * The station's copy of its basemap tiles. MapLibre asks for `gridlink-tiles://<tile URL>`; the
 * handler answers from the browser's Cache Storage first and fetches and stores on a miss, so
 * every tile seen once, and every tile of the area kept offline, draws with the service down.
 * (Cache Storage lives with the page's origin: the web build's and the desktop app's
 * `gridlink://app` alike.)
 */
import type { BBox } from '../../../core/geo';
import { maplibregl } from './maplibre';
import { countTiles, tilesCovering, tileUrl } from './tileCover';

export const TILE_PROTOCOL = 'gridlink-tiles';
export const TILE_CACHE = 'gridlink-basemap-v1';

function openCache(): Promise<Cache | null> {
  if (typeof caches === 'undefined') return Promise.resolve(null);
  return caches.open(TILE_CACHE).catch(() => null);
}

/** Whether the cache already holds this tile. */
export async function hasTile(url: string): Promise<boolean> {
  const cache = await openCache();
  return Boolean(await cache?.match(url));
}

/** A tile's bytes, from the cache or else fetched and kept there. */
export async function cachedTile(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const cache = await openCache();
  const hit = await cache?.match(url);
  if (hit) return hit.arrayBuffer();
  const response = await fetch(url, { signal, cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error(`basemap tile ${url}: HTTP ${response.status}`);
  const data = await response.arrayBuffer();
  await cache?.put(url, new Response(data, { headers: { 'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream' } }));
  return data;
}

let registered = false;

/** Lets MapLibre load `gridlink-tiles://` URLs; once per page. */
export function registerTileProtocol(): void {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(TILE_PROTOCOL, async (params, abort) => ({ data: await cachedTile(params.url.slice(TILE_PROTOCOL.length + 3), abort.signal) }));
}

export interface KeepProgress {
  done: number;
  failed: number;
  total: number;
}

/**
 * Fetches every tile covering `area` from `minZoom` to `maxZoom` into the cache, four at a time,
 * reporting after each; tiles already kept are not fetched again. Resolves with the last count.
 */
export async function keepAreaOffline(
  template: string,
  area: BBox,
  zooms: { minZoom: number; maxZoom: number },
  onProgress: (progress: KeepProgress) => void,
  signal?: AbortSignal,
): Promise<KeepProgress> {
  const progress: KeepProgress = { done: 0, failed: 0, total: countTiles(area, zooms.minZoom, zooms.maxZoom) };
  const queue = tilesCovering(area, zooms.minZoom, zooms.maxZoom);
  const worker = async () => {
    for (let next = queue.next(); !next.done && !signal?.aborted; next = queue.next()) {
      try {
        await cachedTile(tileUrl(template, next.value), signal);
        progress.done++;
      } catch {
        progress.failed++;
      }
      onProgress({ ...progress });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return progress;
}

let pmtilesRegistered: Promise<void> | null = null;

/** Lets MapLibre read `pmtiles://` archives with range requests; once per page, loaded on first use. */
export function registerPmtilesProtocol(): Promise<void> {
  pmtilesRegistered ??= import('pmtiles').then(({ Protocol }) => {
    maplibregl.addProtocol('pmtiles', new Protocol().tile);
  });
  return pmtilesRegistered;
}
