/**
 * Replication of a station's local RxDB database with its one CouchDB database.
 *
 * Built on RxDB's replication protocol (`replicateRxCollection`: fork and master state, push
 * queue, conflict handler) with handlers of our own, one replication per collection, all fed by
 * one shared `_changes` reader (paged, then live by longpoll). The stock replication-couchdb
 * plugin is not used: it retries a refused write forever, reports a 401 as a TypeError and
 * drops a conflicting local edit (DESIGN.md).
 *
 * Pulls are driven only through the handlers (RxDB's `pull.stream$` loses events while paused):
 * the live feed caches what it read and calls `reSync()`, and each handler reads on from its
 * checkpoint.
 */
import { BehaviorSubject, combineLatest, map, type Observable, type Subscription } from 'rxjs';
import { deepEqual, type RxCollection, type RxConflictHandler } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { GridlinkCollections, PartialGridlinkDatabase } from '../database';
import { fromCouchDoc } from '../couchDoc';
import { t } from '../i18n';
import { COLLECTION_OF_TYPE, typeOfId, type CollectionName, type DocType, type EventDoc, type QuarantineDoc, type SyncedCollectionName } from '../schema';
import { conflictHandlerFor, POLICY_OF_COLLECTION } from '../conflicts/policies';
import { ChangesFeed, type FeedProgress } from './changesFeed';
import { Connection, DEFAULT_RETRY, StoppedError, type RetryOptions } from './connection';
import { CouchClient, type Credentials, type FetchLike } from './couchClient';
import { PositionStore } from './positions';
import { KnownRevisions } from './revisions';
import { createPullHandler, type FeedCheckpoint } from './pull';
import { createPushHandler } from './push';
import { INITIAL_STATUS, type RejectedItem, type SyncStatus } from './status';

export type { SyncStatus, RejectedItem, SyncAuthError } from './status';
export { AuthError, OfflineError, HttpError, type Credentials, type FetchLike } from './couchClient';

export interface StationSyncOptions<K extends CollectionName> {
  db: PartialGridlinkDatabase<K>;
  /** e.g. `https://couch.district.example:6984` */
  serverUrl: string;
  /** The station's (or town's) database, e.g. `gl-station-320506101002`. */
  dbName: string;
  credentials: Credentials;
  /** Keep following the server after the initial sync (default true). */
  live?: boolean;
  /** Docs per `_changes` page and per push (default: pages of 1000, pushes of 500). */
  batchSize?: number;
  fetch?: FetchLike;
  retry?: RetryOptions;
}

export interface StationSync {
  readonly status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  /** Resolves when every collection has pulled the server's state and pushed its local writes once. */
  awaitInitialSync(): Promise<void>;
  /** Resolves when nothing waits to be pushed or pulled right now. */
  awaitInSync(): Promise<void>;
  /** "Sync now": skip the backoff wait and re-read from every checkpoint. */
  resync(): void;
  stop(): Promise<void>;
  /** An attachment of a server doc (photos are fetched on demand). */
  fetchAttachment(docId: string, name: string): Promise<Blob>;
}

type AnyCollection = RxCollection<Record<string, unknown> & { id: string }>;

