/**
 * `settings set` / `settings show`: the settings the district publishes to its workstations
 * (update channel and feed, idle lock, basemap), one `setting:<unit>` doc per unit in the
 * district's database, from where the down jobs carry it to the unit and everything below it.
 */
import { isSecureServerUrl } from '../ipc/contract';
import { basemapOf } from '../core/basemap';
import { t } from '../core/i18n';
import { databaseOfUnit, isUnitCode, scopeOfUnit } from '../core/org';
import type { SettingDoc } from '../core/schema';
import { effectiveSettings, SETTING_FIELDS, settingIdOf, type DistrictSettings, type SettingField } from '../core/settings';
import { isNotFound, type Connection } from './connection';
import { DistrictError } from './districtError';

type StoredSetting = Omit<SettingDoc, 'id'> & { _id: string; _rev?: string };

export interface SettingChange {
  unit: string;
  set: DistrictSettings;
  clear: SettingField[];
}

/** Values a workstation will act on, refused here with a reason rather than ignored there. */
function checkValues(set: DistrictSettings): void {
  for (const field of ['updateUrl', 'basemapUrl'] as const) {
    const url = set[field];
    if (url === undefined) continue;
    const pmtiles = field === 'basemapUrl' && url.startsWith('pmtiles://');
    if (!pmtiles && !isSecureServerUrl(url)) throw new DistrictError(t('district:settings.insecureUrl', { url }));
  }
  if (set.basemapUrl !== undefined && basemapOf(set.basemapUrl) === null) throw new DistrictError(t('district:settings.badBasemap', { url: set.basemapUrl }));
  const months = set.syncWindowMonths;
  if (months !== undefined && (!Number.isInteger(months) || months < 0 || months > 120)) throw new DistrictError(t('district:settings.badMonths', { value: String(months) }));
  const minutes = set.idleLockMinutes;
  if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)) throw new DistrictError(t('district:settings.badMinutes', { value: String(minutes) }));
  // 等保 expects six months of logs: the district's audit retention never goes below 180 days.
  for (const [field, min, max] of [['settledRetentionDays', 1, 3650], ['auditRetentionDays', 180, 36500]] as const) {
    const days = set[field];
    if (days !== undefined && (!Number.isInteger(days) || days < min || days > max)) {
      throw new DistrictError(t('district:settings.badRetention', { field: t(`district:settings.field.${field}`), min, max, value: String(days) }));
    }
  }
}

function databaseFor(connection: Connection, unit: string) {
  if (!isUnitCode(unit)) throw new DistrictError(t('district:settings.badUnit', { unit }));
  return connection.couch.use<StoredSetting>(databaseOfUnit(unit.slice(0, 6)));
}

async function read(connection: Connection, unit: string): Promise<StoredSetting | null> {
  try {
    return await databaseFor(connection, unit).get(settingIdOf(unit));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function setSettings(connection: Connection, change: SettingChange, now = new Date()): Promise<StoredSetting> {
  checkValues(change.set);
  const db = databaseFor(connection, change.unit);
  const old = await read(connection, change.unit);
  const at = now.toISOString();
  const doc: StoredSetting = {
    ...(old ?? { _id: settingIdOf(change.unit), type: 'setting', unitCode: change.unit, scope: scopeOfUnit(change.unit), createdAt: at }),
    ...change.set,
    updatedAt: at,
    updatedBy: connection.adminName,
  };
  for (const field of change.clear) delete doc[field];
  try {
    const answer = await db.insert(doc);
    return { ...doc, _rev: answer.rev };
  } catch (error) {
    if (isNotFound(error)) throw new DistrictError(t('district:settings.noDistrict', { unit: change.unit }));
    throw error;
  }
}

export interface SettingsView {
  /** Each level that has a doc: the district's, the town's, the unit's own. */
  levels: { unit: string; settings: DistrictSettings }[];
  effective: DistrictSettings;
}

export async function showSettings(connection: Connection, unit: string): Promise<SettingsView> {
  const docs: SettingDoc[] = [];
  for (const level of scopeOfUnit(unit)) {
    const stored = await read(connection, level);
    if (stored) docs.push({ ...stored, id: stored._id } as SettingDoc);
  }
  const pick = (doc: SettingDoc): DistrictSettings => Object.fromEntries(SETTING_FIELDS.filter((f) => doc[f] !== undefined).map((f) => [f, doc[f]]));
  return { levels: docs.map((doc) => ({ unit: doc.unitCode, settings: pick(doc) })), effective: effectiveSettings(unit, docs) };
}

export function formatSettings(unit: string, view: SettingsView): string {
  const line = (settings: DistrictSettings) =>
    SETTING_FIELDS.filter((f) => settings[f] !== undefined)
      .map((f) => `${t(`district:settings.field.${f}`)}=${String(settings[f])}`)
      .join('，') || t('district:settings.none');
  return [
    ...view.levels.map((level) => t('district:settings.level', { unit: level.unit, settings: line(level.settings) })),
    t('district:settings.effective', { unit, settings: line(view.effective) }),
  ].join('\n');
}
