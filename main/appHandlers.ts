/** What each IPC channel does in the app: station, updates, the unsaved-form flag, OS glue. */
import type { InvokeHandlers } from './ipcHandlers';
import type { StationService } from './stationService';
import type { UpdateService } from './updateService';
import { isExternalAllowed } from './windowGuards';

export interface AppHandlerDeps {
  appVersion: () => string;
  station: StationService;
  updates: UpdateService;
  /** Points the updater at the station's feed (again). */
  configureUpdates: () => void;
  setFormDirty: (dirty: boolean) => void;
  /** Origins besides the app's own that links may open (the district server). */
  externalOrigins: () => string[];
  openExternal: (url: string) => void;
  openLogFolder: () => void;
  log: { warn(message: string): void };
}

export function appInvokeHandlers(deps: AppHandlerDeps): InvokeHandlers {
  const { station, updates, configureUpdates, log } = deps;
  return {
    getAppInfo: () => ({ version: deps.appVersion(), platform: process.platform, arch: process.arch }),
    getStationState: () => station.getState(),
    getStationConfig: () => station.getConfig(),
    setupStation: (input) => station.setup(input),
    unlockStation: async (input) => {
      const result = await station.unlock(input);
      if (result.ok) configureUpdates();
      return result;
    },
    getStationCredentials: () => station.getCredentials(),
    getUpdateStatus: () => updates.getStatus(),
    checkForUpdates: () => updates.check(),
    installUpdate: () => updates.install(),
    setFormDirty: ({ dirty }) => {
      deps.setFormDirty(dirty);
      return null;
    },
    openExternal: ({ url }) => {
      const opened = isExternalAllowed(url, deps.externalOrigins());
      if (opened) deps.openExternal(url);
      else log.warn(`openExternal refused: ${url}`);
      return { opened };
    },
    openLogFolder: () => {
      deps.openLogFolder();
      return null;
    },
  };
}
