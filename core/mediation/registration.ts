/**
 * 受理登记: turning the register form into a case. Every field is checked at once and each
 * message names its field (path → message, e.g. `parties.2.idNumber`), so the form shows them
 * inline and a refused registration loses nothing the clerk typed.
 */
import { scopeOfUnit } from '../org';
import { t } from '../i18n';
import { CASE_SOURCES, DISPUTE_TYPES, docId, type IdType, type MediationCaseDoc } from '../schema';
import { caseEvent, type Actor } from './caseEvents';
import { CaseError } from './caseError';
import { deadlineOf } from './clock';
import { checkCreditCode, checkPersonDocument, checkPhone } from './identity';
import { nextNumber, yearOf } from './numbering';
import type { CaseChange } from './lifecycle';

export type Party = MediationCaseDoc['parties'][number];
export type DisputeType = (typeof DISPUTE_TYPES)[number];
export type CaseSource = (typeof CASE_SOURCES)[number];

/** A party as typed into the form: every field a string, optional ones possibly empty. */
export interface PartyInput {
  side: Party['side'];
  kind: Party['kind'];
  name: string;
  /** Persons: the document shown; empty = 居民身份证. */
  idType?: IdType;
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  address?: string;
  /** People this entry stands for (a side of 47 employees as one entry); empty = 1. */
  headcount?: string;
}

export interface RegistrationInput {
  parties: PartyInput[];
  disputeType: string;
  source: string;
  summary: string;
  /** Empty = the sum of the parties' headcounts. */
  peopleInvolved?: string;
  amountInvolved?: string;
  mediatorStaffIds?: string[];
  /** The work order the dispute came from (e.g. found on patrol). */
  ticketId?: string;
  /** When the case was accepted; default now. */
  acceptedAt?: string;
}

export type FieldErrors = Record<string, string>;

export const MAX_SUMMARY = 2000;

function required(value: string | undefined): string {
  return (value ?? '').trim();
}

function parseCount(value: string | undefined, min: number): number | null | undefined {
  const text = required(value);
  if (!text) return undefined;
  if (!/^[0-9]+$/.test(text)) return null;
  const n = Number(text);
  return n >= min ? n : null;
}

/**
 * An amount of money as typed (thousands separators allowed): the number, nothing typed, or the
 * message saying what is wrong with it — a minus sign is named as such, not as a format error.
 */
export function parseAmount(value: string | undefined): { ok: true; amount: number | undefined } | { ok: false; message: string } {
  const text = required(value).replace(/[,，\s]/g, '');
  if (!text) return { ok: true, amount: undefined };
  if (/^[-－−][0-9.]+$/.test(text)) return { ok: false, message: t('mediation:register.amountNegative') };
  if (!/^[0-9]+(\.[0-9]{1,2})?$/.test(text)) return { ok: false, message: t('mediation:register.amountInvalid') };
  return { ok: true, amount: Number(text) };
}

function checkParty(input: PartyInput, index: number, errors: FieldErrors, now: Date): Party {
  const at = (field: string) => `parties.${index}.${field}`;
  const name = required(input.name);
  if (!name) errors[at('name')] = t('mediation:register.nameRequired');
  const party: Party = { side: input.side, kind: input.kind, name };
  if (input.kind === 'person') {
    const id = checkPersonDocument(input.idType, input.idNumber ?? '', now);
    if (input.idType && input.idType !== 'residentId') party.idType = input.idType;
    if (id.ok) party.idNumber = id.value;
    else errors[at('idNumber')] = id.message;
  } else {
    const code = checkCreditCode(input.creditCode ?? '');
    if (code.ok) party.creditCode = code.value;
    else errors[at('creditCode')] = code.message;
  }
  const phone = required(input.phone);
  if (phone) {
    const checked = checkPhone(phone);
    if (checked.ok) party.phone = checked.value;
    else errors[at('phone')] = checked.message;
  }
  const address = required(input.address);
  if (address) party.address = address;
  const headcount = parseCount(input.headcount, 1);
  if (headcount === null) errors[at('headcount')] = t('mediation:register.headcountInvalid');
  else if (headcount !== undefined && headcount > 1) party.headcount = headcount;
  return party;
}

