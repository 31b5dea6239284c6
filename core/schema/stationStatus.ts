import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, isoDateTime, shortText, unitCode, type DocOf } from './common';

/**
 * What a workstation reports about itself for the district's health report (its heartbeat,
 * renderer/data/heartbeat.ts). One doc per workstation, `stationStatus:<unit>.<workstation>`
 * (version 0 docs, one per unit, are `stationStatus:<unit>`). Last write wins.
 */
export const stationStatusSchema = toTypedRxJsonSchema({
  title: 'stationStatus',
  description: '站点同步状态',
  version: 1,
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
    /** A random id the workstation keeps for itself, and what its people call it, if known. */
    workstation: shortText,
    workstationName: shortText,
    /** Who is signed in (the station's account until people have their own). */
    person: shortText,
    updateChannel: { type: 'string', enum: ['stable', 'beta'], maxLength: 10 },
    online: { type: 'boolean' },
    conflicts: { type: 'integer', minimum: 0 },
    /** The sync engine's last unexpected error, for IT (English, cut to fit). */
    lastError: shortText,
    /** What the local database may still grow by (the browser's storage quota left). */
    freeDiskBytes: { type: 'integer', minimum: 0 },
    /** The district server's clock minus this machine's, in ms, when it could be measured. */
    clockOffsetMs: { type: 'integer' },
  },
  required: [...baseRequired, 'stationCode', 'appVersion', 'pendingUploads', 'rejectedDocs'],
} as const);
export type StationStatusDoc = DocOf<typeof stationStatusSchema>;
