/**
 * Replication of a station's local RxDB database with its one CouchDB database.
 *
 * Pull: one `_changes?include_docs` reader for the whole database (changesFeed.ts, paged, then
 * live by longpoll), whose rows the feed writer (feedWriter.ts) stores into the collections, each
 * with a server mark in its `_meta` (serverMark.ts); one feed position per database
 * (positions.ts) records how far that is done; the loop is feedLoop.ts.
 * Push: RxDB's replication protocol per collection with a push handler of our own
 * (collectionReplication.ts, push.ts). The stock replication-couchdb plugin is not used: it
 * retries a refused write forever, reports a 401 as a TypeError and drops a conflicting local
 * edit (DESIGN.md).
 *
 * The engine knows no document type: how a local edit meets a different server state is the
 * caller's (`policies`, core/conflicts/policies.ts); without one the server wins and what it
 * overrode is recorded.
 */
import type { RxCollection } from 'rxdb';
import type { Observable } from 'rxjs';
import type { ConflictPolicies } from '../core/conflicts/policies';
import type { CollectionName, QuarantineDoc, SyncedCollectionName } from '../core/schema';
import type { PullSelector } from '../core/syncWindow';
import { ChangesFeed, type ChangeRow } from './changesFeed';
import { replicateCollection, type CollectionReplication } from './collectionReplication';
import { quarantineRecorder, type ConflictRecorder } from './conflictRecords';
import { Connection, DEFAULT_RETRY, StoppedError, type RetryOptions } from './connection';
import { CouchClient, type Credentials, type FetchLike } from './couchClient';
import type { GridlinkCollections, PartialGridlinkDatabase } from './database';
import { FeedLoop } from './feedLoop';
import { createFeedWriter } from './feedWriter';
import { HeldRows } from './heldRows';
import { PendingUploads } from './pendingUploads';
import { feedRowsLeft, type DatabaseInfo } from './initialProgress';
import { PositionStore } from './positions';
import { serverDocsOf } from './serverDocs';
import { StatusPublisher, watchConnection, watchQuarantine, type SyncStatus } from './status';

export type { SyncStatus, RejectedItem, SyncAuthError } from './status';
export { AuthError, OfflineError, HttpError, type Credentials, type FetchLike } from './couchClient';

/**
 * Docs per `_changes` page. Each page is one IndexedDB write per collection, and fewer, larger
 * writes ride out the storage's slow spells better: bench:sync (20,000 docs, same runs) stored
 * pages of 2000 in 3.47–3.69 s where pages of 1000 took 3.48–4.60 s (and up to 5 s in other runs).
 * Three pages are in memory at most (two being stored, one read ahead): a few MB.
 */
export const PULL_PAGE_SIZE = 2000;
/**
 * Docs per push. A photo goes up with its image inline, so a batch's request size grows with
 * it; `_bulk_docs` of 500 small docs is already one round trip per 500.
 */
export const PUSH_BATCH_SIZE = 500;

export interface StationSyncOptions<K extends CollectionName> {
  db: PartialGridlinkDatabase<K>;
  /** e.g. `https://couch.district.example:6984` */
  serverUrl: string;
  /** The station's (or town's) database, e.g. `gl-station-320506101002`. */
  dbName: string;
  /** The station's login; absent when the server URL is main's proxy, which adds it (couchClient.ts). */
  credentials?: Credentials;
  /** How a local edit meets a different server state, per collection (default: the server wins, recorded). */
  policies?: ConflictPolicies;
  /** Keeps the values a merge did not keep (default: a local quarantine record). */
  recordConflicts?: ConflictRecorder;
  /** Keep following the server after the initial sync (default true). */
  live?: boolean;
  /** Docs per `_changes` page and per push (default: PULL_PAGE_SIZE and PUSH_BATCH_SIZE). */
  batchSize?: number;
  fetch?: FetchLike;
  retry?: RetryOptions;
  /** How long a request may take before it counts as lost (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /**
   * What the feed pulls (the sync window, core/syncWindow.ts; default: everything). Asked once,
   * before the first page; `server.docs` reads docs the desk may not have yet (its settings).
   */
  pullSelector?: (server: ServerReader) => Promise<PullSelector | null>;
}

