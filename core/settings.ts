/**
 * The district's settings for a workstation: the `setting` docs of its district, its town and
 * itself (core/schema/setting.ts), the most specific unit's value winning field by field.
 */
import { scopeOfUnit } from './org';
import type { SettingDoc } from './schema';

export const SETTING_FIELDS = ['updateChannel', 'updateUrl', 'idleLockMinutes', 'basemapUrl', 'syncWindowMonths', 'settledRetentionDays', 'auditRetentionDays'] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];
export type DistrictSettings = Partial<Pick<SettingDoc, SettingField>>;

export const settingIdOf = (unit: string): string => `setting:${unit}`;

/** The ids of the docs that apply to `unit`, the district's first. */
export function settingIdsFor(unit: string): string[] {
  return scopeOfUnit(unit).map(settingIdOf);
}

/** What applies to `unit`: each field from the most specific doc that sets it. */
export function effectiveSettings(unit: string, docs: readonly SettingDoc[]): DistrictSettings {
  const byUnit = new Map(docs.map((doc) => [doc.unitCode, doc]));
  const settings: DistrictSettings = {};
  for (const level of scopeOfUnit(unit)) {
    const doc = byUnit.get(level);
    if (!doc) continue;
    for (const field of SETTING_FIELDS) if (doc[field] !== undefined) Object.assign(settings, { [field]: doc[field] });
  }
  return settings;
}

/** Days a workstation keeps settled refused and conflict records when the district set none. */
export const DEFAULT_SETTLED_RETENTION_DAYS = 90;
