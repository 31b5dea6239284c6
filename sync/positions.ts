/**
 * How far into the server's `_changes` feed this station has stored everything: one position
 * per database, saved after each page is stored. A restarted sync (after a crash or a power
 * cut) reads on from there; a page stored but not yet recorded is read again, and storing it
 * again changes nothing (the docs already carry its revisions).
 *
 * Kept in a storage instance of its own (not a collection: RxDB's open core allows 13).
 *
 * While rows are held (heldRows.ts: a row left to the push of a local edit, to be read again
 * once the edit is settled), the saved position stays where it was before them: a desk stopped
 * before it read them again reads them from the feed at its next start.
 */
import { createRevision, fillWithDefaultSettings, now, type RxDocumentData, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import type { GridlinkDatabase } from './database';
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
  /** The position record as last written (the `previous` of the next write). */
  private stored: RxDocumentData<PositionDoc> | undefined;
  /** The position waiting to be written, if a write is running: only the newest matters. */
  private next: Seq | null = null;
  private writing: Promise<void> | null = null;
  /** Rows are held (see above): positions are recorded but not saved. */
  private holding = false;

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
    const [found] = await instance.findDocumentsById([KEY], true);
    store.stored = found;
    store.seq = found && !found._deleted ? found.seq : undefined;
    return store;
  }

  /** Where to read on from; undefined: from the start of the feed. */
  get(): Seq | undefined {
    return this.seq;
  }

  /**
   * Records a position. Writes never queue up behind each other (a position written late only
   * costs re-reading pages): while one runs, the newest position waits and is written next.
   */
  set(seq: Seq): void {
    this.seq = seq;
    if (!this.holding) this.save(seq);
  }

  /** The feed passed over rows to read again: the saved position does not move past them. */
  hold(): void {
    this.holding = true;
  }

  /** No row is held any more: the position reached is saved. */
  release(): void {
    if (!this.holding) return;
    this.holding = false;
    if (this.seq !== undefined) this.save(this.seq);
  }

  private save(seq: Seq): void {
    this.next = seq;
    this.writing ??= this.flush().finally(() => (this.writing = null));
  }

  private async flush(): Promise<void> {
    while (this.next !== null) {
      const seq = this.next;
      this.next = null;
      if (this.stored?.seq === seq) continue;
      const document = { id: KEY, seq, _deleted: false, _attachments: {}, _meta: { lwt: now() }, _rev: createRevision('gridlinkpositions', this.stored) };
      try {
        const result = await this.instance.bulkWrite([{ previous: this.stored, document }], 'gridlink-sync-positions');
        if (result.error.length === 0) this.stored = document;
        else [this.stored] = await this.instance.findDocumentsById([KEY], true);
      } catch {
        // The next position is written over whatever is stored then.
        [this.stored] = await this.instance.findDocumentsById([KEY], true).catch(() => [undefined]);
      }
    }
  }

  async close(): Promise<void> {
    await this.writing;
    await this.instance.close();
  }
}