export async function startStationSync<K extends CollectionName>(options: StationSyncOptions<K>): Promise<StationSync> {
  // Pages of 1000: each pull cycle of RxDB (two lookups and two bulk writes per collection, a
  // checkpoint write) then carries more docs. Measured in one bench:sync run, 20,000 docs:
  // 10.4/9.6/10.3 s at 1000 vs 12.9/10.7/12.2 s at 500; 2000 gained nothing more (11.2/9.8/10.3 s).
  const batchSize = options.batchSize ?? 1000;
  // Pushes stay at 500: a photo goes up with its image inline, so a batch's request size
  // grows with it; `_bulk_docs` of 500 small docs is already one round trip per 500.
  const pushBatchSize = options.batchSize ?? 500;
  const live = options.live ?? true;
  const client = new CouchClient(options);
  const connection = new Connection(() => client.json('/').then(() => undefined), options.retry ?? DEFAULT_RETRY);
  const collections = options.db.collections as Partial<GridlinkCollections>;
  const names = (Object.keys(collections) as CollectionName[]).filter((n): n is SyncedCollectionName => n !== 'quarantine');
  const quarantine = collections.quarantine;
  const positions = await PositionStore.open(options.db, options.dbName, names);
  const feed = new ChangesFeed(client, connection, names, batchSize);
  const revisions = new KnownRevisions();

  const status = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
  const patch = (change: Partial<SyncStatus>) => status.next({ ...status.getValue(), ...change });
  const touched = () => patch({ lastSyncAt: new Date().toISOString() });
  const subscriptions: Subscription[] = [];

  // Pending uploads: local writes until the server accepted or refused them.
  const pending = new Map<string, DocType>();
  const publishPending = () => {
    const perType: Partial<Record<DocType, number>> = {};
    for (const type of pending.values()) perType[type] = (perType[type] ?? 0) + 1;
    patch({ pendingUploads: perType, pendingTotal: pending.size });
  };
  const addPending = (ids: string[]) => {
    for (const id of ids) {
      const type = typeOfId(id);
      if (type) pending.set(id, type);
    }
    publishPending();
  };
  const settle = (ids: string[]) => {
    let changed = false;
    for (const id of ids) changed = pending.delete(id) || changed;
    if (changed) publishPending();
  };

  const conflictContext = {
    quarantine,
    localEvents: async (subjectId: string) =>
      ((await collections.events?.find({ selector: { subjectId } }).exec()) ?? []).map((d) => d.toMutableJSON() as EventDoc),
    serverEvents: async (subjectId: string) => {
      const found = await client.post<{ docs: (Record<string, unknown> & { _id: string })[] }>('/_find', {
        selector: { type: 'ticketEvent', subjectId },
        limit: 100_000,
      });
      return found.docs.map((doc) => fromCouchDoc<EventDoc>(doc));
    },
  };

  const replications: RxReplicationState<Record<string, unknown>, FeedCheckpoint>[] = [];
  const pullOf = new Map<SyncedCollectionName, ReturnType<typeof createPullHandler>>();
  /** One promise per collection: its pull handler has read to the end of the feed once. */
  const endOfFeed: Promise<void>[] = [];
  for (const name of names) {
    const collection = collections[name] as unknown as AnyCollection;
    const conflictHandler = conflictHandlerFor(POLICY_OF_COLLECTION[name], conflictContext);
    // The policy is a property of the sync (the ticket policy reads events and asks the
    // server), so it is installed here rather than when the collection is created.
    (collection as { conflictHandler: RxConflictHandler<unknown> }).conflictHandler = conflictHandler as RxConflictHandler<unknown>;
    let replication: RxReplicationState<Record<string, unknown>, FeedCheckpoint> | null = null;
    const reachedEnd = new Promise<void>((resolve) => {
      const pull = createPullHandler({
        name, collection, quarantine, feed, positions, revisions, onRead: touched,
        // After RxDB has taken this short batch, pull on (RESYNC reads from the new checkpoint).
        onMore: () => setTimeout(() => replication?.reSync(), 0),
        onEnd: resolve,
      });
      pullOf.set(name, pull);
    });
    endOfFeed.push(reachedEnd);
    const pull = pullOf.get(name)!;
    const push = createPushHandler({
      name,
      client,
      connection,
      quarantine,
      revisions,
      isEqual: (a, b) => conflictHandler.isEqual(a, b, 'gridlink-push'),
      onSettled: (ids) => {
        settle(ids);
        touched();
      },
      onRejected: () => undefined,
    });
    replication = replicateRxCollection<Record<string, unknown>, FeedCheckpoint>({
      replicationIdentifier: `gridlink-couchdb-${options.dbName}`,
      collection: collection as unknown as RxCollection<Record<string, unknown>>,
      // Always live inside: a one-shot RxDB replication cancels itself after the first short
      // batch, which our bounded pulls return before the end. `live: false` is done below.
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      toggleOnDocumentVisible: false,
      pull: {
        batchSize,
        handler: async (checkpoint, size) => {
          try {
            return (await pull(checkpoint, size)) as { documents: never[]; checkpoint: FeedCheckpoint };
          } catch (error) {
            if (error instanceof StoppedError) return { documents: [], checkpoint: checkpoint ?? { seq: '0' } };
            throw error;
          }
        },
      },
      push: {
        batchSize: pushBatchSize,
        handler: async (rows) => {
          addPending(rows.map((row) => row.newDocumentState.id as string));
          return (await push(rows as never)) as never;
        },
      },
    });
    subscriptions.push(
      replication.sent$.subscribe((doc) => settle([doc.id as string])),
      replication.error$.subscribe((error) => {
        const text = String((error as { parameters?: { errors?: { message?: string }[] } }).parameters?.errors?.[0]?.message ?? error.message);
        if (!text.includes('StoppedError') && !text.includes('sync stopped')) patch({ lastError: `${name}: ${text}` });
      }),
      collection.eventBulks$.subscribe((bulk) => {
        if (bulk.context.startsWith('replication-downstream')) return;
        addPending(bulk.events.filter((event) => !onlyAttachmentsChanged(event)).map((event) => event.documentId));
      }),
    );
    replications.push(replication);
  }

  subscriptions.push(
    combineLatest([connection.state$, connection.authError$]).subscribe(([state, authError]) =>
      patch({
        connection: state,
        online: state === 'online',
        authError: authError
          ? {
              status: authError.status,
              kind: authKind(authError.status, authError.reason),
              reason: authError.reason,
              message: t(`sync:auth.${authKind(authError.status, authError.reason)}`, { reason: authError.reason }),
            }
          : null,
      }),
    ),
    feed.progress$.subscribe((progress: FeedProgress) => patch({ initial: { ...progress, complete: status.getValue().initial.complete } })),
  );
  if (quarantine) {
    subscriptions.push(
      quarantine
        .find({ selector: { kind: { $in: ['rejectedPush', 'invalidPull', 'conflict'] } } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as QuarantineDoc).filter((d) => !d.resolvedAt)))
        .subscribe((open) => {
          const items: RejectedItem[] = open
            .filter((d): d is QuarantineDoc & { kind: RejectedItem['kind'] } => d.kind !== 'conflict')
            .map((d) => ({ id: d.id, docId: d.docId, kind: d.kind, reason: d.reason, at: d.at }));
          patch({ rejected: { count: items.length, items }, conflicts: open.length - items.length });
        }),
    );
  }

  // Total for the progress bar when the server gives no `pending` count (pouchdb-server).
  void connection
    .run(() => client.json<{ doc_count?: number; doc_del_count?: number }>('/'))
    .then((info) => feed.estimateTotal((info.doc_count ?? 0) + (info.doc_del_count ?? 0)))
    .catch(() => undefined);

  let stopped = false;
  let signalStop: () => void = () => undefined;
  const stopping = new Promise<never>((_, reject) => (signalStop = () => reject(new StoppedError('sync stopped'))));
  stopping.catch(() => undefined);
  // Stopping before the initial sync ends rejects the wait instead of leaving it pending forever.
  // RxDB's awaitInitialReplication resolves after the first (bounded) pull, so "initial sync
  // done" is: every collection read to the end of the feed, then nothing left to write.
  const initialSync = Promise.race([
    stopping,
    Promise.all(endOfFeed).then(() => Promise.all(replications.map((r) => r.awaitInSync()))),
  ]).then(() => {
    const { initial } = status.getValue();
    patch({ initial: { done: Math.max(initial.done, initial.total), total: Math.max(initial.done, initial.total), complete: true } });
  });
  let liveLoop: Promise<void> = Promise.resolve();
  if (!live) {
    // One-shot: stop following the server once the initial sync is done (status stays readable).
    liveLoop = initialSync.then(() => Promise.all(replications.map((r) => r.cancel()))).then(() => undefined, () => undefined);
  } else {
    liveLoop = initialSync
      .then(async () => {
        if (stopped) return;
        subscriptions.push(feed.woke$.subscribe(() => replications.forEach((r) => r.reSync())));
        await feed.runLive(feed.endSeq ?? 'now', () => touched());
      })
      .catch((error: unknown) => {
        if (!(error instanceof StoppedError) && !stopped) patch({ lastError: `live feed: ${String(error)}` });
      });
  }

  return {
    status$: status.asObservable(),
    get status() {
      return status.getValue();
    },
    awaitInitialSync: () => initialSync,
    async awaitInSync() {
      await initialSync;
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    resync() {
      connection.retryNow();
      for (const replication of replications) replication.reSync();
    },
    async fetchAttachment(docId: string, name: string) {
      const response = await connection.run(() => client.request(`/${encodeURIComponent(docId)}/${encodeURIComponent(name)}`));
      return response.blob();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      signalStop();
      connection.stop();
      feed.stop();
      await Promise.all(replications.map((r) => r.cancel()));
      await liveLoop;
      subscriptions.forEach((s) => s.unsubscribe());
      await positions.close();
      status.complete();
    },
  };
}

/**
 * A write that only stored bytes next to an unchanged doc (a photo fetched from the server on
 * demand and kept): nothing for the server. RxDB pushes no such write either (its equality
 * check leaves attachments out), so counting it would leave it "pending" for good.
 */
function onlyAttachmentsChanged(event: { operation: string; documentData?: unknown; previousDocumentData?: unknown }): boolean {
  if (event.operation !== 'UPDATE' || !event.previousDocumentData || !event.documentData) return false;
  return deepEqual(withoutStorageFields(event.previousDocumentData), withoutStorageFields(event.documentData));
}

function withoutStorageFields(doc: unknown): Record<string, unknown> {
  const { _attachments: _a, _meta: _m, _rev: _r, ...rest } = doc as Record<string, unknown>;
  return rest;
}

/**
 * CouchDB 3: wrong credentials → 401, a valid user who is not a member → 403. pouchdb-server
 * answers a non-member with 401 too, but says so in the reason ("…access this db").
 */
function authKind(status: 401 | 403, reason: string): 'wrongPassword' | 'notMember' {
  return status === 403 || /access this (db|database)|not a member|not allowed/i.test(reason) ? 'notMember' : 'wrongPassword';
}

export { COLLECTION_OF_TYPE };
