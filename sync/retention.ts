/**
 * Retention of the local quarantine: records of refused uploads, invalid pulls and conflicts
 * keep a whole copy of their document (ID numbers and phones of parties included), so once
 * settled (resent, discarded or resolved: `resolvedAt`) they are cleared after a stated number
 * of days, never kept forever and never removed unsettled. The quarantine is local bookkeeping
 * that never replicates, so a removal touches this workstation alone.
 */
import type { RxCollection } from 'rxdb';
import type { QuarantineDoc, QuarantineKind } from '../core/schema';

export interface ClearedRecord {
  id: string;
  kind: QuarantineKind;
  docId: string;
  resolvedAt: string;
}

export interface RetentionRun {
  /** When the run happened. */
  at: string;
  /** The rule it applied: settled more than this many days ago. */
  days: number;
  /** Records settled before this instant were removed. */
  cutoff: string;
  removed: ClearedRecord[];
}

/** Removes quarantine records settled more than `days` days before `now`; what it removed. */
export async function clearSettled(quarantine: RxCollection<QuarantineDoc>, days: number, now: Date = new Date()): Promise<RetentionRun> {
  if (!Number.isInteger(days) || days < 1) throw new Error(`retention must be a whole number of days, at least 1: ${days}`);
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const settled = await quarantine.find({ selector: { resolvedAt: { $exists: true, $lt: cutoff } } }).exec();
  const removed = settled.map((doc) => ({ id: doc.id, kind: doc.kind, docId: doc.docId, resolvedAt: doc.resolvedAt! }));
  if (settled.length > 0) await quarantine.bulkRemove(settled.map((doc) => doc.id));
  return { at: now.toISOString(), days, cutoff, removed };
}
