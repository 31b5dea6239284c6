/**
 * The station's display name. A setup knows only the code (the server check does not return a
 * name), so when no name was given the grid of the same code — which the station's first sync
 * brings down — names it.
 */
import { useMemo } from 'react';
import { useSession } from '../data/session';
import { useLive } from '../data/useLive';

export function useStationName(): string {
  const { station, db } = useSession();
  const named = station.stationName && station.stationName !== station.stationCode;
  const grid = useLive(useMemo(() => (named ? null : db.grids.findOne({ selector: { code: station.stationCode } }).$), [db, named, station.stationCode]));
  if (named) return station.stationName;
  return grid?.name ?? station.stationCode;
}
