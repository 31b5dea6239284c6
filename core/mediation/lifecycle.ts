/**
 * The steps of a case after registration, each a pure function from the case to the changed
 * case plus its audit event:
 *
 *   registered ─session→ mediating ─┬ agreement    → agreed ─ follow-up ─ archive
 *                                   ├ no agreement → failed ─ follow-up ─ archive
 *                                   ├ terminated (with reason) ┘
 *                                   ├ referred (to whom/why)   ┘
 *                                   └ escalated to the town sub-center ─ taken over → mediating (the town holds it)
 *
 * Extensions, joint departments and documents can be recorded while the case is open; the court
 * confirmation (司法确认) of an agreement must be applied for within 30 days of signing. A step
 * that does not fit the case throws a CaseError saying why, and the case is left unchanged.
 */
import dayjs from 'dayjs';
import { t } from '../i18n';
import type { CaseState, EventDoc, MediationCaseDoc, PAYMENT_METHODS } from '../schema';
import { caseEvent, type Actor } from './caseEvents';
import { CaseError } from './caseError';
import { deadlineOf, MAX_EXTENSION_DAYS } from './clock';
import { nextNumber, yearOf } from './numbering';

export interface CaseChange {
  doc: MediationCaseDoc;
  event: EventDoc;
}

export type Session = NonNullable<MediationCaseDoc['sessions']>[number];
export type FollowUp = NonNullable<MediationCaseDoc['followUps']>[number];
export type Agreement = NonNullable<MediationCaseDoc['agreement']>;
export type CaseDocument = NonNullable<MediationCaseDoc['documents']>[number];

/** States in which mediation is still going on. */
const OPEN_STATES: readonly CaseState[] = ['registered', 'mediating'];
/** Days after signing within which the parties may apply for court confirmation. */
export const COURT_CONFIRMATION_DAYS = 30;

export function isOpen(doc: Pick<MediationCaseDoc, 'state'>): boolean {
  return OPEN_STATES.includes(doc.state);
}

/** The unit handling the case now: its owner, or the town that took it over. */
export function holderOf(doc: Pick<MediationCaseDoc, 'ownerCode' | 'holderCode'>): string {
  return doc.holderCode ?? doc.ownerCode;
}

function nowIso(at?: string): string {
  return at ? new Date(at).toISOString() : new Date().toISOString();
}

function notInFuture(at: string): void {
  if (new Date(at).getTime() > Date.now() + 60_000) throw new CaseError('dateInFuture');
}

function requireOpen(doc: MediationCaseDoc): void {
  if (!isOpen(doc)) throw new CaseError('notOpen', { number: doc.number, state: t(`app:mediation.states.${doc.state}`) });
}

function changed(doc: MediationCaseDoc, patch: Partial<MediationCaseDoc>, actor: Actor, stamp: string): MediationCaseDoc {
  return { ...doc, ...patch, updatedAt: stamp, updatedBy: actor.name };
}

function text(value: string | undefined): string {
  return (value ?? '').trim();
}

export interface SessionInput {
  at: string;
  place: string;
  attendees?: string;
  record: string;
  photoIds?: string[];
}

/** A mediation session (调解会); the first one moves a registered case to 调解中. */
export function recordSession(doc: MediationCaseDoc, input: SessionInput, actor: Actor): CaseChange {
  requireOpen(doc);
  const fields: Record<string, string> = {};
  if (!text(input.place)) fields.place = t('mediation:session.placeRequired');
  if (!text(input.record)) fields.record = t('mediation:session.recordRequired');
  if (Number.isNaN(new Date(input.at).getTime())) fields.at = t('mediation:session.atRequired');
  if (Object.keys(fields).length > 0) throw new CaseError('invalidInput', { count: Object.keys(fields).length }, fields);
  const at = nowIso(input.at);
  notInFuture(at);
  const session: Session = { at, place: text(input.place), attendees: text(input.attendees), record: text(input.record), photoIds: input.photoIds ?? [] };
  const sessions = [...(doc.sessions ?? []), session].sort((a, b) => a.at.localeCompare(b.at));
  const stamp = new Date().toISOString();
  const next = changed(doc, { sessions, state: 'mediating' }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'session', actor, stamp, session.record, { at: session.at, place: session.place }) };
}

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface AgreementInput {
  facts: string;
  terms: string;
  performance: string;
  performBy?: string;
  amount?: number;
  signedAt?: string;
  /** Who pays whom and how, as the review step confirmed them. */
  payer?: string;
  payee?: string;
  method?: PaymentMethod;
}

