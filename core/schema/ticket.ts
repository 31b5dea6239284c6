import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, longText, point, shortText, unitCode, type DocOf } from './common';

export const TICKET_SOURCES = ['patrol', 'hotline12345', 'citizen', 'police', 'superior', 'video'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/**
 * Where a work order stands. 待立案 → 待派遣 → 处置中 → 待核查 → 已结案, or 作废 / 挂账.
 * Escalation and return move the holder, not the state.
 */
export const TICKET_STATES = ['pendingFiling', 'pendingDispatch', 'handling', 'pendingVerification', 'closed', 'voided', 'longStanding'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const TICKET_PRIORITIES = ['normal', 'urgent', 'critical'] as const;

/**
 * A work order (工单). It is a projection of its ticketEvents: only the current holder unit
 * writes it, and on a conflict it is rebuilt from the union of events.
 */
export const ticketSchema = toTypedRxJsonSchema({
  title: 'ticket',
  description: '工单',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['ticket'], maxLength: 20 },
    number: { type: 'string', maxLength: 60 },
    source: { type: 'string', enum: TICKET_SOURCES, maxLength: 20 },
    catalogItemCode: { type: 'string', maxLength: 8 },
    componentCode: { type: 'string', maxLength: 17 },
    departmentCode: { type: 'string', maxLength: 40 },
    gridCode: { type: 'string', pattern: '^[0-9]{9,18}$', maxLength: 18 },
    location: point,
    address: shortText,
    description: longText,
    reporterName: shortText,
    reporterPhone: shortText,
    priority: { type: 'string', enum: TICKET_PRIORITIES, maxLength: 10 },
    photoIds: { type: 'array', maxItems: 40, items: { type: 'string', maxLength: 80 } },
    state: { type: 'string', enum: TICKET_STATES, maxLength: 24 },
    /** The unit (village, town, district or department code) that may act on the order now. */
    holderCode: { type: 'string', maxLength: 40 },
    /** Staff id or department code the order is dispatched to. */
    assignee: { type: 'string', maxLength: 60 },
    selfHandled: { type: 'boolean' },
    supervised: { type: 'boolean' },
    timeLimitHours: { type: 'integer', minimum: 0, maximum: 10000 },
    dispatchedAt: isoDateTime,
    /** Working-hour deadline; sorts overdue first. Empty until dispatch. */
    deadline: { type: 'string', maxLength: 40 },
    closedAt: isoDateTime,
    onTime: { type: 'boolean' },
    reportedAt: isoDateTime,
    lastEventAt: isoDateTime,
    /**
     * The events this state was folded from (core/workorders/projection.ts): a desk writes the
     * order again only when it has them all, so a projection of fewer events never takes it back.
     */
    eventIds: { type: 'array', maxItems: 1000, items: { type: 'string', maxLength: 160 } },
    ownerCode: unitCode,
    /**
     * What the statistics read of the order, derived by the projection from its events, each
     * fact with the time it became true (core/workorders/orderStats.ts). Absent on orders written
     * before it existed, and on those whose steps were folded out of time order: their figures
     * are replayed from the events.
     */
    stats: {
      type: 'object',
      properties: {
        v: { type: 'integer', minimum: 1, maximum: 1000 },
        reporter: shortText,
        reportedAt: isoDateTime,
        escalatedAt: isoDateTime,
        extendedAt: isoDateTime,
        supervisedAt: isoDateTime,
        firstDispatchAt: isoDateTime,
        firstFeedbackAt: isoDateTime,
        /** Working hours from the first dispatch to the first feedback. */
        handlingWorkHours: { type: 'number', minimum: 0, maximum: 10000000 },
        /** Each failed verification (返工). */
        reworkAt: { type: 'array', maxItems: 1000, items: isoDateTime },
        /** Each holder or assignee the order reached, the first time (the level funnel). */
        reached: {
          type: 'array',
          maxItems: 1000,
          items: { type: 'object', properties: { at: isoDateTime, code: { type: 'string', maxLength: 60 } }, required: ['at', 'code'], additionalProperties: false },
        },
        /** The order's state after each step that changed it. */
        states: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            properties: {
              at: isoDateTime,
              state: { type: 'string', enum: TICKET_STATES, maxLength: 24 },
              deadline: { type: 'string', maxLength: 40 },
              departmentCode: { type: 'string', maxLength: 40 },
              closedAt: isoDateTime,
              onTime: { type: 'boolean' },
              selfHandled: { type: 'boolean' },
            },
            required: ['at', 'state', 'deadline'],
            additionalProperties: false,
          },
        },
      },
      required: ['v', 'reporter', 'reportedAt', 'reworkAt', 'reached', 'states'],
      additionalProperties: false,
    },
  },
  required: [...baseRequired, 'number', 'source', 'gridCode', 'description', 'priority', 'photoIds', 'state', 'holderCode', 'deadline', 'reportedAt', 'lastEventAt', 'ownerCode'],
  indexes: ['number', ['state', 'deadline'], ['holderCode', 'state', 'deadline'], 'gridCode', 'reportedAt'],
} as const);
export type TicketDoc = DocOf<typeof ticketSchema>;
