/**
 * Settling a conflict record of a case. When the same field of a case was changed on two
 * workstations, the sync merge kept the later value and put the other one in a conflict record
 * (core/conflicts/conflictRecords.ts). Staff see both and choose: keep the current value, or take
 * the losing value back, or — for the lists a case only ever appends to (sessions, follow-ups,
 * extensions, documents, departments, mediators) — keep both sides' entries. Either way a case
 * event says who chose, and naming the record it settles it.
 */
import type { ConflictRecord } from '../conflicts/conflictRecords';
import { t } from '../i18n';
import type { EventDoc, MediationCaseDoc } from '../schema';
import { caseEvent, type Actor } from './caseEvents';
import { CaseError } from './caseError';
import { deadlineOf, type Extension } from './clock';

/** Fields a conflict record may name on a case: its top-level data fields. */
const SETTLEABLE = new Set<string>([
  'number', 'parties', 'disputeType', 'source', 'peopleInvolved', 'amountInvolved', 'summary', 'mediatorStaffIds', 'ticketId',
  'state', 'acceptedAt', 'deadline', 'extensions', 'sessions', 'jointDepartments', 'outcome', 'agreement', 'followUps',
  'courtConfirmation', 'preventedCriminal', 'preventedMassPetition', 'documents', 'escalation', 'archivedAt',
]);

/**
 * Lists whose entries are added, never edited: two workstations each adding one is not a real
 * disagreement, so both entries can be kept.
 */
const APPEND_ONLY = new Set<string>(['sessions', 'followUps', 'extensions', 'documents', 'jointDepartments', 'mediatorStaffIds']);

/** Whether `combine` can settle this record (both values are lists of an append-only field). */
export function canCombine(doc: MediationCaseDoc, record: ConflictRecord): boolean {
  const field = record.field;
  return APPEND_ONLY.has(field) && Array.isArray(record.losingValue) && Array.isArray((doc as Record<string, unknown>)[field] ?? []);
}

/** Both lists' entries, each once, in time order where entries carry a time. */
function union(current: unknown[], losing: unknown[]): unknown[] {
  const seen = new Set<string>();
  const all: unknown[] = [];
  for (const item of [...current, ...losing]) {
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(item);
  }
  const at = (item: unknown) => (item && typeof item === 'object' && typeof (item as { at?: unknown }).at === 'string' ? (item as { at: string }).at : '');
  return all.every((item) => at(item) !== '') ? all.sort((a, b) => at(a).localeCompare(at(b))) : all;
}

export type SettleChoice = 'keepCurrent' | 'takeLosing' | 'combine';

export interface Settlement {
  /** The case to write, or null when the current value stays. */
  doc: MediationCaseDoc | null;
  /** The case's step that settles the record (it names the record). */
  event: EventDoc;
}

export function settleConflict(doc: MediationCaseDoc, record: ConflictRecord, choice: SettleChoice, actor: Actor): Settlement {
  const field = record.field;
  if (record.docId !== doc.id || !SETTLEABLE.has(field)) throw new CaseError('settleMismatch', { field });
  const stamp = new Date().toISOString();
  let next: MediationCaseDoc | null = null;
  if (choice === 'combine') {
    if (!canCombine(doc, record)) throw new CaseError('settleMismatch', { field });
    const current = ((doc as Record<string, unknown>)[field] ?? []) as unknown[];
    const combined = union(current, JSON.parse(JSON.stringify(record.losingValue)) as unknown[]);
    next = { ...doc, [field]: combined, updatedAt: stamp, updatedBy: actor.name } as MediationCaseDoc;
    // The deadline follows the extensions it is computed from.
    if (field === 'extensions') next.deadline = deadlineOf(doc.acceptedAt, combined as Extension[]);
  } else if (choice === 'takeLosing') {
    const restored = { ...doc, updatedAt: stamp, updatedBy: actor.name } as Record<string, unknown>;
    if (record.losingValue === null || record.losingValue === undefined) delete restored[field];
    else restored[field] = JSON.parse(JSON.stringify(record.losingValue)) as unknown;
    next = restored as MediationCaseDoc;
    if (field === 'extensions') next.deadline = deadlineOf(doc.acceptedAt, (next.extensions ?? []) as Extension[]);
  }
  const label = t(`mediation:field.${field}`, { defaultValue: field });
  const event = caseEvent(next ?? doc, 'settleConflict', actor, stamp, t(`mediation:conflicts.settled.${choice}`, { field: label }), { field, choice, recordId: record.id });
  return { doc: next, event };
}
