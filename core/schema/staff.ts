import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, shortText, unitCode, type DocOf } from './common';

/** 网格长, 专职网格员, 兼职网格员, 人民调解员, 执法人员 — one person often holds several (一员多责). */
export const STAFF_ROLES = ['gridHead', 'gridWorkerFull', 'gridWorkerPart', 'mediator', 'enforcement'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A person on the roster, maintained by the owning town (or the district for departments). */
export const staffSchema = toTypedRxJsonSchema({
  title: 'staff',
  description: '人员',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['staff'], maxLength: 20 },
    staffId: { type: 'string', maxLength: 60 },
    name: shortText,
    roles: { type: 'array', minItems: 1, items: { type: 'string', enum: STAFF_ROLES } },
    phone: { type: 'string', pattern: '^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$' },
    ownerCode: unitCode,
    gridCodes: { type: 'array', items: { type: 'string', maxLength: 18 } },
    departmentCode: { type: 'string', maxLength: 40 },
    onDuty: { type: 'boolean' },
    /**
     * v1: the person's own account (`person-<unit>-<suffix>`, core/people.ts), set by district IT
     * with `district people add|enable`, removed by `disable`: whom a workstation offers to sign in.
     */
    account: { type: 'string', maxLength: 80 },
  },
  required: [...baseRequired, 'staffId', 'name', 'roles', 'phone', 'ownerCode', 'gridCodes', 'onDuty'],
} as const);
export type StaffDoc = DocOf<typeof staffSchema>;
