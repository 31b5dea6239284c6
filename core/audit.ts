/**
 * 等保 audit records: who signed in, out or failed to, locked and unlocked a workstation,
 * exported, printed or revealed what. Each is one create-only `audit` doc in the events
 * collection, scoped at the writing unit: it syncs up to the district database and never down to
 * another unit (core/rules: `audit`). The district lists and purges them (district/audit.ts).
 */
import type { Actor } from './actor';
import { AUDIT_ACTIONS } from './rules/writeRules';
import { scopeOfUnit } from './org';
import { docId, type EventDoc } from './schema';

export type AuditAction = 'signIn' | 'signOut' | 'signInFailed' | 'lock' | 'unlock' | 'export' | 'print' | 'reveal';

export const AUDIT_ACTION_LIST: readonly AuditAction[] = AUDIT_ACTIONS as AuditAction[];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTION_LIST as readonly string[]).includes(value);
}

export interface AuditInput {
  action: AuditAction;
  /** What was exported, printed or revealed: a doc id, a file name, a report name. */
  target?: string;
  /** Anything else a reviewer needs: the screen, a filter, a reason. */
  detail?: string;
  /** The personal account signed in at the workstation (issue 15 part 1), when there is one. */
  person?: string;
}

/** Days a district keeps audit records at least: 等保 2.0 expects six months of logs. */
export const MIN_AUDIT_RETENTION_DAYS = 180;

function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Keeps a free text inside the schema's limit, so one long file name cannot refuse the record. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The audit doc of one action by the actor's unit and account. */
export function auditRecord(input: AuditInput, actor: Actor, now: Date = new Date()): EventDoc {
  const at = now.toISOString();
  const stamp = at.replace(/[^0-9]/g, '').slice(0, 17);
  const target = input.target ? clip(input.target, 400) : undefined;
  return {
    // Unit and time first: a unit's records sort by id as well as by `at`.
    id: docId('audit', `${actor.unit}-${stamp}-${randomSuffix()}`),
    type: 'audit',
    scope: scopeOfUnit(actor.unit),
    createdAt: at,
    updatedAt: at,
    updatedBy: actor.name,
    // The events index is by subject: an audit record's subject is what it touched, or its unit.
    subjectId: clip(target ?? actor.unit, 120),
    action: input.action,
    at,
    by: actor.name,
    byUnit: actor.unit,
    photoIds: [],
    ...(input.person ? { person: clip(input.person, 200) } : {}),
    ...(target ? { target } : {}),
    ...(input.detail ? { detail: clip(input.detail, 2000) } : {}),
  };
}
