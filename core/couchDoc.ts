/**
 * The one translation between an app document (`id`) and its CouchDB form (`_id`, `_rev`).
 *
 * RxDB's primary key is `id` (RxDB reserves underscore fields for its own bookkeeping), while
 * CouchDB keys documents by `_id`. The sync engine, the district CLI and the demo writer all
 * cross this line, so it is crossed here only.
 */

/**
 * A document's state as both sides hold it, in app form: the body with `id`, and `_deleted` for a
 * deletion. What replication compares and conflict policies merge.
 */
export type DocState = Record<string, unknown> & { id: string; updatedAt?: string; updatedBy?: string; _deleted?: boolean };

/** CouchDB's metadata and RxDB's internal fields: neither belongs in the other store's doc. */
const FOREIGN_FIELDS = ['_rev', '_meta', '_deleted', '_attachments', '_conflicts', '_revisions', '_revs_info', '_local_seq'] as const;

export type CouchDoc<T extends { id: string }> = Omit<T, 'id'> & { _id: string; _rev?: string };

/** `{ id, …fields }` → `{ _id, …fields }`, with `_rev` when the caller is updating a known revision. */
export function toCouchDoc<T extends { id: string }>(doc: T, rev?: string): CouchDoc<T> {
  const { id, ...rest } = doc;
  const fields = rest as Record<string, unknown>;
  for (const name of FOREIGN_FIELDS) delete fields[name];
  const couch = { _id: id, ...fields } as CouchDoc<T>;
  if (rev !== undefined) couch._rev = rev;
  return couch;
}

/** `{ _id, _rev, …fields }` → `{ id, …fields }`: CouchDB metadata is dropped, the body kept whole. */
export function fromCouchDoc<T extends { id: string }>(doc: CouchDoc<T> | (Record<string, unknown> & { _id: string })): T {
  const { _id, ...rest } = doc as Record<string, unknown> & { _id: string };
  for (const name of FOREIGN_FIELDS) delete rest[name];
  return { id: _id, ...rest } as T;
}
