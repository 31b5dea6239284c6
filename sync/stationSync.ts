/**
 * Replication of a station's local RxDB database with its one CouchDB database.
 *
 * Pull: one `_changes?include_docs` reader for the whole database (paged, then live by
 * longpoll), whose rows the feed writer stores into the collections, each with a server mark in
 * its `_meta` (serverMark.ts); one feed position per database records how far that is done.
 * Push: RxDB's replication protocol (`replicateRxCollection`: fork state, push queue, conflict
 * handler) per collection, with a push handler of our own. The stock replication-couchdb plugin
 * is not used: it retries a refused write forever, reports a 401 as a TypeError and drops a
 * conflicting local edit (DESIGN.md).
 *
 * Why pulls bypass RxDB's downstream: with a push handler, RxDB keeps a second copy of every
 * pulled doc in its replication meta store, which is 40 % of an initial sync (serverMark.ts has
 * the figures). The feed writer stores under RxDB's downstream write context, so RxDB's upstream
 * treats those writes as the server's state, as it would its own pulls.
 */
import { BehaviorSubject, combineLatest, map, type Observable, type Subscription } from 'rxjs';
import { deepEqual, type RxCollection, type RxConflictHandler } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { GridlinkCollections, PartialGridlinkDatabase } from './database';
import { fromCouchDoc } from '../core/couchDoc';
import { t } from '../core/i18n';
import { COLLECTION_OF_TYPE, typeOfId, type CollectionName, type DocType, type EventDoc, type QuarantineDoc, type SyncedCollectionName } from '../core/schema';
import { conflictHandlerFor, POLICY_OF_COLLECTION } from '../core/conflicts/policies';
import { ChangesFeed, FEED_START, type FeedPage, type Seq } from './changesFeed';
import { backoffDelay, Connection, DEFAULT_RETRY, StoppedError, type RetryOptions } from './connection';
import { CouchClient, type Credentials, type FetchLike } from './couchClient';
import { createFeedWriter, CREATE_ONLY, type FeedWriterTarget } from './feedWriter';
import { localStoreOf, serverStateContextOf } from './localStore';
import { PositionStore } from './positions';
import { createPushHandler } from './push';
import { stateOf, type DocState, type StoredDoc } from './serverMark';
import { INITIAL_STATUS, type RejectedItem, type SyncStatus } from './status';

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
  credentials: Credentials;
  /** Keep following the server after the initial sync (default true). */
  live?: boolean;
  /** Docs per `_changes` page and per push (default: PULL_PAGE_SIZE and PUSH_BATCH_SIZE). */
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
  /** "Sync now": skip the backoff wait, and look again for local writes to upload. */
  resync(): void;
  stop(): Promise<void>;
  /** An attachment of a server doc (photos are fetched on demand). */
  fetchAttachment(docId: string, name: string): Promise<Blob>;
}

type AnyCollection = RxCollection<Record<string, unknown> & { id: string }>;

