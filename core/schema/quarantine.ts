import { toTypedRxJsonSchema } from 'rxdb';
import { isoDateTime, longText, type DocOf } from './common';

/**
 * Local-only sync bookkeeping, never replicated: docs the server refused, docs from the server
 * that failed the local schema, and conflict records keeping a losing value for staff to see.
 * One collection for all three keeps the collection count low (RxDB open core: 13 per process).
 */
export const QUARANTINE_KINDS = ['rejectedPush', 'invalidPull', 'conflict'] as const;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];

export const quarantineSchema = toTypedRxJsonSchema({
  title: 'quarantine',
  description: '隔离与冲突记录',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    kind: { type: 'string', enum: QUARANTINE_KINDS, maxLength: 20 },
    /** The doc's id as the server gave it: up to 1,000 characters, so even a bad id is kept. */
    docId: { type: 'string', maxLength: 1000 },
    /**
     * The doc as it was refused or received, kept whole so nothing is lost; a doc beyond the
     * limits (core/limits.ts), which the storage could not hold, as its size and first characters.
     */
    doc: { type: 'object' },
    /** The server's or the validator's reason, verbatim. */
    reason: longText,
    /** For conflicts: the field, and the value that lost (the winner is in the doc). */
    field: { type: 'string', maxLength: 200 },
    losingValue: {},
    at: isoDateTime,
    resolvedAt: isoDateTime,
  },
  required: ['id', 'kind', 'docId', 'reason', 'at'],
  indexes: ['kind'],
} as const);
export type QuarantineDoc = DocOf<typeof quarantineSchema>;
