/** The district's `basemapUrl` for this station, live as the setting docs sync down (core/settings.ts). */
import { useMemo } from 'react';
import { effectiveSettings } from '../../../core/settings';
import type { SettingDoc } from '../../../core/schema';
import { useSession } from '../../data/session';
import { useAllDocs } from '../../data/useAllDocs';

export function useBasemapSetting(): string | undefined {
  const { db, station } = useSession();
  const docs = useAllDocs<SettingDoc>(db.settings, 'id');
  return useMemo(() => (docs ? effectiveSettings(station.stationCode, docs).basemapUrl : undefined), [docs, station.stationCode]);
}