export async function startStationSync<K extends CollectionName>(options: StationSyncOptions<K>): Promise<StationSync> {
  const batchSize = options.batchSize ?? PULL_PAGE_SIZE;
  const pushBatchSize = options.batchSize ?? PUSH_BATCH_SIZE;
  const live = options.live ?? true;
  const retry = options.retry ?? DEFAULT_RETRY;
  const client = new CouchClient(options);
  const connection = new Connection(() => client.json('/').then(() => undefined), retry);
  const collections = options.db.collections as Partial<GridlinkCollections>;
  const names = (Object.keys(collections) as CollectionName[]).filter((n): n is SyncedCollectionName => n !== 'quarantine');
  const quarantine = collections.quarantine;
  const positions = await PositionStore.open(options.db, options.dbName);
  const feed = new ChangesFeed(client, connection, batchSize);

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

  type Replication = RxReplicationState<Record<string, unknown>, unknown>;
  const replications: Replication[] = [];
  const targets: FeedWriterTarget[] = [];
  for (const name of names) {
    const collection = collections[name] as unknown as AnyCollection;
    const policy = conflictHandlerFor(POLICY_OF_COLLECTION[name], conflictContext);
    // RxDB hands the policy its record of the last upload as the base; the push handler knows
    // better where a local edit started (the doc's server mark), and passes that on here.
    const bases = new Map<string, DocState>();
    const conflictHandler: RxConflictHandler<DocState> = {
      isEqual: policy.isEqual,
      resolve(input, context) {
        const base = bases.get(input.realMasterState.id);
        bases.delete(input.realMasterState.id);
        return policy.resolve(base ? { ...input, assumedMasterState: base } : input, context);
      },
    };
    // The policy is a property of the sync (the ticket policy reads events and asks the
    // server), so it is installed here rather than when the collection is created.
    (collection as { conflictHandler: RxConflictHandler<unknown> }).conflictHandler = conflictHandler as RxConflictHandler<unknown>;
    // The store writes under the replication's context, known once the replication started.
    let replicationStarted: (context: Promise<string>) => void = () => undefined;
    const store = localStoreOf(collection, new Promise<string>((resolve) => (replicationStarted = resolve)));
    const push = createPushHandler({
      name,
      client,
      connection,
      quarantine,
      store,
      createOnly: CREATE_ONLY.has(name),
      isEqual: (a, b) => conflictHandler.isEqual(a, b, 'gridlink-push'),
      onConflictBase: (id, base) => {
        if (base) bases.set(id, base);
      },
      onSettled: (ids) => {
        settle(ids);
        touched();
      },
      onRejected: () => undefined,
    });
    const replication = replicateRxCollection<Record<string, unknown>, unknown>({
      replicationIdentifier: `gridlink-couchdb-${options.dbName}`,
      collection: collection as unknown as RxCollection<Record<string, unknown>>,
      // Always live inside: `live: false` is done below, once the feed is read and all pushed.
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      toggleOnDocumentVisible: false,
      push: {
        batchSize: pushBatchSize,
        handler: async (rows) => {
          addPending(rows.map((row) => row.newDocumentState.id as string));
          try {
            return (await push(rows as never)) as never;
          } catch (error) {
            if (error instanceof StoppedError) return [];
            throw error;
          }
        },
      },
    });
    replicationStarted(serverStateContextOf(replication));
    targets.push({ name, collection, store });
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
  const writer = createFeedWriter(targets, quarantine, (id) => pending.has(id));

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

  // Initial-sync progress: changes stored in this run out of those the server reported.
  let done = 0;
  let total = 0;
  const progress = (page: FeedPage) => {
    done += page.rows.length;
    if (page.pending !== undefined) total = Math.max(total, done + page.pending);
    patch({ initial: { done, total: Math.max(total, done), complete: false } });
  };
  // Total for the progress bar when the server gives no `pending` count (pouchdb-server).
  void connection
    .run(() => client.json<{ doc_count?: number; doc_del_count?: number }>('/'))
    .then((info) => {
      if (total === 0) total = (info.doc_count ?? 0) + (info.doc_del_count ?? 0);
    })
    .catch(() => undefined);

  let stopped = false;
  let signalStop: () => void = () => undefined;
  const stopping = new Promise<never>((_, reject) => (signalStop = () => reject(new StoppedError('sync stopped'))));
  stopping.catch(() => undefined);
  let wakeRetry: () => void = () => undefined;

  /** The store of the latest page (for `awaitInSync`). */
  let storing: Promise<void> = Promise.resolve();

  /**
   * Reads the feed from the saved position to its end, then (live) follows it. While one page is
   * stored the next is read and stored too (two in flight): IndexedDB commits one page while the
   * engine prepares the next, instead of waiting in turn. A doc in both pages is settled by the
   * storage's revision check (feedWriter.ts). Positions are recorded in feed order, each once its
   * page and all before it are stored; after a failure the engine starts again from there.
   */
  let caughtUp: () => void = () => undefined;
  const reachedEnd = new Promise<void>((resolve) => (caughtUp = resolve));
  const follow = async () => {
    // Local writes from before this start are found by each collection's first upload pass;
    // until it has run, a doc without a server mark cannot be told from one waiting for upload.
    // The first page is read meanwhile.
    feed.prefetch(positions.get() ?? FEED_START);
    await Promise.race([stopping, Promise.all(replications.map((r) => r.awaitInitialReplication()))]).catch(() => undefined);
    let following = false;
    for (let failures = 0; !stopped; ) {
      let position: Seq = positions.get() ?? FEED_START;
      let previous: Promise<void> = Promise.resolve();
      try {
        for (;;) {
          const page = following ? await feed.live(position) : await feed.page(position);
          const counted = !following;
          const stored = Promise.all([previous, page.rows.length > 0 ? writer.write(page.rows) : undefined]).then(() => {
            // Not awaited: a lost position write only costs reading the page again.
            positions.set(page.lastSeq);
            if (counted) progress(page);
            touched();
          });
          stored.catch(() => undefined);
          storing = stored;
          // At most two pages in flight: wait for the one before this.
          await previous;
          previous = stored;
          position = page.lastSeq;
          if (following || page.atEnd) await stored;
          failures = 0;
          if (!following && page.atEnd) {
            caughtUp();
            if (!live) return;
            following = true;
          }
        }
      } catch (error) {
        await previous.catch(() => undefined);
        if (error instanceof StoppedError || stopped) return;
        // Not the network (the connection waits that out): storing failed. Report, wait, retry.
        patch({ lastError: `feed: ${String(error)}` });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoffDelay(failures++, retry));
          wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  };
  const following = follow();

  // Stopping before the initial sync ends rejects the wait instead of leaving it pending forever.
  // "Initial sync done": the feed stored to its end, then nothing left to upload. With no local
  // write pending, RxDB's upload side may still be noting the stored pages (a checkpoint write
  // per page and collection, ~0.2 s for 20,000 docs) but has nothing to send: not waited for.
  const nothingToUpload = async () => {
    if (pending.size > 0) await Promise.all(replications.map((r) => r.awaitInSync()));
  };
  const initialSync = Promise.race([stopping, reachedEnd.then(nothingToUpload)]).then(() => {
    patch({ initial: { done, total: done, complete: true } });
  });
  // Callers may never wait for it; a stop before the end must not become an unhandled rejection.
  initialSync.catch(() => undefined);
  if (!live) {
    // One-shot: stop uploading once the initial sync is done (status stays readable).
    void initialSync.then(() => Promise.all(replications.map((r) => r.cancel()))).catch(() => undefined);
  }

  return {
    status$: status.asObservable(),
    get status() {
      return status.getValue();
    },
    awaitInitialSync: () => initialSync,
    async awaitInSync() {
      await initialSync;
      await storing;
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    resync() {
      connection.retryNow();
      wakeRetry();
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
      wakeRetry();
      connection.stop();
      feed.stop();
      await Promise.all(replications.map((r) => r.cancel()));
      await following;
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
  return deepEqual(stateOf(event.previousDocumentData as StoredDoc), stateOf(event.documentData as StoredDoc));
}

/**
 * CouchDB 3: wrong credentials → 401, a valid user who is not a member → 403. pouchdb-server
 * answers a non-member with 401 too, but says so in the reason ("…access this db").
 */
function authKind(status: 401 | 403, reason: string): 'wrongPassword' | 'notMember' {
  return status === 403 || /access this (db|database)|not a member|not allowed/i.test(reason) ? 'notMember' : 'wrongPassword';
}

export { COLLECTION_OF_TYPE };
