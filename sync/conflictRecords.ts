/**
 * Conflict records: the losing value of a merge, kept in the local quarantine collection where
 * staff see it and can settle it (take it back, or mark it seen). Record ids are derived from
 * the doc, field and value, so a conflict resolved twice (a retried push) is recorded once.
 */
import { defaultHashSha256, type RxCollection } from 'rxdb';
import type { QuarantineDoc } from '../core/schema';
import { t } from '../core/i18n';
import type { LosingValue } from '../core/conflicts/fieldMerge';

export type QuarantineCollection = RxCollection<QuarantineDoc>;

export async function recordConflicts(
  quarantine: QuarantineCollection | undefined,
  docId: string,
  winner: Record<string, unknown>,
  losers: readonly LosingValue[],
): Promise<void> {
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
  await quarantine.bulkUpsert(docs);
}

function stripInternal(doc: Record<string, unknown>): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, _deleted: _d, ...rest } = doc;
  return rest;
}
