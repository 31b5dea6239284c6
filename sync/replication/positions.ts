/**
 * How far into the server's `_changes` feed this station has stored everything: one position
 * per database, saved after each page is stored. A restarted sync (after a crash or a power
 * cut) reads on from there; a page stored but not yet recorded is read again, and storing it
 * again changes nothing (the docs already carry its revisions).
 *
 * Kept in a storage instance of its own (not a collection: RxDB's open core allows 13).
 */
import { createRevision, fillWithDefaultSettings, now, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import type { GridlinkDatabase } from '../database';
import type { Seq } from './changesFeed';

interface PositionDoc {
  id: string;
  seq: string;
}

export const positionSchema = fillWithDefaultSettings<PositionDoc>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 200 }, seq: { type: 'string' } },
  required: ['id', 'seq'],
} as RxJsonSchema<PositionDoc>);

const KEY = 'feed';

type AnyDatabase = Pick<GridlinkDatabase, 'name' | 'token' | 'storage' | 'multiInstance' | 'password'>;

export class PositionStore {
  private seq: Seq | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly instance: RxStorageInstance<PositionDoc, unknown, unknown>) {}

  static async open(db: AnyDatabase, replicationId: string): Promise<PositionStore> {
    const instance = (await db.storage.createStorageInstance<PositionDoc>({
      databaseName: db.name,
      collectionName: `gridlink-sync-feed-${replicationId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`.slice(0, 60),
      databaseInstanceToken: db.token,
      multiInstance: db.multiInstance,
      options: {},
      schema: positionSchema,
      password: db.password,
      devMode: false,
    })) as RxStorageInstance<PositionDoc, unknown, unknown>;
    const store = new PositionStore(instance);
    const [found] = await instance.findDocumentsById([KEY], false);
    store.seq = found?.seq;
    return store;
  }

  /** Where to read on from; undefined: from the start of the feed. */
  get(): Seq | undefined {
    return this.seq;
  }

  /** Records a position; writes are queued in order, and a lost one only costs a re-read. */
  set(seq: Seq): Promise<void> {
    this.seq = seq;
    const write = this.queue.then(async () => {
      const [previous] = await this.instance.findDocumentsById([KEY], true);
      if (previous?.seq === seq) return;
      const document = { id: KEY, seq, _deleted: false, _attachments: {}, _meta: { lwt: now() }, _rev: '' };
      document._rev = createRevision('gridlinkpositions', previous);
      await this.instance.bulkWrite([{ previous, document }], 'gridlink-sync-positions');
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.instance.close();
  }
}