function checkAgreementInput(input: Omit<AgreementInput, 'signedAt'>): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!text(input.facts)) fields.facts = t('mediation:agreement.factsRequired');
  if (!text(input.terms)) fields.terms = t('mediation:agreement.termsRequired');
  if (!text(input.performance)) fields.performance = t('mediation:agreement.performanceRequired');
  if (input.amount !== undefined && (!Number.isFinite(input.amount) || input.amount < 0)) fields.amount = t('mediation:register.amountNegative');
  if (input.performBy !== undefined && Number.isNaN(new Date(input.performBy).getTime())) fields.performBy = t('mediation:review.performByInvalid');
  return fields;
}

/** The agreement's text and terms as stored (numbers and dates normalised, text trimmed). */
function agreementTerms(input: Omit<AgreementInput, 'signedAt'>): Omit<Agreement, 'number' | 'signedAt'> {
  return {
    facts: text(input.facts),
    terms: text(input.terms),
    performance: text(input.performance),
    ...(input.performBy ? { performBy: new Date(input.performBy).toISOString() } : {}),
    ...(input.amount !== undefined ? { amount: input.amount } : {}),
    ...(text(input.payer) ? { payer: text(input.payer) } : {}),
    ...(text(input.payee) ? { payee: text(input.payee) } : {}),
    ...(input.method ? { method: input.method } : {}),
  };
}

/**
 * 达成调解协议: the outcome and the agreement, numbered per station and year. An agreement is
 * reached in a session, so at least one session must be on record first.
 */
export function recordAgreement(doc: MediationCaseDoc, input: AgreementInput, actor: Actor, existingAgreementNumbers: Iterable<string | undefined>): CaseChange {
  requireOpen(doc);
  if ((doc.sessions ?? []).length === 0) throw new CaseError('agreementWithoutSession', { number: doc.number });
  const fields = checkAgreementInput(input);
  if (Object.keys(fields).length > 0) throw new CaseError('invalidInput', { count: Object.keys(fields).length }, fields);
  const signedAt = nowIso(input.signedAt);
  notInFuture(signedAt);
  // Numbered by the unit that signs it: a town that took the case over numbers in its own series.
  const agreement: Agreement = {
    number: nextNumber('agreement', holderOf(doc), yearOf(signedAt), existingAgreementNumbers),
    ...agreementTerms(input),
    signedAt,
  };
  const stamp = new Date().toISOString();
  const next = changed(doc, { agreement, outcome: { kind: 'agreement', at: signedAt }, state: 'agreed' }, actor, stamp);
  const note = t('mediation:event.agree', { number: agreement.number });
  return { doc: next, event: caseEvent(next, 'agree', actor, stamp, note, { agreementNumber: agreement.number, amount: agreement.amount ?? 0 }) };
}

/**
 * 协议变更: a signed agreement corrected (a wrong amount, a later due date …), with the reason.
 * The number and signing date stay; the previous wording goes into the step's event, so the
 * case history shows what changed, and the print shows the amended text with its amendments.
 */
