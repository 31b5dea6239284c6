/**
 * Feed positions the engine keeps beside RxDB's own checkpoints.
 *
 * RxDB stores a pull checkpoint only when a handler returns documents. A collection whose type
 * has no changes in a stretch of the shared feed would therefore restart from its old
 * checkpoint and re-read that stretch after every restart. So when a handler reads a stretch and
 * finds nothing for its collection, it records "from checkpoint C, nothing until position S"
 * here; next time it is asked to start at C it starts at S. If RxDB's checkpoint has moved on
 * since, the record no longer applies (its `from` differs) — no sequence comparison needed.
 *
 * Kept in a storage instance of its own (not a collection: RxDB's open core allows 13).
 */
import { createRevision, fillWithDefaultSettings, now, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import type { GridlinkDatabase } from '../database';
import type { Seq } from './changesFeed';

export interface EmptyStretch {
  /** RxDB's checkpoint seq when the stretch was read (null: no checkpoint yet). */
  from: Seq | null;
  /** Where the stretch ended. */
  to: Seq;
}

interface PositionDoc {
  id: string;
  from: string;
  to: string;
}

export const positionSchema = fillWithDefaultSettings<PositionDoc>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 200 }, from: { type: 'string' }, to: { type: 'string' } },
  required: ['id', 'from', 'to'],
} as RxJsonSchema<PositionDoc>);

/** `from: null` is stored as this marker (the schema keeps strings). */
const NO_CHECKPOINT = '';

type AnyDatabase = Pick<GridlinkDatabase, 'name' | 'token' | 'storage' | 'multiInstance' | 'password'>;

export class PositionStore {
  private readonly cache = new Map<string, EmptyStretch>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly instance: RxStorageInstance<PositionDoc, unknown, unknown>) {}

  static async open(db: AnyDatabase, replicationId: string, keys: readonly string[]): Promise<PositionStore> {
    const instance = (await db.storage.createStorageInstance<PositionDoc>({
      databaseName: db.name,
      collectionName: `gridlink-sync-positions-${replicationId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`.slice(0, 60),
      databaseInstanceToken: db.token,
      multiInstance: db.multiInstance,
      options: {},
      schema: positionSchema,
      password: db.password,
      devMode: false,
    })) as RxStorageInstance<PositionDoc, unknown, unknown>;
    const store = new PositionStore(instance);
    const found = await instance.findDocumentsById([...keys], false);
    for (const doc of found) store.cache.set(doc.id, { from: doc.from === NO_CHECKPOINT ? null : doc.from, to: doc.to });
    return store;
  }

  get(key: string): EmptyStretch | undefined {
    return this.cache.get(key);
  }

  set(key: string, stretch: EmptyStretch): Promise<void> {
    this.cache.set(key, stretch);
    const write = this.queue.then(async () => {
      const [previous] = await this.instance.findDocumentsById([key], true);
      const document = {
        id: key,
        from: stretch.from ?? NO_CHECKPOINT,
        to: stretch.to,
        _deleted: false,
        _attachments: {},
        _meta: { lwt: now() },
        _rev: '',
      };
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
