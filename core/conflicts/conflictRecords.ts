/**
 * Conflict records: a value a merge did not keep, as an `auditEvent` (action `conflict`) on the
 * merged doc, written by the desk that merged and synced up like every event, so the district
 * sees it and a desk that dies does not take the losing value with it. Staff settle a record
 * where its doc is shown (a case page); the settling step names the record (`payload.recordId`).
 *
 * A record's id is derived from the doc, the field and the losing value, so the same loss
 * recorded twice (a retried upload, two desks merging the same pair) is one record.
 */
import { defaultHashSha256, type RxCollection } from 'rxdb';
import type { Actor } from '../actor';
import type { DocState } from '../couchDoc';
import { t } from '../i18n';
import type { EventDoc } from '../schema';
import type { LosingValue } from './fieldMerge';

export const CONFLICT_ACTION = 'conflict';
/** Steps that settle a record: a case's own step, or a settling of any other doc. */
export const SETTLING_ACTIONS = ['settleConflict', 'conflictSettled'] as const;

/** A record as the screens show it. */
export interface ConflictRecord {
  id: string;
  docId: string;
  field: string;
  /** The value that lost (null: the field was removed). */
  losingValue: unknown;
  loser: 'local' | 'server';
  losingUpdatedBy?: string;
  losingUpdatedAt?: string;
  /** The sentence for staff. */
  reason: string;
  at: string;
  /** The desk's account and unit that merged. */
  by: string;
  byUnit: string;
}

interface ConflictPayload {
  field: string;
  losingValue: unknown;
  loser: 'local' | 'server';
  losingUpdatedBy?: string;
  losingUpdatedAt?: string;
}

/** The conflict records `losers` make, as events of the merged doc. */
export async function conflictEvents(docId: string, winner: DocState, losers: readonly LosingValue[], actor: Actor, now: Date = new Date()): Promise<EventDoc[]> {
  const at = now.toISOString();
  const scope = Array.isArray(winner.scope) ? [...(winner.scope as string[])] : [];
  const events: EventDoc[] = [];
  for (const loser of losers) {
    const hash = await defaultHashSha256(JSON.stringify([docId, loser.field, loser.losingValue ?? null]));
    const payload: ConflictPayload = {
      field: loser.field,
      // JSON round trip: the losing value is stored as data, never as a live reference.
      losingValue: loser.losingValue === undefined ? null : (JSON.parse(JSON.stringify(loser.losingValue)) as unknown),
      loser: loser.loser,
      ...(loser.losingUpdatedBy ? { losingUpdatedBy: loser.losingUpdatedBy } : {}),
      ...(loser.losingUpdatedAt ? { losingUpdatedAt: loser.losingUpdatedAt } : {}),
    };
    events.push({
      id: `auditEvent:conflict-${hash.slice(0, 32)}`,
      type: 'auditEvent',
      scope,
      createdAt: at,
      updatedAt: at,
      updatedBy: actor.name,
      subjectId: docId,
      action: CONFLICT_ACTION,
      at,
      by: actor.name,
      byUnit: actor.unit,
      note: reasonOf(payload),
      photoIds: [],
      payload: payload as unknown as Record<string, unknown>,
    });
  }
  return events;
}

function reasonOf(payload: ConflictPayload): string {
  return t(payload.loser === 'local' ? 'sync:conflict.localLost' : 'sync:conflict.serverLost', {
    field: payload.field,
    by: payload.losingUpdatedBy ?? '',
    at: payload.losingUpdatedAt ?? '',
  });
}

/**
 * The station's recorder (handed to the sync engine): each record is stored once; one that is
 * here already (the same loss recorded before) is left as it is.
 */
export function stationConflictRecorder(events: RxCollection<EventDoc>, actor: Actor) {
  return async (docId: string, winner: DocState, losers: readonly LosingValue[]): Promise<void> => {
    if (losers.length === 0) return;
    const records = await conflictEvents(docId, winner, losers, actor);
    const known = await events.findByIds(records.map((r) => r.id)).exec();
    const fresh = records.filter((r) => !known.has(r.id));
    if (fresh.length === 0) return;
    const result = await events.bulkInsert(fresh);
    const failed = result.error.filter((e) => e.status !== 409);
    if (failed.length > 0) throw new Error(`conflict records not stored: ${failed.map((e) => `${e.documentId} (${e.status})`).join(', ')}`);
  };
}

/** The record an event holds, or null for any other event. */
export function conflictRecordOf(event: EventDoc): ConflictRecord | null {
  if (event.type !== 'auditEvent' || event.action !== CONFLICT_ACTION) return null;
  const payload = event.payload as unknown as ConflictPayload;
  return {
    id: event.id,
    docId: event.subjectId,
    field: payload.field,
    losingValue: payload.losingValue ?? null,
    loser: payload.loser,
    ...(payload.losingUpdatedBy ? { losingUpdatedBy: payload.losingUpdatedBy } : {}),
    ...(payload.losingUpdatedAt ? { losingUpdatedAt: payload.losingUpdatedAt } : {}),
    reason: event.note ?? reasonOf(payload),
    at: event.at,
    by: event.by,
    byUnit: event.byUnit,
  };
}

/** The records among `events` that no settling step among them names, oldest first. */
export function openConflicts(events: Iterable<EventDoc>): ConflictRecord[] {
  const all = [...events];
  const settled = new Set(all.filter((e) => (SETTLING_ACTIONS as readonly string[]).includes(e.action)).map((e) => String((e.payload as { recordId?: unknown } | undefined)?.recordId ?? '')));
  return all
    .map(conflictRecordOf)
    .filter((r): r is ConflictRecord => r !== null && !settled.has(r.id))
    .sort((a, b) => a.at.localeCompare(b.at));
}
