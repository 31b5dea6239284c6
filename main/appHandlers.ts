/** What each IPC channel does in the app: station, updates, the unsaved-form flag, logs, OS glue. */
import { measureClockOffset } from '../sync/serverClock';
import type { AppInfo, DiagnosticsRequest, DiagnosticsResult, LogEntry, UpdateStatus } from '../ipc/contract';
import type { PersonSignInResult } from '../core/personSignIn';
import type { InvokeHandlers } from './ipcHandlers';
import type { StationService } from './stationService';
import type { UpdateService } from './updateService';
import { isExternalAllowed } from './windowGuards';

export interface AppHandlerDeps {
  appInfo: () => AppInfo;
  station: StationService;
  updates: UpdateService;
  /** Points the updater at the station's feed (again). */
  configureUpdates: () => void;
  setFormDirty: (dirty: boolean) => void;
  /** Origins besides the app's own that links may open (the district server). */
  externalOrigins: () => string[];
  openExternal: (url: string) => void;
  openLogFolder: () => void;
  /** Writes a renderer or sync error to the file log (main/rendererLog.ts). */
  writeLog: (entry: LogEntry) => void;
  exportDiagnostics: (request: DiagnosticsRequest) => Promise<DiagnosticsResult>;
  /** Adds what main knows beyond the update service (the release notes) to a status. */
  describeUpdate?: (status: UpdateStatus) => UpdateStatus;
  log: { warn(message: string): void };
  /** People signing in at the station (main/personService.ts). */
  people?: { signIn(input: { person: string; password: string }): Promise<PersonSignInResult> };
}

export function appInvokeHandlers(deps: AppHandlerDeps): InvokeHandlers {
  const { station, updates, configureUpdates, log } = deps;
  const describe = deps.describeUpdate ?? ((status: UpdateStatus) => status);
  return {
    getAppInfo: () => deps.appInfo(),
    getStationState: () => station.getState(),
    getStationConfig: () => station.getConfig(),
    setupStation: (input) => station.setup(input),
    applyDistrictSettings: (input) => station.applyDistrictSettings(input),
    // Asked from main: a page reading the district's answers cannot see their Date header (CORS).
    measureClockOffset: async () => {
      const config = station.getConfig();
      return { offsetMs: config === null ? null : await measureClockOffset(config.districtUrl) };
    },
    unlockStation: async (input) => {
      const result = await station.unlock(input);
      if (result.ok) configureUpdates();
      return result;
    },
    getDataKey: () => station.getDataKey(),
    getUpdateStatus: () => describe(updates.getStatus()),
    checkForUpdates: async () => describe(await updates.check()),
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
    writeLog: (entry) => {
      deps.writeLog(entry);
      return null;
    },
    exportDiagnostics: (request) => deps.exportDiagnostics(request),
    signInPerson: (input) => {
      if (!deps.people) throw new Error('people sign-in is not set up');
      return deps.people.signIn(input);
    },
  };
}
