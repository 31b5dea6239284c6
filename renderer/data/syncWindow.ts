/**
 * This desk's sync window (core/syncWindow.ts) as the district set it: the first instant of
 * settled orders it holds, or null when it keeps everything. Screens that count orders say so
 * when what they are asked covers time before it.
 */
import { useMemo } from 'react';
import { effectiveSettings, settingIdsFor } from '../../core/settings';
import type { SettingDoc } from '../../core/schema';
import { syncWindowStart } from '../../core/syncWindow';
import { useDatabase, useSession } from './session';
import { useLive } from './useLive';

export function useSyncWindowStart(): string | null {
  const db = useDatabase();
  const unit = useSession().station.stationCode;
  const docs$ = useMemo(() => db.settings.find({ selector: { id: { $in: settingIdsFor(unit) } } }).$, [db, unit]);
  const docs = useLive(docs$);
  return useMemo(() => {
    if (!docs) return null;
    const settings = effectiveSettings(unit, docs.map((doc) => doc.toJSON() as SettingDoc));
    return syncWindowStart(settings.syncWindowMonths);
  }, [docs, unit]);
}
