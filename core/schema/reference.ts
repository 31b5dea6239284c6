import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, shortText, type DocOf } from './common';

/** The four major categories of the event list (事件清单), keyed by their 2-digit code. */
export const EVENT_MAJOR_CATEGORIES = {
  '01': '社会稳定',
  '02': '环境保护',
  '03': '安全生产',
  '04': '便民服务',
} as const;
export type EventMajorCode = keyof typeof EVENT_MAJOR_CATEGORIES;

/**
 * One problem item of the district's event list: filing a work order under it sets the
 * handling department and the time limit. Versioned: an import writes a new `catalogVersion`.
 */
export const catalogItemSchema = toTypedRxJsonSchema({
  title: 'catalogItem',
  description: '事件清单事项',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['catalogItem'], maxLength: 20 },
    /** major (2) + subcategory (3) + item (3) digits. */
    code: { type: 'string', pattern: '^0[1-4][0-9]{6}$', maxLength: 8 },
    name: shortText,
    majorCode: { type: 'string', enum: ['01', '02', '03', '04'], maxLength: 2 },
    subcategoryCode: { type: 'string', pattern: '^0[1-4][0-9]{3}$', maxLength: 5 },
    subcategoryName: shortText,
    departmentCode: { type: 'string', maxLength: 40 },
    /** Working hours allowed from dispatch to closing. */
    timeLimitHours: { type: 'integer', minimum: 1, maximum: 10000 },
    catalogVersion: { type: 'string', maxLength: 40 },
    active: { type: 'boolean' },
  },
  required: [...baseRequired, 'code', 'name', 'majorCode', 'subcategoryCode', 'subcategoryName', 'departmentCode', 'timeLimitHours', 'catalogVersion', 'active'],
  indexes: ['code'],
} as const);
export type CatalogItemDoc = DocOf<typeof catalogItemSchema>;

export const DEPARTMENT_KINDS = ['townOffice', 'bureau', 'enforcement', 'utility', 'judicial'] as const;

/** A handling department: a town office, a district bureau, an enforcement team, a utility. */
export const departmentSchema = toTypedRxJsonSchema({
  title: 'department',
  description: '处置部门',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['department'], maxLength: 20 },
    code: { type: 'string', pattern: '^[A-Z0-9-]{2,40}$', maxLength: 40 },
    name: shortText,
    kind: { type: 'string', enum: DEPARTMENT_KINDS, maxLength: 20 },
    phone: shortText,
  },
  required: [...baseRequired, 'code', 'name', 'kind'],
} as const);
export type DepartmentDoc = DocOf<typeof departmentSchema>;
