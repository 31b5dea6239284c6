/**
 * The web page's person sign-in: core/personSignIn.ts with this browser's localStorage as the
 * store of verifiers, failure counts and locks, and the district server's `/_session` as the
 * online check. The desktop app does the same in main (ipc `signInPerson`, main/personService.ts),
 * which keeps its verifiers itself: the renderer there holds none.
 */
import { askServer, createPersonGuard, type PersonGuard } from '../../core/personSignIn';
import type { StationConfig } from './types';

export const PEOPLE_STORAGE_PREFIX = 'gridlink.person.';

export function webPersonGuard(storage: Storage, station: Pick<StationConfig, 'districtUrl' | 'stationCode'>): PersonGuard {
  return createPersonGuard({
    unit: station.stationCode,
    store: {
      get: async (person) => storage.getItem(PEOPLE_STORAGE_PREFIX + person),
      set: async (person, value) => storage.setItem(PEOPLE_STORAGE_PREFIX + person, value),
    },
    checkOnline: (person, password) => askServer(station.districtUrl, station.stationCode, person, password),
  });
}