/** Reads docs of the station's database on the server by id, without storing them. */
export interface ServerReader {
  docs(ids: readonly string[]): Promise<ChangeRow['doc'][]>;
}

/** Docs to fetch from the server: by id, and every id starting with a prefix (an order's steps). */
export interface FetchRequest {
  ids?: readonly string[];
  idPrefix?: string;
}

export interface StationSync {
  readonly status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  /** Resolves when every collection has pulled the server's state and pushed its local writes once. */
  awaitInitialSync(): Promise<void>;
  /** Resolves when nothing waits to be pushed or pulled right now. */
  awaitInSync(): Promise<void>;
  /** "Sync now": skip the backoff wait, and look again for local writes to upload. */
  resync(): void;
  stop(): Promise<void>;
  /** An attachment of a server doc (photos are fetched on demand). */
  fetchAttachment(docId: string, name: string): Promise<Blob>;
  /**
   * Docs the sync window left on the server (an old settled order, old steps), fetched now and
   * stored like the feed's rows (validated, quarantined if bad, never over a newer local state).
   * Resolves to how many the server had; rejects with OfflineError when it cannot be asked.
   */
  fetchFromServer(request: FetchRequest): Promise<number>;
}

interface AllDocsResponse {
  rows: { id?: string; key: string; value?: { rev: string; deleted?: boolean }; doc?: ChangeRow['doc'] | null; error?: string }[];
}

