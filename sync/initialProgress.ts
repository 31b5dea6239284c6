/**
 * How much of a first sync (or of the catch-up after a long time offline) is left: docs stored
 * out of docs to store, and the time that will take at the pace so far.
 *
 * The total comes from the server at no extra cost: Apache CouchDB answers each `_changes` page
 * with `pending` (changes after it), exact. pouchdb-server gives none: its database info gives
 * `doc_count + doc_del_count` (every doc, live or deleted, is one row of a feed read from the
 * start) and an integer `update_seq`; from a saved position `p` no more than `update_seq - p`
 * changes are left (a doc changed twice after `p` is one row), so the smaller of the two is the
 * total of a resumed sync. CouchDB's info seqs are opaque, so there the first page's `pending`
 * decides.
 */

export interface InitialProgress {
  /** Docs (feed rows) stored in this run. */
  done: number;
  /** Docs this run will store in all; 0 while not known yet. */
  total: number;
  complete: boolean;
  /** When this run began reading the feed (ISO); absent before. */
  startedAt?: string;
}

/** What the server's database info says about the feed. */
export interface DatabaseInfo {
  doc_count?: number;
  doc_del_count?: number;
  update_seq?: string | number;
}

/**
 * Changes a run starting at `position` (undefined: the start) will read, from the database info;
 * null when the info cannot tell (an opaque CouchDB seq and a saved position).
 */
export function feedRowsLeft(info: DatabaseInfo, position: string | undefined): number | null {
  const docs = (info.doc_count ?? 0) + (info.doc_del_count ?? 0);
  if (position === undefined || position === '0') return docs;
  const seq = Number(info.update_seq);
  const from = Number(position);
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(from) || String(from) !== position) return null;
  return Math.max(0, Math.min(docs, seq - from));
}

/** No estimate before this much of the run has been timed: the first pages are not the pace. */
const MIN_TIMED_MS = 3_000;
const MIN_TIMED_SHARE = 0.02;

/**
 * Milliseconds left at the pace of the run so far, or null while it is too early to say (under
 * 3 s or 2% in) or nothing is known about the total.
 */
export function timeLeftMs(progress: InitialProgress, nowMs: number): number | null {
  if (progress.complete) return 0;
  if (!progress.startedAt || progress.total <= 0 || progress.done <= 0) return null;
  const elapsed = nowMs - Date.parse(progress.startedAt);
  if (!(elapsed >= MIN_TIMED_MS) || progress.done / progress.total < MIN_TIMED_SHARE) return null;
  const left = Math.max(0, progress.total - progress.done);
  return Math.round((elapsed / progress.done) * left);
}
