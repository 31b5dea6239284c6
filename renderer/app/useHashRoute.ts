/**
 * Hash routing: `#/grids` works the same from a custom protocol in Electron, from a file and
 * from any static web server, with no server-side rewrite rules.
 */
import { useState, useSyncExternalStore } from 'react';
import { recordKeyOf, routeOfHash, type RouteId } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): RouteId {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return routeOfHash(hash);
}

/** The record `#/<route>/<key>` names on this screen (e.g. a search hit), or null. */
export function useRecordKey(route: RouteId): string | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return recordKeyOf(hash, route);
}

/**
 * Once the record `#/<route>/<key>` names is among `docs`, hands it to `apply` (choose it, filter
 * to it) — once per key, so the clerk's own filtering afterwards stands. Returns the key.
 */
export function useRecordFocus<T>(route: RouteId, docs: readonly T[] | undefined, keyOf: (doc: T) => string, apply: (doc: T) => void): string | null {
  const key = useRecordKey(route);
  const [applied, setApplied] = useState<string | null>(null);
  if (key && key !== applied && docs) {
    setApplied(key);
    const doc = docs.find((d) => keyOf(d) === key);
    if (doc) apply(doc);
  }
  return key;
}
