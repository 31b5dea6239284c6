/**
 * Where inside 调解 the clerk is: `#/mediation` (list), `#/mediation/new` (受理登记),
 * `#/mediation/case/<key>` (the case page), `#/mediation/case/<key>/agreement` (print view).
 * The key is the part of the case id after `mediationCase:`.
 */
import { useSyncExternalStore } from 'react';

export type MediationView = { view: 'list' } | { view: 'new' } | { view: 'case'; key: string } | { view: 'agreement'; key: string };

export function mediationViewOf(hash: string): MediationView {
  const parts = hash.replace(/^#\/?/, '').split('/').map((part) => decodeURIComponent(part));
  if (parts[0] !== 'mediation') return { view: 'list' };
  if (parts[1] === 'new') return { view: 'new' };
  if (parts[1] === 'case' && parts[2]) return parts[3] === 'agreement' ? { view: 'agreement', key: parts[2] } : { view: 'case', key: parts[2] };
  return { view: 'list' };
}

export function hrefOfView(view: MediationView): string {
  switch (view.view) {
    case 'list':
      return '#/mediation';
    case 'new':
      return '#/mediation/new';
    case 'case':
      return `#/mediation/case/${encodeURIComponent(view.key)}`;
    case 'agreement':
      return `#/mediation/case/${encodeURIComponent(view.key)}/agreement`;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useMediationView(): MediationView {
  return mediationViewOf(useSyncExternalStore(subscribe, () => window.location.hash));
}
