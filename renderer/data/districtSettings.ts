/**
 * Follows the settings the district publishes for this station (core/settings.ts) as they sync
 * down, and hands the host what it acts on: the update feed and channel. A workstation set up
 * with only the district's address, its unit code and a login thus picks up its channel, and
 * keeps it across sign-ins, because the district's doc says so, not a form.
 */
import type { RxCollection } from 'rxdb';
import { effectiveSettings, settingIdsFor } from '../../core/settings';
import type { SettingDoc } from '../../core/schema';
import type { Platform } from '../platform';

export function followDistrictSettings(collection: RxCollection<SettingDoc>, stationCode: string, platform: Pick<Platform, 'applyDistrictSettings'>): () => void {
  let applied = '';
  const subscription = collection.find({ selector: { id: { $in: settingIdsFor(stationCode) } } }).$.subscribe((docs) => {
    const { updateChannel, updateUrl, basemapUrl } = effectiveSettings(stationCode, docs.map((doc) => doc.toJSON() as SettingDoc));
    const wanted = { ...(updateChannel ? { updateChannel } : {}), ...(updateUrl ? { updateUrl } : {}), ...(basemapUrl ? { basemapUrl } : {}) };
    const key = JSON.stringify(wanted);
    if (key === applied || Object.keys(wanted).length === 0) return;
    applied = key;
    platform.applyDistrictSettings(wanted).catch((error: unknown) => {
      // Retried with the next change; the station keeps its current feed meanwhile.
      applied = '';
      console.error('district settings: the host did not take them', error);
    });
  });
  return () => subscription.unsubscribe();
}
