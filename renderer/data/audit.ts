/**
 * The one place the renderer records 等保 audit records (core/audit.ts): exports, prints, and —
 * through the seams below — sign-ins, sign-outs, failed sign-ins, locks, unlocks and reveals.
 * A record is written to the local database like any step, so it is kept offline and syncs up
 * when the station is online; the server's rules refuse a forged one.
 *
 * Recording never stops what the clerk is doing: a record the rules or the database refuse is
 * logged to the console (and so to the diagnostics), not thrown at the screen.
 */
import { useCallback } from 'react';
import type { RxCollection } from 'rxdb';
import type { Actor } from '../../core/actor';
import { auditRecord, type AuditInput } from '../../core/audit';
import { checkWrite, roleOfUnit } from '../../core/rules';
import type { EventDoc } from '../../core/schema';
import { useSession } from './session';
import { onSessionEvent } from './sessionEvents';
import { setPersonalDataAccessListener } from './personalDataAccess';

export type { AuditAction, AuditInput } from '../../core/audit';

/**
 * Who is signed in at the workstation, for `person` on every record. Personal accounts (issue
 * 15 part 1) set it when a person signs in and clear it at sign-out; until then records name
 * the station's account alone (`by`).
 */
export type AuditPersonSource = () => string | undefined;

let personSource: AuditPersonSource = () => undefined;

/** Sets where records read the signed-in person from; returns the call that undoes it. */
export function setAuditPersonSource(source: AuditPersonSource): () => void {
  personSource = source;
  return () => {
    if (personSource === source) personSource = () => undefined;
  };
}

export interface AuditTarget {
  events: RxCollection<EventDoc>;
}

/**
 * Records one action by the actor's unit and account, in the local database. Returns the
 * stored record, or null when it could not be stored (logged).
 */
export async function recordAudit(db: AuditTarget, actor: Actor, input: AuditInput, now: Date = new Date()): Promise<EventDoc | null> {
  const record = auditRecord({ ...(input.person ? {} : { person: personSource() }), ...input }, actor, now);
  const verdict = checkWrite(record, null, { name: actor.name, roles: [roleOfUnit(actor.unit)] });
  if (!verdict.ok) {
    console.error(`audit record refused (${input.action} ${input.target ?? ''}): ${verdict.message}`);
    return null;
  }
  try {
    await db.events.insert(record);
    return record;
  } catch (err) {
    console.error(`audit record not stored (${input.action} ${input.target ?? ''}):`, err);
    return null;
  }
}

/**
 * The person gate's sign-ins, sign-outs, failed sign-ins, locks and unlocks (sessionEvents.ts)
 * as audit records, and the signed-in person on every record written meanwhile. A failed
 * sign-in names nobody as its person (nobody proved who they are): the account typed is its
 * target. Returns the call that stops it.
 */
export function auditSessionEvents(db: AuditTarget, actor: Actor): () => void {
  let signedIn: string | undefined;
  const undoSource = setAuditPersonSource(() => signedIn);
  const unsubscribe = onSessionEvent((event) => {
    if (event.kind === 'signIn' || event.kind === 'unlock') signedIn = event.person;
    const failed = event.kind === 'signInFailed';
    void recordAudit(db, actor, {
      action: event.kind,
      ...(failed ? { target: event.person } : { person: event.person }),
      ...(event.detail ? { detail: event.detail } : {}),
    });
    if (event.kind === 'signOut') signedIn = undefined;
  });
  return () => {
    unsubscribe();
    undoSource();
  };
}

/** Every full value revealed on purpose (显示: personalDataAccess.ts) as an audit record. */
export function auditReveals(db: AuditTarget, actor: Actor): void {
  setPersonalDataAccessListener({ onReveal: (field, docId) => void recordAudit(db, actor, { action: 'reveal', target: docId, detail: field }) });
}

/** `recordAudit` bound to the open station's database and actor. */
export function useAuditRecorder(): (input: AuditInput) => Promise<EventDoc | null> {
  const { db, actor } = useSession();
  return useCallback((input: AuditInput) => recordAudit(db, actor, input), [db, actor]);
}
