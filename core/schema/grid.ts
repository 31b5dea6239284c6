import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, polygon, shortText, type DocOf } from './common';

/**
 * A grid (网格) of level 1 (town/street) to 4. Its code is stable: a redrawn boundary keeps the
 * code, moves the old geometry into `boundaryHistory` and sets a new `boundaryValidFrom`.
 */
export const gridSchema = toTypedRxJsonSchema({
  title: 'grid',
  description: '网格',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['grid'], maxLength: 20 },
    code: { type: 'string', pattern: '^[0-9]{9,18}$', maxLength: 18 },
    name: shortText,
    level: { type: 'integer', minimum: 1, maximum: 4, multipleOf: 1 },
    /** Code of the grid one level up; empty for level 1, whose parent is the district. */
    parentCode: { type: 'string', maxLength: 18 },
    /** 12-digit division code of the town (level 1) or village (levels 2–4) the grid lies in. */
    divisionCode: { type: 'string', pattern: '^[0-9]{12}$', maxLength: 12 },
    population: { type: 'integer', minimum: 0 },
    households: { type: 'integer', minimum: 0 },
    headStaffId: { type: 'string', maxLength: 60 },
    workerStaffIds: { type: 'array', items: { type: 'string', maxLength: 60 } },
    boundary: polygon,
    boundaryValidFrom: isoDateTime,
    boundaryHistory: {
      type: 'array',
      items: {
        type: 'object',
        properties: { boundary: polygon, validFrom: isoDateTime, validTo: isoDateTime, reason: shortText },
        required: ['boundary', 'validFrom', 'validTo'],
      },
    },
  },
  required: [...baseRequired, 'code', 'name', 'level', 'parentCode', 'divisionCode', 'boundary', 'boundaryValidFrom'],
  indexes: ['code', 'parentCode', 'level'],
} as const);
export type GridDoc = DocOf<typeof gridSchema>;