export function amendAgreement(doc: MediationCaseDoc, input: Omit<AgreementInput, 'signedAt'>, reason: string, actor: Actor): CaseChange {
  if (!doc.agreement) throw new CaseError('amendWithoutAgreement', { number: doc.number });
  if (doc.state === 'archived') throw new CaseError('alreadyArchived', { number: doc.number });
  const why = text(reason);
  const fields = checkAgreementInput(input);
  if (!why) fields.reason = t('mediation:amend.reasonRequired');
  if (Object.keys(fields).length > 0) throw new CaseError('invalidInput', { count: Object.keys(fields).length }, fields);
  const previous = doc.agreement;
  const terms = agreementTerms(input);
  const changedFields = (['facts', 'terms', 'performance', 'performBy', 'amount', 'payer', 'payee', 'method'] as const).filter((key) => previous[key] !== terms[key]);
  if (changedFields.length === 0) throw new CaseError('amendUnchanged', { number: previous.number });
  const stamp = new Date().toISOString();
  const agreement: Agreement = {
    number: previous.number,
    signedAt: previous.signedAt,
    ...terms,
    amendments: [...(previous.amendments ?? []), { at: stamp, reason: why, by: actor.name }],
  };
  const next = changed(doc, { agreement }, actor, stamp);
  const before: Record<string, unknown> = {};
  for (const key of changedFields) before[key] = previous[key] ?? null;
  return {
    doc: next,
    event: caseEvent(next, 'amendAgreement', actor, stamp, t('mediation:event.amend', { number: previous.number, reason: why }), { agreementNumber: previous.number, changed: changedFields, before }),
  };
}

/**
 * 接办: the town sub-center a case was escalated to takes it over. The case stays the village's
 * (its file, its scope); the town becomes its holder and goes on mediating it, and from then on
 * only the town writes it (core/rules: the server refuses anything else, and a takeover written
 * by anyone but that town).
 */
export function takeOver(doc: MediationCaseDoc, actor: Actor): CaseChange {
  if (doc.state !== 'escalated' || !doc.escalation) throw new CaseError('takeoverNotEscalated', { number: doc.number });
  if (doc.escalation.toCode !== actor.unit) throw new CaseError('takeoverNotTarget', { number: doc.number });
  if (doc.takeover) throw new CaseError('takeoverDone', { number: doc.number });
  const stamp = new Date().toISOString();
  const state: CaseState = (doc.sessions ?? []).length > 0 ? 'mediating' : 'registered';
  const next = changed(doc, { holderCode: actor.unit, takeover: { at: stamp, byUnit: actor.unit, by: actor.name }, state }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'takeover', actor, stamp, t('mediation:event.takeover', { number: doc.number }), { holderCode: actor.unit }) };
}

export type OtherOutcome = 'noAgreement' | 'terminated' | 'referred';
const STATE_OF_OUTCOME: Record<OtherOutcome, CaseState> = { noAgreement: 'failed', terminated: 'terminated', referred: 'referred' };
const ACTION_OF_OUTCOME = { noAgreement: 'fail', terminated: 'terminate', referred: 'refer' } as const;

/** 调解不成 / 终止调解 / 移交: every one needs its reason (for a referral: to whom and why). */
export function recordOutcome(doc: MediationCaseDoc, kind: OtherOutcome, reason: string, actor: Actor, at?: string): CaseChange {
  requireOpen(doc);
  const why = text(reason);
  if (!why) throw new CaseError('reasonRequired', { outcome: t(`mediation:outcome.${kind}`) }, { reason: t('mediation:outcome.reasonRequired') });
  const when = nowIso(at);
  notInFuture(when);
  const stamp = new Date().toISOString();
  const next = changed(doc, { outcome: { kind, reason: why, at: when }, state: STATE_OF_OUTCOME[kind] }, actor, stamp);
  return { doc: next, event: caseEvent(next, ACTION_OF_OUTCOME[kind], actor, stamp, why) };
}

