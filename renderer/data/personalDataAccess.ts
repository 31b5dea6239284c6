/**
 * The seam where deliberate access to personal data is reported: a full value revealed on a
 * page (显示), and a print that carries full values (an agreement, the case file). The audit
 * (issue 15 part 5) records these as audit docs that sync up; it registers itself here with
 * setPersonalDataAccessListener once the station is open. Without a listener nothing is kept.
 */

export interface PersonalDataAccessListener {
  /** A full value shown on purpose: `field` is its path in the doc (`parties.0.idNumber`). */
  onReveal?(field: string, docId: string): void;
  /** A print of `document` (a print view's name, e.g. 人民调解协议书) of the doc `docId`. */
  onPrint?(document: string, docId: string): void;
}

let listener: PersonalDataAccessListener = {};

/** Sets (or with `{}` clears) who hears of reveals and prints; returns the one it replaced. */
export function setPersonalDataAccessListener(next: PersonalDataAccessListener): PersonalDataAccessListener {
  const previous = listener;
  listener = next;
  return previous;
}

export function onReveal(field: string, docId: string): void {
  listener.onReveal?.(field, docId);
}

export function onPrint(document: string, docId: string): void {
  listener.onPrint?.(document, docId);
}
