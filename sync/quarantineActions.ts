/**
 * What staff can do with a write the server refused (a `rejectedPush` quarantine record), so
 * that nothing is ever dropped silently:
 *
 * - resend: write the refused state again as a fresh local write (new `updatedAt`), so the
 *   replication pushes it once more. Used after the cause was fixed (the clerk corrected the
 *   record, or the district changed a permission). A second refusal makes a new record.
 * - discard: give up on the local change. The record stays, marked resolved, as the trace of
 *   what was written and why it was refused.
 *
 * Either way the record is marked resolved and leaves the open list; it is never deleted.
 * A `invalidPull` record (a server doc the local schema refused) can only be marked seen.
 */
import type { RxCollection, RxDocument } from 'rxdb';
import type { PartialGridlinkDatabase } from './database';
import { COLLECTION_OF_TYPE, typeOfId, type CollectionName, type QuarantineDoc } from '../core/schema';

export class QuarantineActionError extends Error {
  override readonly name = 'QuarantineActionError';
}

type AnyDoc = Record<string, unknown> & { id: string; updatedAt?: string };

/** App fields only: RxDB's and CouchDB's bookkeeping (`_rev`, `_meta`, `_deleted` …) stays behind. */
function appFields(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')));
}

async function openRecord(quarantine: RxCollection<QuarantineDoc>, recordId: string): Promise<RxDocument<QuarantineDoc>> {
  const record = await quarantine.findOne(recordId).exec();
  if (!record) throw new QuarantineActionError(`quarantine record ${recordId} does not exist`);
  if (record.resolvedAt) throw new QuarantineActionError(`quarantine record ${recordId} was already settled at ${record.resolvedAt}`);
  return record;
}

/**
 * Pushes the refused doc again. If the clerk edited the doc after it was refused, the newer
 * local state is what goes (re-writing the refused one would undo that edit).
 */
export async function resendRejected<K extends CollectionName>(db: PartialGridlinkDatabase<K>, recordId: string, now: Date = new Date()): Promise<void> {
  const collections = db.collections as Partial<Record<CollectionName, RxCollection>>;
  const quarantine = collections.quarantine as RxCollection<QuarantineDoc> | undefined;
  if (!quarantine) throw new QuarantineActionError('this database has no quarantine collection');
  const record = await openRecord(quarantine, recordId);
  if (record.kind !== 'rejectedPush') throw new QuarantineActionError(`only a refused upload can be sent again, not ${record.kind}`);
  const type = typeOfId(record.docId);
  const collection = type ? (collections[COLLECTION_OF_TYPE[type]] as RxCollection<AnyDoc> | undefined) : undefined;
  if (!collection) throw new QuarantineActionError(`no local collection holds ${record.docId}`);

  const refused = appFields((record.doc ?? {}) as Record<string, unknown>) as AnyDoc;
  const stamp = now.toISOString();
  const local = await collection.findOne(record.docId).exec();
  if (local) {
    const newerLocally = (local.updatedAt ?? '') > (refused.updatedAt ?? '');
    // incrementalPatch keeps what the refused copy does not carry (a photo's image attachment).
    await local.incrementalPatch(newerLocally ? { updatedAt: stamp } : { ...refused, updatedAt: stamp });
  } else {
    await collection.insert({ ...refused, id: record.docId, updatedAt: stamp });
  }
  await record.incrementalPatch({ resolvedAt: stamp });
}

/** Gives up on the refused local change; the record is kept, marked resolved. */
export async function discardRejected(quarantine: RxCollection<QuarantineDoc>, recordId: string, now: Date = new Date()): Promise<void> {
  const record = await openRecord(quarantine, recordId);
  if (record.kind === 'conflict') throw new QuarantineActionError('conflict records are settled where their document is shown');
  await record.incrementalPatch({ resolvedAt: now.toISOString() });
}
