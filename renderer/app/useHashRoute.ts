/**
 * Hash routing: `#/grids` works the same from a custom protocol in Electron, from a file and
 * from any static web server, with no server-side rewrite rules.
 */
import { useSyncExternalStore } from 'react';
import { routeOfHash, type RouteId } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): RouteId {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return routeOfHash(hash);
}
