/**
 * Settling a conflict record of a case. When the same field of a case was changed on two
 * workstations, the sync merge kept the later value and put the other one in a `conflict`
 * record (sync/conflicts). Staff see both and choose: keep the current value, or take the
 * losing value back. Either way the record is marked settled and an audit event says who chose.
 */
import { t } from '../i18n';
import type { EventDoc, MediationCaseDoc, QuarantineDoc } from '../schema';
import { caseEvent, type Actor } from './caseEvents';
import { CaseError } from './caseError';

/** Fields a conflict record may name on a case: its top-level data fields. */
const SETTLEABLE = new Set<string>([
  'number', 'parties', 'disputeType', 'source', 'peopleInvolved', 'amountInvolved', 'summary', 'mediatorStaffIds', 'ticketId',
  'state', 'acceptedAt', 'deadline', 'extensions', 'sessions', 'jointDepartments', 'outcome', 'agreement', 'followUps',
  'courtConfirmation', 'preventedCriminal', 'preventedMassPetition', 'documents', 'escalation', 'archivedAt',
]);

/** Unsettled conflict records of one case, oldest first. */
export function openConflictsOf(records: Iterable<QuarantineDoc>, caseId: string): QuarantineDoc[] {
  return [...records].filter((r) => r.kind === 'conflict' && r.docId === caseId && !r.resolvedAt).sort((a, b) => a.at.localeCompare(b.at));
}

export type SettleChoice = 'keepCurrent' | 'takeLosing';

export interface Settlement {
  /** The case to write, or null when the current value stays. */
  doc: MediationCaseDoc | null;
  event: EventDoc;
  record: QuarantineDoc;
}

export function settleConflict(doc: MediationCaseDoc, record: QuarantineDoc, choice: SettleChoice, actor: Actor): Settlement {
  const field = record.field ?? '';
  if (record.kind !== 'conflict' || record.docId !== doc.id || !SETTLEABLE.has(field)) throw new CaseError('settleMismatch', { field });
  const stamp = new Date().toISOString();
  let next: MediationCaseDoc | null = null;
  if (choice === 'takeLosing') {
    const restored = { ...doc, updatedAt: stamp, updatedBy: actor.name } as Record<string, unknown>;
    if (record.losingValue === null || record.losingValue === undefined) delete restored[field];
    else restored[field] = JSON.parse(JSON.stringify(record.losingValue)) as unknown;
    next = restored as MediationCaseDoc;
  }
  const label = t(`mediation:field.${field}`, { defaultValue: field });
  const event = caseEvent(next ?? doc, 'settleConflict', actor, stamp, t(`mediation:conflicts.settled.${choice}`, { field: label }), { field, choice, recordId: record.id });
  return { doc: next, event, record: { ...record, resolvedAt: stamp } };
}
