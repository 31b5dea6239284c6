/**
 * The engine's own conflict records, for a sync started without a recorder of the caller's: the
 * losing value of a merge kept in the local quarantine collection. A station hands in its own
 * recorder (core/conflicts/conflictRecords.ts), whose records sync up so the district sees them
 * and no desk takes a losing value with it when it dies. Record ids are derived from the doc,
 * field and value, so a conflict resolved twice (a retried push) is recorded once.
 */
import { defaultHashSha256, type RxCollection } from 'rxdb';
import type { LosingValue } from '../core/conflicts/fieldMerge';
import type { DocState } from '../core/couchDoc';
import type { QuarantineDoc } from '../core/schema';
import { t } from '../core/i18n';
import { storeQuarantine } from './quarantine';

export type QuarantineCollection = RxCollection<QuarantineDoc>;

/** Keeps the values a resolution did not keep; `winner` is the resolved doc. */
export type ConflictRecorder = (docId: string, winner: DocState, losers: readonly LosingValue[]) => Promise<void>;

export function quarantineRecorder(quarantine: QuarantineCollection | undefined): ConflictRecorder {
  return (docId, winner, losers) => recordConflicts(quarantine, docId, winner, losers);
}

async function recordConflicts(quarantine: QuarantineCollection | undefined, docId: string, winner: Record<string, unknown>, losers: readonly LosingValue[]): Promise<void> {
  if (!quarantine || losers.length === 0) return;
  const at = new Date().toISOString();
  const docs: QuarantineDoc[] = [];
  for (const loser of losers) {
    const hash = await defaultHashSha256(JSON.stringify([docId, loser.field, loser.losingValue ?? null]));
    docs.push({
      id: `conflict:${docId}:${loser.field}:${hash.slice(0, 16)}`.slice(0, 200),
      kind: 'conflict',
      docId,
      doc: JSON.parse(JSON.stringify(stripInternal(winner))) as Record<string, unknown>,
      reason: t(loser.loser === 'local' ? 'sync:conflict.localLost' : 'sync:conflict.serverLost', {
        field: loser.field,
        by: loser.losingUpdatedBy ?? '',
        at: loser.losingUpdatedAt ?? '',
      }),
      field: loser.field,
      // JSON round trip: the losing value is stored as data, never as a live reference.
      losingValue: (loser.losingValue === undefined ? null : JSON.parse(JSON.stringify(loser.losingValue))) as QuarantineDoc['losingValue'],
      at,
    });
  }
  await storeQuarantine(quarantine, docs);
}

function stripInternal(doc: Record<string, unknown>): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, _deleted: _d, ...rest } = doc;
  return rest;
}
