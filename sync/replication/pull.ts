/**
 * The pull handler of one collection over the shared feed.
 *
 * RxDB's pull loop stops as soon as a handler returns fewer docs than the batch size, so the
 * handler reads forward through the feed until it has a full batch of its own collection or
 * reaches the end. Each row becomes an RxDB doc here, where bad input is caught before RxDB sees
 * it: a doc that fails the local schema is quarantined (RxDB would otherwise fail the whole
 * batch and never store the checkpoint), and a tombstone — which carries no body in `_changes`
 * — becomes the local doc marked deleted, or nothing if this station never had it.
 */
import type { RxCollection, WithDeleted } from 'rxdb';
import { fromCouchDoc } from '../couchDoc';
import { COLLECTION_OF_TYPE, typeOfId, type QuarantineDoc, type SyncedCollectionName } from '../schema';
import { t } from '../i18n';
import { FEED_START, type ChangeRow, type ChangesFeed, type Seq } from './changesFeed';
import type { PositionStore } from './positions';
import type { KnownRevisions } from './revisions';
import { validatorOf } from './schemaValidators';

export interface FeedCheckpoint {
  seq: Seq;
}

export interface PullContext {
  name: SyncedCollectionName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a collection of any of our doc types
  collection: RxCollection<any>;
  quarantine?: RxCollection<QuarantineDoc>;
  feed: ChangesFeed;
  positions: PositionStore;
  /** Newest server revision per doc: a row older than it is a stale snapshot and is dropped. */
  revisions?: KnownRevisions;
  /** Called when rows were read (for "last successful sync"). */
  onRead(): void;
  /**
   * The handler stopped short of a full batch before the end of the feed (it read
   * `MAX_PAGES_PER_PULL` pages): RxDB takes a short batch as the end, so ask it to pull again.
   */
  onMore(): void;
  /** The handler read up to the end of the feed. */
  onEnd(): void;
}

/**
 * Pages one pull call reads at most. A collection with few docs (grids, departments) would
 * otherwise read the whole feed before returning its first batch, so its checkpoint — and
 * what a killed app resumes from — would not move until the end of the initial sync.
 *
 * Performance (bench:sync, 20,000 docs): the short batch this returns ends RxDB's pull loop,
 * and RxDB waits for its writes before the next loop, so one collection reads and writes in
 * turns. That costs less than it seems: the ten collections' loops interleave, and the feed
 * reads a page ahead (changesFeed.ts), so the network and IndexedDB stay busy. Letting RxDB
 * loop on over any non-empty batch (`pull.batchSize: 1`, the handler sizing batches itself)
 * was tried: sparse collections then ran far ahead of their stored checkpoints and the
 * SIGKILL resume test re-read most of the feed (90 `_changes` requests where it allows 76),
 * for no clear gain in time.
 */
export const MAX_PAGES_PER_PULL = 4;

type Doc = WithDeleted<Record<string, unknown> & { id: string }>;

export function collectionOfId(id: string): SyncedCollectionName | null {
  const type = typeOfId(id);
  return type ? COLLECTION_OF_TYPE[type] : null;
}

export function createPullHandler(context: PullContext) {
  const { name, feed, positions } = context;
  const validate = validatorOf(context.collection.schema.jsonSchema);

  return async function pull(checkpoint: FeedCheckpoint | undefined, batchSize: number) {
    const from = checkpoint?.seq ?? null;
    const skip = positions.get(name);
    let position: Seq = skip && skip.from === from ? skip.to : (from ?? FEED_START);
    const documents = new Map<string, Doc>();
    let atEnd: boolean;
    for (let pages = 1; ; pages++) {
      const page = await feed.page(position, name);
      const mine = page.rows.filter((row) => collectionOfId(row.id) === name && !context.revisions?.isSuperseded(row.id, row.doc._rev));
      for (const row of mine) context.revisions?.note(row.id, row.doc._rev);
      for (const doc of await toRxDocs(mine)) documents.set(doc.id, doc);
      position = page.lastSeq;
      atEnd = page.atEnd;
      // Read on until a full batch: RxDB takes a short batch as "the end of the feed".
      if (atEnd || documents.size >= batchSize || pages >= MAX_PAGES_PER_PULL) break;
    }
    context.onRead();
    if (atEnd) context.onEnd();
    else if (documents.size < batchSize) context.onMore();
    if (documents.size === 0) {
      // Nothing for RxDB to store, so it will not store a checkpoint either: remember the
      // stretch ourselves (safe: nothing read in it needs persisting).
      // Not awaited: the cache answers at once, and a lost write only costs a re-read.
      if (position !== (skip?.to ?? from)) void positions.set(name, { from, to: position }).catch(() => undefined);
    }
    return { documents: [...documents.values()], checkpoint: { seq: position } };
  };

  async function toRxDocs(rows: ChangeRow[]): Promise<Doc[]> {
    if (rows.length === 0) return [];
    const deletedIds = rows.filter((r) => r.deleted).map((r) => r.id);
    const photoIds = name === 'photos' ? rows.map((r) => r.id) : [];
    const localIds = [...new Set([...deletedIds, ...photoIds])];
    const local = new Map<string, Doc>();
    if (localIds.length > 0) {
      const found = (await context.collection.storageInstance.findDocumentsById(localIds, false)) as Doc[];
      for (const doc of found) local.set(doc.id, doc);
    }
    const documents: Doc[] = [];
    const invalid: QuarantineDoc[] = [];
    const at = new Date().toISOString();
    for (const row of rows) {
      if (row.deleted) {
        const mine = local.get(row.id);
        if (mine) documents.push(bodyOf({ ...mine, _deleted: true }));
        continue;
      }
      // Photos are create-only and their bytes live in the local doc's attachment: a doc this
      // station already has is the same doc (same content hash), and must not be overwritten.
      if (name === 'photos' && local.has(row.id)) continue;
      const doc = { ...fromCouchDoc<{ id: string }>(row.doc), _deleted: false } as Doc;
      const errors = validate({ ...doc, _attachments: {}, _meta: { lwt: 1 }, _rev: '1-0' });
      if (errors.length > 0) {
        invalid.push({
          id: `invalidPull:${row.id}:${row.doc._rev ?? row.seq}`.slice(0, 200),
          kind: 'invalidPull',
          docId: row.id,
          doc: JSON.parse(JSON.stringify(doc)) as Record<string, unknown>,
          reason: t('sync:rejected.invalid', { reason: errors.map((e) => `${e.path ?? '#/'} ${e.message ?? ''}`.trim()).join('; ') }),
          at,
        });
        continue;
      }
      documents.push(doc);
    }
    if (invalid.length > 0 && context.quarantine) await context.quarantine.bulkUpsert(invalid);
    return documents;
  }
}

/** A stored RxDB doc reduced to the doc state the replication protocol expects. */
function bodyOf(doc: Doc): Doc {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as Doc & { _meta?: unknown; _rev?: unknown; _attachments?: unknown };
  return rest as Doc;
}
