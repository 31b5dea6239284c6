import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, longText, shortText, unitCode, type DocOf } from './common';

/** Dispute types of the official statistics. */
export const DISPUTE_TYPES = [
  '婚姻家庭', '邻里', '房屋宅基地', '合同', '生产经营', '损害赔偿', '山林土地', '征地拆迁',
  '环境污染', '劳动争议', '消费', '医疗', '道路交通事故', '物业', '其他',
] as const;
export const CASE_SOURCES = ['application', 'proactive', 'policeTransfer', 'courtEntrusted', 'governmentAssigned'] as const;
export const CASE_STATES = ['registered', 'mediating', 'agreed', 'failed', 'terminated', 'referred', 'escalated', 'archived'] as const;
export type CaseState = (typeof CASE_STATES)[number];
/**
 * The identity document a person party shows: 居民身份证 (the default, and what a party of a
 * version 0 case without `idType` has), 港澳台居民居住证, 护照, 其他.
 */
export const ID_TYPES = ['residentId', 'residencePermit', 'passport', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];
/** How an agreed payment is made (the agreement's review step offers these). */
export const PAYMENT_METHODS = ['bankTransfer', 'cash', 'mobilePayment', 'other'] as const;

const party = {
  type: 'object',
  properties: {
    side: { type: 'string', enum: ['applicant', 'respondent'] },
    kind: { type: 'string', enum: ['person', 'organisation'] },
    name: shortText,
    /** Which document `idNumber` is from; absent = 居民身份证 (version 0 parties). */
    idType: { type: 'string', enum: ID_TYPES, maxLength: 20 },
    /**
     * The person's document number: 18 characters with a checksum for 居民身份证 and
     * 港澳台居民居住证; a passport or other document number as written on it.
     */
    idNumber: { type: 'string', maxLength: 30 },
    /** 18-character unified social credit code (organisations). */
    creditCode: { type: 'string', maxLength: 18 },
    phone: shortText,
    address: shortText,
    /** A side of many people (e.g. 47 employees) can be one entry with a count. */
    headcount: { type: 'integer', minimum: 1 },
  },
  required: ['side', 'kind', 'name'],
} as const;

/**
 * A people's mediation case (人民调解). Owned by one station; personal data never leaves the
 * station's database and the levels above it. Mutable, so it conflicts: three-way field merge.
 */
export const mediationCaseSchema = toTypedRxJsonSchema({
  title: 'mediationCase',
  description: '人民调解案件',
  /**
   * 1: parties may carry `idType` and longer document numbers, a case `holderCode` and `takeover`
   * (a town taking over an escalated case), an agreement its structured terms and `amendments`.
   * All optional, so a version 0 case is a valid version 1 case as it is.
   */
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['mediationCase'], maxLength: 20 },
    number: { type: 'string', maxLength: 60 },
    ownerCode: unitCode,
    parties: { type: 'array', minItems: 2, items: party },
    disputeType: { type: 'string', enum: DISPUTE_TYPES },
    source: { type: 'string', enum: CASE_SOURCES },
    peopleInvolved: { type: 'integer', minimum: 0 },
    amountInvolved: { type: 'number', minimum: 0 },
    summary: longText,
    mediatorStaffIds: { type: 'array', items: { type: 'string', maxLength: 60 } },
    ticketId: { type: 'string', maxLength: 120 },
    state: { type: 'string', enum: CASE_STATES, maxLength: 20 },
    acceptedAt: isoDateTime,
    /** One month from acceptance, moved by recorded extensions. */
    deadline: isoDateTime,
    extensions: {
      type: 'array',
      items: { type: 'object', properties: { at: isoDateTime, days: { type: 'integer', minimum: 1 }, reason: shortText }, required: ['at', 'days', 'reason'] },
    },
    sessions: {
      type: 'array',
      items: {
        type: 'object',
        properties: { at: isoDateTime, place: shortText, attendees: shortText, record: longText, photoIds: { type: 'array', items: { type: 'string' } } },
        required: ['at', 'place', 'record'],
      },
    },
    jointDepartments: { type: 'array', items: shortText },
    outcome: {
      type: 'object',
      properties: { kind: { type: 'string', enum: ['agreement', 'noAgreement', 'terminated', 'referred'] }, reason: shortText, at: isoDateTime },
      required: ['kind', 'at'],
    },
    agreement: {
      type: 'object',
      properties: {
        number: shortText,
        facts: longText,
        terms: longText,
        performance: longText,
        performBy: isoDateTime,
        amount: { type: 'number', minimum: 0 },
        signedAt: isoDateTime,
        /** Who pays whom and how, as confirmed in the review before signing. */
        payer: shortText,
        payee: shortText,
        method: { type: 'string', enum: PAYMENT_METHODS, maxLength: 20 },
        /** Corrections after signing, each with its reason (the previous text is in its event). */
        amendments: {
          type: 'array',
          items: {
            type: 'object',
            properties: { at: isoDateTime, reason: shortText, by: shortText },
            required: ['at', 'reason'],
          },
        },
      },
      required: ['number', 'facts', 'terms', 'performance', 'signedAt'],
    },
    followUps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: isoDateTime,
          performed: { type: 'boolean' },
          satisfaction: { type: 'string', enum: ['satisfied', 'neutral', 'dissatisfied'] },
          remainingRisk: shortText,
          by: shortText,
        },
        required: ['at', 'performed', 'satisfaction'],
      },
    },
    courtConfirmation: {
      type: 'object',
      properties: { appliedAt: isoDateTime, court: shortText, result: { type: 'string', enum: ['pending', 'confirmed', 'rejected'] }, decidedAt: isoDateTime },
      required: ['appliedAt', 'result'],
    },
    /** Scans and photos of the case file (applications, IDs, receipts): photo docs by id. */
    documents: {
      type: 'array',
      items: {
        type: 'object',
        properties: { photoId: { type: 'string', maxLength: 80 }, title: shortText, at: isoDateTime, by: shortText },
        required: ['photoId', 'title', 'at'],
      },
    },
    /**
     * Handed up to the town sub-center. The case stays owned by the station (its parties' data
     * stays in the station's database and above); the town sees it through its own database.
     */
    escalation: {
      type: 'object',
      properties: { at: isoDateTime, toCode: unitCode, reason: shortText, by: shortText },
      required: ['at', 'toCode', 'reason'],
    },
    /**
     * The unit handling the case now: absent = its owner. A town that takes over a case escalated
     * to it becomes the holder; from then on only the holder writes the case.
     */
    holderCode: unitCode,
    takeover: {
      type: 'object',
      properties: { at: isoDateTime, byUnit: unitCode, by: shortText },
      required: ['at', 'byUnit'],
    },
    archivedAt: isoDateTime,
    preventedCriminal: { type: 'boolean' },
    preventedMassPetition: { type: 'boolean' },
  },
  required: [...baseRequired, 'number', 'ownerCode', 'parties', 'disputeType', 'source', 'summary', 'state', 'acceptedAt', 'deadline'],
  indexes: ['number', 'acceptedAt'],
} as const);
export type MediationCaseDoc = DocOf<typeof mediationCaseSchema>;
