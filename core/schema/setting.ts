import { toTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, unitCode, type DocOf } from './common';

/**
 * Settings the district publishes for its workstations (`district settings set`), one doc per
 * unit they apply to: `setting:<unit>` with `scope` up to that unit, so the district's reaches
 * every workstation, a town's its sub-center and villages, a station's only that station. The
 * most specific unit's value wins (core/settings.ts). Only the district writes them.
 */
export const settingSchema = toTypedRxJsonSchema({
  title: 'setting',
  description: '区中心下发的工作站设置',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    type: { type: 'string', enum: ['setting'], maxLength: 20 },
    unitCode,
    /** Update channel and feed for the unit's workstations (feed: https, or http on loopback). */
    updateChannel: { type: 'string', enum: ['stable', 'beta'], maxLength: 10 },
    updateUrl: { type: 'string', maxLength: 500, pattern: '^https?://' },
    /** Minutes without input before a workstation locks (0: never); read by the sign-in work to come. */
    idleLockMinutes: { type: 'integer', minimum: 0, maximum: 1440 },
    /** A basemap tile source (raster XYZ or PMTiles on the intranet); read by the map work to come. */
    basemapUrl: { type: 'string', maxLength: 500, pattern: '^(https?|pmtiles)://' },
    /**
     * Months of settled work orders a workstation keeps (core/syncWindow.ts): older closed or
     * voided orders and older steps stay on the server and are fetched when opened. 0 or unset:
     * everything flows down. Read when the workstation starts.
     */
    syncWindowMonths: { type: 'integer', minimum: 0, maximum: 120 },
    /** Days a workstation keeps refused and conflict records after they were settled (default 90). */
    settledRetentionDays: { type: 'integer', minimum: 1, maximum: 3650 },
    /** Days the district keeps audit records (`district audit purge`; at least 180, default 365). */
    auditRetentionDays: { type: 'integer', minimum: 180, maximum: 36500 },
  },
  required: [...baseRequired, 'unitCode'],
} as const);
export type SettingDoc = DocOf<typeof settingSchema>;
