/**
 * Fields every synced document carries, and the helpers the per-type schemas are built from.
 *
 * The RxDB JSON schema of each type is the single source: its TypeScript type is derived from
 * it (see `DocOf`), and the same schema validates docs in the app (ajv through RxDB) and in
 * `validateDoc` for clear, field-named errors.
 */
import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/** Every synced document type, as written in the `type` field and as the prefix of its id. */
export const DOC_TYPES = [
  'grid',
  'catalogItem',
  'department',
  'staff',
  'component',
  'ticket',
  'ticketEvent',
  'mediationCase',
  'caseEvent',
  'auditEvent',
  'photo',
  'stationStatus',
  'setting',
  'audit',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export function isDocType(value: unknown): value is DocType {
  return typeof value === 'string' && (DOC_TYPES as readonly string[]).includes(value);
}

/** ISO-8601 timestamp with time zone, as produced by `new Date().toISOString()`. */
export const isoDateTime = { type: 'string', format: 'date-time', maxLength: 40 } as const;
export const shortText = { type: 'string', maxLength: 200 } as const;
export const longText = { type: 'string', maxLength: 20000 } as const;
export const unitCode = { type: 'string', pattern: '^[0-9]{6,21}$', maxLength: 21 } as const;

/**
 * `id` is the CouchDB `_id`: `<type>:<key>`. The sync engine routes every change (tombstones
 * included, which carry no body) by this prefix.
 */
export const baseProperties = {
  id: { type: 'string', maxLength: 160 },
  /** Codes of every unit from the district down to the owning unit; down-replication filters on it. */
  scope: { type: 'array', items: unitCode, minItems: 1, maxItems: 8 },
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  updatedBy: shortText,
} as const;
export const baseRequired = ['id', 'type', 'scope', 'createdAt', 'updatedAt', 'updatedBy'] as const;

export const point = {
  type: 'object',
  properties: { lng: { type: 'number', minimum: -180, maximum: 180 }, lat: { type: 'number', minimum: -90, maximum: 90 } },
  required: ['lng', 'lat'],
  additionalProperties: false,
} as const;

/** A GeoJSON Polygon: rings of [lng, lat] positions, the first ring outer. */
export const polygon = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['Polygon'] },
    coordinates: {
      type: 'array',
      minItems: 1,
      items: { type: 'array', minItems: 4, items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } } },
    },
  },
  required: ['type', 'coordinates'],
  additionalProperties: false,
} as const;

export type DocOf<S> = ExtractDocumentTypeFromTypedRxJsonSchema<S>;

/** Builds the id of a document of a type: `ticket:GD…`. */
export function docId(type: DocType, key: string): string {
  return `${type}:${key}`;
}

/** The type named by an id's prefix, or null for an id that is not ours (design docs, strays). */
export function typeOfId(id: string): DocType | null {
  const prefix = id.slice(0, id.indexOf(':'));
  return isDocType(prefix) ? prefix : null;
}

export function keyOfId(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}
