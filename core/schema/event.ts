import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, longText, shortText, type DocOf } from './common';

/**
 * An audit event of a work order (ticketEvent), a mediation case (caseEvent) or of any doc
 * (auditEvent: a value lost in a merge and its settling), and the 等保 audit records (audit:
 * sign-ins, exports, prints, reveals; core/audit.ts). They share one collection since they share
 * a shape (RxDB's open core opens 13 collections per process). Create-only: an event is never
 * changed, so it cannot conflict. `action` names what happened; `payload` holds that action's
 * fields; an audit record names the person signed in, what it touched and a detail.
 */
export const eventSchema = toTypedRxJsonSchema({
  title: 'event',
  description: '工单/调解事件',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['ticketEvent', 'caseEvent', 'auditEvent', 'audit'], maxLength: 20 },
    /** Id of the ticket or mediation case. */
    subjectId: { type: 'string', maxLength: 120 },
    action: { type: 'string', maxLength: 40 },
    at: isoDateTime,
    by: shortText,
    byUnit: { type: 'string', maxLength: 40 },
    /**
     * v2: the personal account of the person who took the step, or who was signed in when an
     * audit record was written (`person-<unit>-<suffix>`, core/people.ts), at the workstation
     * whose login (`by`) wrote it. Events of before have none.
     */
    person: { type: 'string', maxLength: 80 },
    note: longText,
    photoIds: { type: 'array', maxItems: 40, items: { type: 'string', maxLength: 80 } },
    payload: { type: 'object' },
    /** audit: what was exported, printed or revealed (a doc id, a file name, a report name). */
    target: { type: 'string', maxLength: 400 },
    /** audit: what else a reviewer needs (the screen, a filter, a reason). */
    detail: { type: 'string', maxLength: 2000 },
  },
  required: [...baseRequired, 'subjectId', 'action', 'at', 'by', 'byUnit'],
  // By subject only: every index costs each event stored (one on ['action', 'at'] made an
  // initial sync a tenth slower); audit events are found by their id range instead.
  indexes: [['subjectId', 'at']],
} as const);
export type EventDoc = DocOf<typeof eventSchema>;
