/**
 * Where inside 调解 the clerk is: `#/mediation` (list), `#/mediation/new` (受理登记),
 * `#/mediation/case/<key>` (the case page), `#/mediation/case/<key>/agreement` (print view),
 * `#/mediation/case/<key>/print/<document>` (the other documents of the case file).
 * The key is the part of the case id after `mediationCase:`.
 */
import { useSyncExternalStore } from 'react';

/** The case file's printed documents besides the agreement. */
export const CASE_DOCUMENTS = ['application', 'record', 'followUp', 'cover'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENTS)[number];

export type MediationView =
  | { view: 'list' }
  | { view: 'new' }
  | { view: 'case'; key: string }
  | { view: 'agreement'; key: string }
  | { view: 'print'; key: string; document: CaseDocumentKind };

export function mediationViewOf(hash: string): MediationView {
  const parts = hash.replace(/^#\/?/, '').split('/').map((part) => decodeURIComponent(part));
  if (parts[0] !== 'mediation') return { view: 'list' };
  if (parts[1] === 'new') return { view: 'new' };
  if (parts[1] === 'case' && parts[2]) {
    if (parts[3] === 'agreement') return { view: 'agreement', key: parts[2] };
    const document = CASE_DOCUMENTS.find((kind) => kind === parts[4]);
    if (parts[3] === 'print' && document) return { view: 'print', key: parts[2], document };
    return { view: 'case', key: parts[2] };
  }
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
    case 'print':
      return `#/mediation/case/${encodeURIComponent(view.key)}/print/${view.document}`;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useMediationView(): MediationView {
  return mediationViewOf(useSyncExternalStore(subscribe, () => window.location.hash));
}
