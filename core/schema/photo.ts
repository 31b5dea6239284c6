import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, type DocOf } from './common';

/**
 * A photo's metadata; the compressed image itself is the doc's attachment `image`. The id is
 * `photo:<sha256 of the bytes>`, so the same picture is stored once and cannot conflict.
 */
export const photoSchema = toTypedRxJsonSchema({
  title: 'photo',
  description: '照片',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['photo'], maxLength: 20 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 },
    subjectId: { type: 'string', maxLength: 120 },
    mime: { type: 'string', enum: ['image/jpeg', 'image/webp', 'image/png'] },
    width: { type: 'integer', minimum: 1 },
    height: { type: 'integer', minimum: 1 },
    bytes: { type: 'integer', minimum: 1 },
    takenAt: isoDateTime,
  },
  required: [...baseRequired, 'sha256', 'mime', 'bytes'],
  attachments: {},
} as const);
export type PhotoDoc = DocOf<typeof photoSchema>;
