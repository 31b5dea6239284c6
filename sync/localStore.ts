/**
 * Direct access to a collection's stored docs for the engine's writes of server state.
 *
 * The engine writes what it pulls (and the marks of what it pushed) itself, under RxDB's
 * downstream write context of the collection's replication: RxDB's upstream then knows these
 * writes are the server's state, not local edits to push back. It writes below RxDB's
 * collection wrapper because that wrapper resets `_meta` on inserts, and `_meta` holds the
 * server mark (serverMark.ts); revisions and `lwt` are set here exactly as the wrapper would.
 * Collections, queries and change events see these writes like any other: they come out of
 * the same storage instance.
 */
import type { RxCollection, RxStorageBulkWriteResponse, RxStorageInstance, BulkWriteRow } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

import type { StoredDoc } from './serverMark';

export type { StoredDoc };
type Instance = RxStorageInstance<Record<string, unknown> & { id: string }, unknown, unknown>;

export interface LocalStore {
  readonly databaseToken: string;
  get(ids: string[]): Promise<Map<string, StoredDoc>>;
  /** Writes server state; a row whose `previous` is no longer current comes back in `conflicts`. */
  write(rows: BulkWriteRow<Record<string, unknown> & { id: string }>[]): Promise<{ conflicts: Map<string, StoredDoc> }>;
}

/** RxDB's write context for master state of this replication: its upstream does not push those writes back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a replication of any of our doc types
export async function serverStateContextOf(replication: RxReplicationState<any, any>): Promise<string> {
  await replication.startPromise;
  const state = replication.internalReplicationState;
  if (!state) throw new Error(`replication ${replication.replicationIdentifier} did not start`);
  return state.downstreamBulkWriteFlag;
}

/** `context`: the collection replication's write context for server state (serverStateContextOf). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a collection of any of our doc types
export function localStoreOf(collection: RxCollection<any>, context: Promise<string>): LocalStore {
  const wrapped = collection.storageInstance as unknown as Instance & { originalStorageInstance?: Instance };
  const instance = wrapped.originalStorageInstance ?? wrapped;
  return {
    databaseToken: collection.database.token,
    async get(ids) {
      const found = (await instance.findDocumentsById(ids, true)) as StoredDoc[];
      return new Map(found.map((doc) => [doc.id, doc]));
    },
    async write(rows) {
      const conflicts = new Map<string, StoredDoc>();
      if (rows.length === 0) return { conflicts };
      const writeContext = await context;
      const result = (await collection.database.lockedRun(() => instance.bulkWrite(rows, writeContext))) as RxStorageBulkWriteResponse<Record<string, unknown> & { id: string }>;
      for (const error of result.error) {
        if (error.status === 409 && error.documentInDb) conflicts.set(error.documentId, error.documentInDb as StoredDoc);
        else throw new Error(`storing ${error.documentId} in ${collection.name} failed: ${error.status} ${JSON.stringify(error)}`);
      }
      return { conflicts };
    },
  };
}
