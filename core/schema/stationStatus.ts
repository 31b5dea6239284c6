import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, shortText, unitCode, type DocOf } from './common';

/** What a station reports about itself for the district's health report. Last write wins. */
export const stationStatusSchema = toTypedRxJsonSchema({
  title: 'stationStatus',
  description: '站点同步状态',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['stationStatus'], maxLength: 20 },
    stationCode: unitCode,
    appVersion: shortText,
    lastSyncAt: isoDateTime,
    pendingUploads: { type: 'integer', minimum: 0 },
    rejectedDocs: { type: 'integer', minimum: 0 },
    workstation: shortText,
  },
  required: [...baseRequired, 'stationCode', 'appVersion', 'pendingUploads', 'rejectedDocs'],
} as const);
export type StationStatusDoc = DocOf<typeof stationStatusSchema>;
