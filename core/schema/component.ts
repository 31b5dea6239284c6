import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, longText, point, shortText, unitCode, type DocOf } from './common';

/** Component (部件) major categories, GB/T 30428.2 lineage, keyed by their 2-digit code. */
export const COMPONENT_MAJOR_CATEGORIES = {
  '01': '公用设施',
  '02': '道路交通',
  '03': '市容环境',
  '04': '园林绿化',
  '05': '房屋土地',
  '06': '其他设施',
} as const;
export type ComponentMajorCode = keyof typeof COMPONENT_MAJOR_CATEGORIES;

export const COMPONENT_STATUSES = ['intact', 'damaged', 'missing', 'abandoned', 'removed'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** One item of the component list (部件清单): a lamp, a manhole cover, a sign, a tree … */
export const componentSchema = toTypedRxJsonSchema({
  title: 'component',
  description: '部件',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['component'], maxLength: 20 },
    /** county (6) + major (2) + minor (3) + sequence (6) = 17 digits. */
    code: { type: 'string', pattern: '^[0-9]{17}$', maxLength: 17 },
    name: shortText,
    majorCode: { type: 'string', enum: ['01', '02', '03', '04', '05', '06'], maxLength: 2 },
    minorCode: { type: 'string', pattern: '^[0-9]{3}$', maxLength: 3 },
    minorName: shortText,
    responsibleDepartment: shortText,
    ownerUnit: shortText,
    maintenanceUnit: shortText,
    ownerCode: unitCode,
    gridCode: { type: 'string', pattern: '^[0-9]{9,18}$', maxLength: 18 },
    location: point,
    address: shortText,
    status: { type: 'string', enum: COMPONENT_STATUSES, maxLength: 20 },
    installedAt: isoDateTime,
    dataSource: shortText,
    remarks: longText,
  },
  required: [...baseRequired, 'code', 'name', 'majorCode', 'minorCode', 'minorName', 'responsibleDepartment', 'ownerUnit', 'maintenanceUnit', 'ownerCode', 'gridCode', 'location', 'status'],
  indexes: ['code', 'gridCode', 'majorCode'],
} as const);
export type ComponentDoc = DocOf<typeof componentSchema>;
