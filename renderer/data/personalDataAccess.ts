/**
 * The seam where deliberate access to personal data is reported: a full value revealed on a
 * page (显示). The audit records it (renderer/data/audit.ts, registered when the station opens);
 * prints, which carry full values too, are recorded by every print view itself
 * (renderer/ui/PrintSheet.tsx). Without a listener nothing is kept.
 */

export interface PersonalDataAccessListener {
  /** A full value shown on purpose: `field` is its path in the doc (`parties.0.idNumber`). */
  onReveal?(field: string, docId: string): void;
}

let listener: PersonalDataAccessListener = {};

/** Sets (or with `{}` clears) who hears of reveals; returns the one it replaced. */
export function setPersonalDataAccessListener(next: PersonalDataAccessListener): PersonalDataAccessListener {
  const previous = listener;
  listener = next;
  return previous;
}

export function onReveal(field: string, docId: string): void {
  listener.onReveal?.(field, docId);
}
