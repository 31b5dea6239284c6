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

const party = {
  type: 'object',
  properties: {
    side: { type: 'string', enum: ['applicant', 'respondent'] },
    kind: { type: 'string', enum: ['person', 'organisation'] },
    name: shortText,
    /** 18-character resident ID (persons) — checked with its checksum. */
    idNumber: { type: 'string', maxLength: 18 },
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
  version: 0,
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
    archivedAt: isoDateTime,
    preventedCriminal: { type: 'boolean' },
    preventedMassPetition: { type: 'boolean' },
  },
  required: [...baseRequired, 'number', 'ownerCode', 'parties', 'disputeType', 'source', 'summary', 'state', 'acceptedAt', 'deadline'],
  indexes: ['number', 'acceptedAt'],
} as const);
export type MediationCaseDoc = DocOf<typeof mediationCaseSchema>;
