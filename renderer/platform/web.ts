/**
 * The platform in a plain browser. The station comes from the URL
 * (`?station=320506101002&stationName=…&district=https://…&user=…&districtName=…`) and is
 * remembered in localStorage so a bookmark without parameters reopens it. A password is never
 * read or stored here: one that arrives in the URL is removed from the address bar at once.
 */
import { parseStationConfig } from './stationConfig';
import type { Platform, StationConfig } from './types';

const STORAGE_KEY = 'gridlink.stationConfig';

/** Query parameter names → config fields. */
const PARAMS = {
  station: 'stationCode',
  stationName: 'stationName',
  district: 'districtUrl',
  districtName: 'districtName',
  user: 'username',
} as const satisfies Record<string, keyof StationConfig>;

const SECRET_PARAMS = ['password', 'pass', 'pwd'];

function dropSecretsFromUrl(win: Window): void {
  const url = new URL(win.location.href);
  const found = SECRET_PARAMS.filter((name) => url.searchParams.has(name));
  if (found.length === 0) return;
  for (const name of found) url.searchParams.delete(name);
  win.history.replaceState(win.history.state, '', url);
}

function configFromQuery(search: URLSearchParams): StationConfig | null {
  const stationCode = search.get('station');
  if (stationCode === null) return null;
  const fields: Record<string, string> = { districtUrl: '', stationName: '', username: '' };
  for (const [param, field] of Object.entries(PARAMS)) {
    const value = search.get(param);
    if (value !== null) fields[field] = value.trim();
  }
  return parseStationConfig(fields);
}

function configFromStorage(storage: Storage): StationConfig | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (raw === null) return null;
  try {
    return parseStationConfig(JSON.parse(raw));
  } catch {
    // A stale or hand-edited entry must not lock the clerk out: forget it and ask again.
    storage.removeItem(STORAGE_KEY);
    return null;
  }
}

export interface WebPlatformOptions {
  /** Do not remember the URL's station (demo and test sessions must not overwrite a real setup). */
  remember?: boolean;
}

export function webPlatform(win: Window = window, options: WebPlatformOptions = {}): Platform {
  return {
    kind: 'web',
    async getStationConfig() {
      dropSecretsFromUrl(win);
      const fromQuery = configFromQuery(new URLSearchParams(win.location.search));
      if (fromQuery) {
        if (options.remember !== false) win.localStorage.setItem(STORAGE_KEY, JSON.stringify(fromQuery));
        return fromQuery;
      }
      return configFromStorage(win.localStorage);
    },
  };
}