/** Checks the form; returns the parties and figures it stands for, or every problem found. */
export function validateRegistration(input: RegistrationInput, now: Date = new Date()):
  | { ok: true; parties: Party[]; disputeType: DisputeType; source: CaseSource; summary: string; peopleInvolved: number; amountInvolved?: number }
  | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parties = input.parties.map((party, index) => checkParty(party, index, errors, now));
  if (!parties.some((p) => p.side === 'applicant')) errors.parties = t('mediation:register.needApplicant');
  else if (!parties.some((p) => p.side === 'respondent')) errors.parties = t('mediation:register.needRespondent');
  if (!(DISPUTE_TYPES as readonly string[]).includes(input.disputeType)) errors.disputeType = t('mediation:register.disputeTypeRequired');
  if (!(CASE_SOURCES as readonly string[]).includes(input.source)) errors.source = t('mediation:register.sourceRequired');
  const summary = required(input.summary);
  if (!summary) errors.summary = t('mediation:register.summaryRequired');
  else if (summary.length > MAX_SUMMARY) errors.summary = t('mediation:register.summaryTooLong', { max: MAX_SUMMARY, actual: summary.length });
  const headcounts = parties.reduce((sum, p) => sum + (p.headcount ?? 1), 0);
  const people = parseCount(input.peopleInvolved, 0);
  if (people === null) errors.peopleInvolved = t('mediation:register.peopleInvalid');
  else if (people !== undefined && people < headcounts) errors.peopleInvolved = t('mediation:register.peopleTooFew', { count: headcounts });
  const parsed = parseAmount(input.amountInvolved);
  if (!parsed.ok) errors.amountInvolved = parsed.message;
  const amount = parsed.ok ? parsed.amount : undefined;
  if (input.acceptedAt && new Date(input.acceptedAt).getTime() > now.getTime() + 60_000) errors.acceptedAt = t('mediation:problem.dateInFuture');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    parties,
    disputeType: input.disputeType as DisputeType,
    source: input.source as CaseSource,
    summary,
    peopleInvolved: people ?? headcounts,
    ...(amount !== undefined ? { amountInvolved: amount } : {}),
  };
}

export interface RegisterContext {
  stationCode: string;
  actor: Actor;
  /** Numbers of the cases this workstation holds, to count on from. */
  existingNumbers: Iterable<string | undefined>;
  now?: Date;
}

function caseKey(stationCode: string, at: Date): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return `${stationCode}-${at.getTime().toString(36)}${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A new case from the register form, with its `register` event; throws a CaseError listing every bad field. */
export function registerCase(input: RegistrationInput, context: RegisterContext): CaseChange {
  const now = context.now ?? new Date();
  const checked = validateRegistration(input, now);
  if (!checked.ok) throw new CaseError('invalidInput', { count: Object.keys(checked.errors).length }, checked.errors);
  const acceptedAt = input.acceptedAt ? new Date(input.acceptedAt).toISOString() : now.toISOString();
  const stamp = now.toISOString();
  const doc: MediationCaseDoc = {
    id: docId('mediationCase', caseKey(context.stationCode, now)),
    type: 'mediationCase',
    scope: scopeOfUnit(context.stationCode),
    createdAt: stamp,
    updatedAt: stamp,
    updatedBy: context.actor.name,
    number: nextNumber('case', context.stationCode, yearOf(acceptedAt), context.existingNumbers),
    ownerCode: context.stationCode,
    parties: checked.parties,
    disputeType: checked.disputeType,
    source: checked.source,
    peopleInvolved: checked.peopleInvolved,
    ...(checked.amountInvolved !== undefined ? { amountInvolved: checked.amountInvolved } : {}),
    summary: checked.summary,
    mediatorStaffIds: input.mediatorStaffIds ?? [],
    ...(input.ticketId ? { ticketId: input.ticketId } : {}),
    state: 'registered',
    acceptedAt,
    deadline: deadlineOf(acceptedAt),
    extensions: [],
    sessions: [],
    jointDepartments: [],
    followUps: [],
    documents: [],
    preventedCriminal: false,
    preventedMassPetition: false,
  };
  const event = caseEvent(doc, 'register', context.actor, stamp, t('mediation:event.register', { number: doc.number, type: doc.disputeType }));
  return { doc, event };
}