export async function startStationSync<K extends CollectionName>(options: StationSyncOptions<K>): Promise<StationSync> {
  const retry = options.retry ?? DEFAULT_RETRY;
  // A 2xx head is the server answering: back online at once, not when the longpoll that
  // answered ends (CouchDB after 25 s, pouchdb-server at the next change).
  const client = new CouchClient({ ...options, onAnswer: () => connection.succeeded() });
  const connection = new Connection(() => client.json('/').then(() => undefined), retry);
  const collections = options.db.collections as Partial<GridlinkCollections>;
  const quarantine = collections.quarantine as RxCollection<QuarantineDoc> | undefined;
  const names = (Object.keys(collections) as CollectionName[]).filter((n): n is SyncedCollectionName => n !== 'quarantine');
  const positions = await PositionStore.open(options.db, options.dbName);
  const status = new StatusPublisher();
  const pending = new PendingUploads(status);
  const server = serverDocsOf(client, connection);
  const recordConflicts = options.recordConflicts ?? quarantineRecorder(quarantine);

  const uploads: CollectionReplication[] = names.map((name) =>
    replicateCollection({
      name,
      collection: collections[name] as RxCollection,
      dbName: options.dbName,
      policy: options.policies?.[name],
      recordConflicts,
      server,
      client,
      connection,
      quarantine,
      pending,
      status,
      pushBatchSize: options.batchSize ?? PUSH_BATCH_SIZE,
    }),
  );
  const replications = uploads.map((upload) => upload.replication);
  const docsOf = (body: AllDocsResponse): ChangeRow['doc'][] =>
    body.rows.flatMap((row) => (row.doc && !row.value?.deleted ? [row.doc] : []));
  /** The server's current rows of `ids`, as the feed gives them (tombstones included). */
  const rowsOf = async (ids: readonly string[]): Promise<ChangeRow[]> => {
    if (ids.length === 0) return [];
    const body = await client.json<AllDocsResponse>('/_all_docs?include_docs=true', { method: 'POST', body: JSON.stringify({ keys: ids }) });
    return body.rows.flatMap((row): ChangeRow[] => {
      if (!row.value) return [];
      if (row.value.deleted) return [{ id: row.key, seq: '', deleted: true, doc: { _id: row.key, _rev: row.value.rev, _deleted: true } }];
      return row.doc ? [{ id: row.key, seq: '', deleted: false, doc: row.doc }] : [];
    });
  };
  const serverReader: ServerReader = {
    docs: async (ids) => (await rowsOf(ids)).flatMap((row) => (row.deleted ? [] : [row.doc])),
  };
  const held: HeldRows = new HeldRows({
    positions,
    isPending: (id) => pending.has(id),
    read: (ids) => connection.run(() => rowsOf(ids)),
    store: (rows) => writer.write(rows),
    onError: (error) => {
      if (!(error instanceof StoppedError)) status.patch({ lastError: `feed: ${String(error)}` });
    },
  });
  const writer = createFeedWriter(
    uploads.map((upload) => upload.target),
    quarantine,
    (id) => pending.has(id),
    (ids) => held.hold(ids),
  );
  pending.onSettle(() => held.settled());
  const watchers = [watchConnection(status, connection), ...(quarantine ? [watchQuarantine(status, quarantine)] : [])];

  const live = options.live ?? true;
  const loop = new FeedLoop({
    feed: new ChangesFeed(client, connection, options.batchSize ?? PULL_PAGE_SIZE, async () => (options.pullSelector ? options.pullSelector(serverReader) : null)),
    writer,
    positions,
    status,
    retry,
    live,
    firstUploadPass: Promise.all(replications.map((r) => r.awaitInitialReplication())),
  });
  // The progress bar's total when the server gives no `pending` count (pouchdb-server).
  const startPosition = positions.get();
  void connection
    .run(() => client.json<DatabaseInfo>('/'))
    .then((info) => {
      const left = feedRowsLeft(info, startPosition);
      if (left !== null) loop.noteTotal(left);
    })
    .catch(() => undefined);

  let stopped = false;
  let signalStop: () => void = () => undefined;
  const stopping = new Promise<never>((_, reject) => (signalStop = () => reject(new StoppedError('sync stopped'))));
  stopping.catch(() => undefined);
  loop.start(stopping);

  // "Initial sync done": the feed stored to its end, then nothing left to upload. With no local
  // write pending, RxDB's upload side may still be noting the stored pages (a checkpoint write
  // per page and collection, ~0.2 s for 20,000 docs) but has nothing to send: not waited for.
  const nothingToUpload = async () => {
    if (pending.size > 0) await Promise.all(replications.map((r) => r.awaitInSync()));
  };
  // Stopping before the initial sync ends rejects the wait instead of leaving it pending forever.
  const initialSync = Promise.race([stopping, loop.reachedEnd.then(nothingToUpload)]).then(() => {
    const { done, startedAt } = loop.progress;
    status.patch({ initial: { done, total: done, complete: true, ...(startedAt ? { startedAt } : {}) } });
  });
  // Callers may never wait for it; a stop before the end must not become an unhandled rejection.
  initialSync.catch(() => undefined);
  if (!live) {
    // One-shot: stop uploading once the initial sync is done (status stays readable).
    void initialSync.then(() => Promise.all(replications.map((r) => r.cancel()))).catch(() => undefined);
  }

  return {
    status$: status.status$,
    get status() {
      return status.value;
    },
    awaitInitialSync: () => initialSync,
    async awaitInSync() {
      await initialSync;
      await loop.storing;
      await Promise.all(replications.map((r) => r.awaitInSync()));
      await held.idle();
    },
    resync() {
      connection.retryNow();
      loop.retryNow();
      for (const replication of replications) replication.reSync();
    },
    async fetchAttachment(docId: string, name: string) {
      const response = await connection.run(() => client.request(`/${encodeURIComponent(docId)}/${encodeURIComponent(name)}`));
      return response.blob();
    },
    async fetchFromServer(request) {
      const byId = request.ids ? await connection.run(() => serverReader.docs(request.ids ?? [])) : [];
      const byPrefix = request.idPrefix
        ? docsOf(
            await connection.run(() =>
              client.json<AllDocsResponse>(
                `/_all_docs?include_docs=true&startkey=${encodeURIComponent(JSON.stringify(request.idPrefix))}&endkey=${encodeURIComponent(JSON.stringify(`${request.idPrefix}\ufff0`))}`,
              ),
            ),
          )
        : [];
      const docs = [...byId, ...byPrefix];
      // Stored as the feed stores a page; `seq` is not read by the writer.
      if (docs.length > 0) await writer.write(docs.map((doc) => ({ id: doc._id, seq: '', deleted: doc._deleted === true, doc })));
      return docs.length;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      signalStop();
      connection.stop();
      held.stop();
      const loopStopped = loop.stop();
      await Promise.all(uploads.map((upload) => upload.stop()));
      await loopStopped;
      watchers.forEach((w) => w.unsubscribe());
      await positions.close();
      status.complete();
    },
  };
}
