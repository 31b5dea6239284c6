/**
 * The upload side of one collection: RxDB's replication protocol (`replicateRxCollection`: fork
 * state, push queue, conflict handler) with the engine's push handler (push.ts) and the
 * collection's conflict policy. Pulls do not go through it: the feed writer stores them under
 * this replication's downstream write context, which RxDB's upstream never pushes back.
 */
import { deepEqual, type RxCollection } from 'rxdb';
import type { DocState } from '../core/couchDoc';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { serverWins, type ConflictPolicy, type ServerDocs } from '../core/conflicts/policies';
import type { QuarantineDoc, SyncedCollectionName } from '../core/schema';
import type { ConflictRecorder } from './conflictRecords';
import { StoppedError, type Connection } from './connection';
import type { CouchClient } from './couchClient';
import { CREATE_ONLY, type FeedWriterTarget } from './feedWriter';
import { localStoreOf, serverStateContextOf } from './localStore';
import type { PendingUploads } from './pendingUploads';
import { createPushHandler } from './push';
import { isServerStateWrite, stateOf, type StoredDoc } from './serverMark';
import type { StatusPublisher } from './status';

export type Replication = RxReplicationState<Record<string, unknown>, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a collection of any of our doc types
type AnyCollection = RxCollection<any>;

export interface CollectionReplicationOptions {
  name: SyncedCollectionName;
  collection: AnyCollection;
  /** The station's database on the server: names the replication. */
  dbName: string;
  /** How a local edit meets a different server state (default: the server wins, recorded). */
  policy: ConflictPolicy | undefined;
  recordConflicts: ConflictRecorder;
  server: ServerDocs;
  client: CouchClient;
  connection: Connection;
  quarantine: RxCollection<QuarantineDoc> | undefined;
  pending: PendingUploads;
  status: StatusPublisher;
  pushBatchSize: number;
}

export interface CollectionReplication {
  replication: Replication;
  target: FeedWriterTarget;
  stop(): Promise<void>;
}

export function replicateCollection(options: CollectionReplicationOptions): CollectionReplication {
  const { name, collection, pending, status, quarantine } = options;
  // The store writes under the replication's context, known once the replication started.
  let replicationStarted: (context: Promise<string>) => void = () => undefined;
  const store = localStoreOf(collection, new Promise<string>((resolve) => (replicationStarted = resolve)));
  const push = createPushHandler({
    name,
    client: options.client,
    connection: options.connection,
    quarantine,
    store,
    createOnly: CREATE_ONLY.has(name),
    policy: options.policy ?? serverWins,
    server: options.server,
    recordLosers: options.recordConflicts,
    isEqual: (a, b) => deepEqual(withoutAttachments(a), withoutAttachments(b)),
    onSettled: (ids) => {
      pending.settle(ids);
      status.touched();
    },
  });
  const replication = replicateRxCollection<Record<string, unknown>, unknown>({
    replicationIdentifier: `gridlink-couchdb-${options.dbName}`,
    collection,
    // Always live inside: a one-shot sync cancels the replications once all is pushed.
    live: true,
    retryTime: 1000,
    waitForLeadership: false,
    autoStart: true,
    toggleOnDocumentVisible: false,
    push: {
      batchSize: options.pushBatchSize,
      handler: async (rows) => {
        pending.add(rows.map((row) => row.newDocumentState.id as string));
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
  const subscriptions = [
    replication.sent$.subscribe((doc) => pending.settle([doc.id as string])),
    replication.error$.subscribe((error) => {
      const text = String((error as { parameters?: { errors?: { message?: string }[] } }).parameters?.errors?.[0]?.message ?? error.message);
      if (!text.includes('StoppedError') && !text.includes('sync stopped')) status.patch({ lastError: `${name}: ${text}` });
    }),
    collection.eventBulks$.subscribe((bulk: { context: string; events: { documentId: string; operation: string; documentData?: unknown; previousDocumentData?: unknown }[] }) => {
      if (isServerStateWrite(bulk.context)) return;
      pending.add(bulk.events.filter((event) => !onlyAttachmentsChanged(event)).map((event) => event.documentId));
    }),
  ];
  return {
    replication,
    target: { name, collection, store },
    async stop() {
      await replication.cancel();
      for (const subscription of subscriptions) subscription.unsubscribe();
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

/** A doc's state without its attachments (their bytes are not compared: a fetched photo is the same photo). */
function withoutAttachments(doc: DocState): DocState {
  const { _attachments: _a, ...rest } = doc as DocState & { _attachments?: unknown };
  return { ...rest, _deleted: rest._deleted === true } as DocState;
}