/** 延期: more days on the one-month clock, each with its reason. */
export function extendDeadline(doc: MediationCaseDoc, days: number, reason: string, actor: Actor): CaseChange {
  requireOpen(doc);
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) throw new CaseError('extensionDays', { max: MAX_EXTENSION_DAYS }, { days: t('mediation:problem.extensionDays', { max: MAX_EXTENSION_DAYS }) });
  const why = text(reason);
  if (!why) throw new CaseError('reasonRequired', { outcome: t('mediation:clock.extension') }, { reason: t('mediation:outcome.reasonRequired') });
  const stamp = new Date().toISOString();
  const extensions = [...(doc.extensions ?? []), { at: stamp, days, reason: why }];
  const next = changed(doc, { extensions, deadline: deadlineOf(doc.acceptedAt, extensions) }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'extend', actor, stamp, why, { days, deadline: next.deadline }) };
}

/** 联合调解: a department joining the mediation (labour inspection, HR, police, court …). */
export function addJointDepartment(doc: MediationCaseDoc, department: string, actor: Actor): CaseChange {
  const name = text(department);
  if (!name) throw new CaseError('invalidInput', { count: 1 }, { department: t('mediation:joint.required') });
  const stamp = new Date().toISOString();
  const list = doc.jointDepartments ?? [];
  const next = changed(doc, { jointDepartments: list.includes(name) ? list : [...list, name] }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'joint', actor, stamp, name) };
}

/** A scan or photo in the case file (the photo itself is a `photo` doc). */
export function attachDocument(doc: MediationCaseDoc, photoId: string, title: string, actor: Actor): CaseChange {
  const name = text(title);
  if (!name) throw new CaseError('invalidInput', { count: 1 }, { title: t('mediation:documents.titleRequired') });
  const stamp = new Date().toISOString();
  const documents = [...(doc.documents ?? []), { photoId, title: name, at: stamp, by: actor.name }];
  const next = changed(doc, { documents }, actor, stamp);
  return { doc: next, event: { ...caseEvent(next, 'document', actor, stamp, name), photoIds: [photoId] } };
}

/**
 * 上报乡镇: a case beyond the village goes to its town sub-center. Only the station's own town
 * can take it; the case stays in the station's file (its data does not move sideways).
 */
export function escalate(doc: MediationCaseDoc, toCode: string, reason: string, actor: Actor): CaseChange {
  requireOpen(doc);
  const town = doc.scope.find((code) => code.length === 9);
  if (!town || toCode !== town || doc.ownerCode === town) throw new CaseError('escalationTarget', { code: toCode });
  const why = text(reason);
  if (!why) throw new CaseError('reasonRequired', { outcome: t('mediation:escalation.title') }, { reason: t('mediation:outcome.reasonRequired') });
  const stamp = new Date().toISOString();
  const next = changed(doc, { escalation: { at: stamp, toCode, reason: why, by: actor.name }, state: 'escalated' }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'escalate', actor, stamp, why, { toCode }) };
}

export interface FollowUpInput {
  at: string;
  /** Asked at the visit, never assumed: null until the clerk picks an answer. */
  performed: boolean | null;
  satisfaction: FollowUp['satisfaction'] | null;
  remainingRisk?: string;
  by?: string;
}

/** 回访: only once the case has an outcome (there is something to follow up). */
export function recordFollowUp(doc: MediationCaseDoc, input: FollowUpInput, actor: Actor): CaseChange {
  if (!doc.outcome) throw new CaseError('followUpWithoutOutcome', { number: doc.number });
  if (doc.state === 'archived') throw new CaseError('alreadyArchived', { number: doc.number });
  const fields: Record<string, string> = {};
  if (input.performed === null) fields.performed = t('mediation:followUp.performedRequired');
  if (input.satisfaction === null) fields.satisfaction = t('mediation:followUp.satisfactionRequired');
  if (input.performed === null || input.satisfaction === null) throw new CaseError('invalidInput', { count: Object.keys(fields).length }, fields);
  const at = nowIso(input.at);
  notInFuture(at);
  const visit: FollowUp = { at, performed: input.performed, satisfaction: input.satisfaction, remainingRisk: text(input.remainingRisk) || t('mediation:followUp.noRisk'), by: text(input.by) || actor.name };
  const stamp = new Date().toISOString();
  const next = changed(doc, { followUps: [...(doc.followUps ?? []), visit].sort((a, b) => a.at.localeCompare(b.at)) }, actor, stamp);
  const note = t(input.performed ? 'mediation:event.followUpPerformed' : 'mediation:event.followUpNotPerformed', { satisfaction: t(`mediation:followUp.satisfaction.${input.satisfaction}`) });
  return { doc: next, event: caseEvent(next, 'followUp', actor, stamp, note, { performed: input.performed, satisfaction: input.satisfaction }) };
}

