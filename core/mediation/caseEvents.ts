/**
 * The audit trail of a case: every step writes one create-only `caseEvent` next to the changed
 * case, so who did what and when survives a field merge that keeps only the latest value.
 */
import { docId, keyOfId, type EventDoc, type MediationCaseDoc } from '../schema';
import type { Actor } from '../actor';

export type CaseAction =
  | 'register'
  | 'session'
  | 'document'
  | 'extend'
  | 'joint'
  | 'escalate'
  | 'agree'
  | 'amendAgreement'
  | 'takeover'
  | 'fail'
  | 'terminate'
  | 'refer'
  | 'followUp'
  | 'courtConfirmation'
  | 'courtDecision'
  | 'flags'
  | 'archive'
  | 'settleConflict';

export type { Actor };

function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function caseEvent(doc: MediationCaseDoc, action: CaseAction, actor: Actor, at: string, note: string, payload: Record<string, unknown> = {}): EventDoc {
  // Time first so a case's events sort by id as well as by `at`; the suffix keeps two steps in
  // the same millisecond (or on two workstations) apart.
  const stamp = at.replace(/[^0-9]/g, '').slice(0, 17);
  return {
    id: docId('caseEvent', `${keyOfId(doc.id)}-${stamp}-${randomSuffix()}`),
    type: 'caseEvent',
    scope: [...doc.scope],
    createdAt: at,
    updatedAt: at,
    updatedBy: actor.name,
    subjectId: doc.id,
    action,
    at,
    by: actor.name,
    byUnit: actor.unit,
    ...(actor.person ? { person: actor.person } : {}),
    note,
    photoIds: [],
    payload,
  };
}
