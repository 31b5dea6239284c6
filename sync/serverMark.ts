/**
 * What a local doc knows about its server copy, kept inside the doc's own `_meta` (RxDB allows
 * extra keys there) instead of in a second copy of every doc.
 *
 * RxDB's own downstream keeps the master state of every pulled doc in its replication meta store
 * whenever a push handler exists — a second IndexedDB record per doc, which measured at 40 % of
 * an initial sync (bench:sync, 20,000 docs: writing the docs alone 3.0–3.5 s, with the copy
 * 5.3–5.6 s, the raw feed 2.0 s). The engine needs less than that copy:
 * - the CouchDB revision the doc matches, to send as `_rev` and to tell a stale `_changes` row
 *   from a new one;
 * - whether the doc was edited here since (the feed must not overwrite an edit not yet pushed);
 * - for an edited doc, the state it was edited from (the base of a three-way merge).
 * The first two fit in a few bytes of `_meta`. The third is needed only for docs edited locally,
 * so it is taken at the moment of the edit (`keepBaseOfEdits`) — copy-on-write, in the same
 * IndexedDB record as the edit.
 */
import { fromCouchDoc } from '../core/couchDoc';
import { createRevision, getHeightOfRevision, now, type RxDocumentData } from 'rxdb';
import type { DocState } from '../core/couchDoc';

/** The key in `_meta`. */
export const MARK_KEY = 'gridlinkServer';

export interface ServerMark {
  /** The server's `_rev` this doc matched ('' when the server refused a new doc: no revision yet). */
  rev: string;
  /**
   * The height of the local RxDB revision that equals the server's state at `rev`. A doc whose
   * current revision has another height was edited here since.
   */
  height: number;
  /** The server's state at `rev`, kept once the doc is edited here (the base of the edit). */
  base?: DocState;
}

export type { DocState };
/** A doc as the local storage holds it (with `_rev`, `_meta`, `_attachments`). */
export type StoredDoc = RxDocumentData<Record<string, unknown> & { id: string }>;

/**
 * RxDB names the write context of a replication's downstream `replication-downstream-<id>`; the
 * engine writes server state under it (localStore.ts), so RxDB's upstream never pushes those
 * writes back. The storage wrapper recognises them by this prefix.
 */
const SERVER_STATE_CONTEXT_PREFIX = 'replication-downstream-';

/** A write of server state by the engine (or RxDB's downstream), not a local edit. */
export function isServerStateWrite(context: string): boolean {
  return context.startsWith(SERVER_STATE_CONTEXT_PREFIX);
}

export function markOf(doc: { _meta?: Record<string, unknown> } | undefined): ServerMark | undefined {
  return doc?._meta?.[MARK_KEY] as ServerMark | undefined;
}

/** The doc holds exactly the server's state at its mark's revision (no local edit since). */
export function isInSync(doc: StoredDoc | undefined): boolean {
  const mark = markOf(doc);
  return !!doc && !!mark && mark.height === getHeightOfRevision(doc._rev);
}

/** The state it was edited from: the server's state the local edits are based on, if known. */
export function baseOf(doc: StoredDoc | undefined): DocState | undefined {
  if (!doc) return undefined;
  return isInSync(doc) ? stateOf(doc) : markOf(doc)?.base;
}

/** A stored doc reduced to the doc state the replication protocol works with. */
export function stateOf(doc: StoredDoc): DocState {
  const { _meta: _m, _rev: _r, _attachments: _a, ...state } = doc;
  return state as DocState;
}

/** A server doc (`_id`, `_rev`, maybe `_deleted`) as the doc state the replication protocol works with. */
export function serverState(doc: Record<string, unknown> & { _id: string }): DocState {
  return { ...fromCouchDoc<{ id: string }>(doc), _deleted: doc._deleted === true } as DocState;
}

/** CouchDB revisions are `<generation>-<hash>`: a later edit has a higher generation. */
export function generationOf(rev: string): number {
  const generation = Number.parseInt(rev, 10);
  return Number.isFinite(generation) ? generation : 0;
}

/**
 * The stored doc for a write of server state at `rev` over `previous` (the local doc, if any),
 * as RxDB would store it: the next local revision, `lwt` now, the mark saying "in sync".
 * `base` set: the doc stays marked as edited (its content differs from the server's at `rev`).
 */
export function serverStateDoc(
  databaseToken: string,
  state: DocState,
  rev: string,
  previous: StoredDoc | undefined,
  options: { attachments?: StoredDoc['_attachments']; base?: DocState } = {},
): StoredDoc {
  const revision = createRevision(databaseToken, previous);
  const { [MARK_KEY]: _old, ...meta } = (previous?._meta ?? {}) as Record<string, unknown>;
  const mark: ServerMark = options.base ? { rev, height: 0, base: options.base } : { rev, height: getHeightOfRevision(revision) };
  return {
    ...state,
    _attachments: options.attachments ?? previous?._attachments ?? {},
    _rev: revision,
    _meta: { ...meta, lwt: now(), [MARK_KEY]: mark },
  } as unknown as StoredDoc;
}
