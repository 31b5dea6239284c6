/**
 * Writes to the local quarantine (refused uploads, invalid pulls, the engine's own conflict
 * records), checked: a record that cannot be stored is an error the caller hears of, never a
 * silent loss. A doc the storage could not hold (beyond the limits, core/limits.ts) is kept as its
 * size and first characters.
 */
import type { RxCollection } from 'rxdb';
import { beyondLimits, DOC_LIMITS } from '../core/limits';
import type { QuarantineDoc } from '../core/schema';

/** What of a doc fits in a quarantine record: the doc, or a summary when it is beyond the limits. */
export function keepable(doc: unknown): Record<string, unknown> {
  if (beyondLimits(doc, DOC_LIMITS) === null) return JSON.parse(JSON.stringify(doc ?? {})) as Record<string, unknown>;
  let text: string;
  try {
    text = JSON.stringify(doc);
  } catch {
    text = '';
  }
  return { _truncated: true, length: text.length, start: text.slice(0, 2000) };
}

export async function storeQuarantine(quarantine: RxCollection<QuarantineDoc> | undefined, records: QuarantineDoc[]): Promise<void> {
  if (!quarantine || records.length === 0) return;
  const result = await quarantine.bulkUpsert(records.map((record) => ({ ...record, ...(record.doc ? { doc: keepable(record.doc) } : {}) })));
  if (result.error.length > 0) {
    const first = result.error[0];
    throw new Error(`quarantine: ${result.error.length} record(s) not stored, first ${first.documentId}: ${first.status} ${JSON.stringify((first as { validationErrors?: unknown }).validationErrors ?? '')}`);
  }
}