/** 归档: a concluded case with at least one follow-up visit on record. */
export function archiveCase(doc: MediationCaseDoc, actor: Actor): CaseChange {
  if (doc.state === 'archived') throw new CaseError('alreadyArchived', { number: doc.number });
  if (!doc.outcome) throw new CaseError('archiveWithoutOutcome', { number: doc.number });
  if ((doc.followUps ?? []).length === 0) throw new CaseError('archiveWithoutFollowUp', { number: doc.number });
  const stamp = new Date().toISOString();
  const next = changed(doc, { state: 'archived', archivedAt: stamp }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'archive', actor, stamp, t('mediation:event.archive', { number: doc.number })) };
}

export interface CourtWindow {
  /** Last day to apply (signing + 30 days). */
  until: string;
  daysLeft: number;
  open: boolean;
}

/** The 30-day window for applying for court confirmation of the case's agreement, or null. */
export function courtConfirmationWindow(doc: Pick<MediationCaseDoc, 'agreement'>, now: Date = new Date()): CourtWindow | null {
  if (!doc.agreement) return null;
  const until = dayjs(doc.agreement.signedAt).add(COURT_CONFIRMATION_DAYS, 'day');
  const daysLeft = Math.ceil(until.diff(dayjs(now), 'day', true));
  return { until: until.toISOString(), daysLeft, open: !until.isBefore(dayjs(now)) };
}

/** 申请司法确认: within 30 days of the agreement's signing, never before it. */
export function applyCourtConfirmation(doc: MediationCaseDoc, appliedAtInput: string, court: string, actor: Actor): CaseChange {
  if (!doc.agreement) throw new CaseError('courtWithoutAgreement', { number: doc.number });
  const appliedAt = nowIso(appliedAtInput);
  notInFuture(appliedAt);
  const signed = dayjs(doc.agreement.signedAt);
  if (dayjs(appliedAt).isBefore(signed)) throw new CaseError('courtBeforeAgreement');
  const window = courtConfirmationWindow(doc, new Date(appliedAt));
  if (!window?.open) throw new CaseError('courtTooLate', { days: COURT_CONFIRMATION_DAYS, until: dayjs(window?.until).format('YYYY-MM-DD') });
  const stamp = new Date().toISOString();
  const next = changed(doc, { courtConfirmation: { appliedAt, court: text(court), result: 'pending' } }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'courtConfirmation', actor, stamp, t('mediation:event.courtApplied', { court: text(court) })) };
}

export function recordCourtDecision(doc: MediationCaseDoc, result: 'confirmed' | 'rejected', actor: Actor, at?: string): CaseChange {
  if (!doc.courtConfirmation) throw new CaseError('courtNotApplied', { number: doc.number });
  const stamp = new Date().toISOString();
  const next = changed(doc, { courtConfirmation: { ...doc.courtConfirmation, result, decidedAt: nowIso(at) } }, actor, stamp);
  return { doc: next, event: caseEvent(next, 'courtDecision', actor, stamp, t(`mediation:court.result.${result}`)) };
}

/** 防止民转刑 / 防止群体性上访: the two prevention flags of the statistics. */
export function setPreventionFlags(doc: MediationCaseDoc, flags: { preventedCriminal: boolean; preventedMassPetition: boolean }, actor: Actor): CaseChange {
  const stamp = new Date().toISOString();
  const next = changed(doc, flags, actor, stamp);
  return { doc: next, event: caseEvent(next, 'flags', actor, stamp, t('mediation:event.flags'), flags) };
}
