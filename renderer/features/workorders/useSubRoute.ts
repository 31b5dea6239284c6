/**
 * Where inside the work orders the clerk is: `#/workorders` (inbox), `#/workorders/new`,
 * `#/workorders/map`, `#/workorders/order/<ticket id>`, `#/workorders/slip/<ticket id>` (派遣单),
 * `#/workorders/picked/<token>` (orders picked on 统计, see pickedOrders.ts). The shell routes by the first segment.
 */
import { useSyncExternalStore } from 'react';

export type WorkorderView = { view: 'inbox' } | { view: 'new' } | { view: 'map' } | { view: 'order'; id: string } | { view: 'slip'; id: string } | { view: 'picked'; token: string };

export function viewOfHash(hash: string): WorkorderView {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'workorders') return { view: 'inbox' };
  if (parts[1] === 'new') return { view: 'new' };
  if (parts[1] === 'map') return { view: 'map' };
  if (parts[1] === 'order' && parts[2]) return { view: 'order', id: decodeURIComponent(parts.slice(2).join('/')) };
  if (parts[1] === 'slip' && parts[2]) return { view: 'slip', id: decodeURIComponent(parts.slice(2).join('/')) };
  if (parts[1] === 'picked' && parts[2]) return { view: 'picked', token: parts[2] };
  return { view: 'inbox' };
}

export function hrefOfView(view: WorkorderView): string {
  switch (view.view) {
    case 'inbox':
      return '#/workorders';
    case 'order':
      return `#/workorders/order/${encodeURIComponent(view.id)}`;
    case 'slip':
      return `#/workorders/slip/${encodeURIComponent(view.id)}`;
    case 'picked':
      return `#/workorders/picked/${view.token}`;
    default:
      return `#/workorders/${view.view}`;
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useWorkorderHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function go(view: WorkorderView): void {
  window.location.hash = hrefOfView(view);
}
