/**
 * The seam between the React app and its host. The same renderer runs inside Electron (the
 * preload bridge) and as a plain web page (browser storage); screens only see this interface.
 *
 * Setup, unlock and their results use the IPC contract's types (ipc/contract.ts), so both hosts
 * answer the startup screens in exactly the same words.
 */
import type {
  DiagnosticsResult,
  InstallResult,
  LogEntry,
  SetupResult,
  StationCredentials,
  StationSetup,
  SyncSnapshot,
  UpdateChannel,
  UpdateStatus,
} from '../../ipc/contract';

export type {
  DiagnosticsResult,
  InstallResult,
  LogEntry,
  SetupFailure,
  SetupResult,
  StationCredentials,
  StationSetup,
  SyncSnapshot,
  UpdateChannel,
  UpdateStatus,
} from '../../ipc/contract';

/** Which station this workstation is, and where its district server is. Never the password. */
export interface StationConfig {
  /** Base URL of the district CouchDB, e.g. `https://gridlink.wz.example:6984`. */
  districtUrl: string;
  /** Unit code of the station: 12 digits for a village, 9 for a town sub-center, 6 for the district. */
  stationCode: string;
  stationName: string;
  /** CouchDB user of the station; its password stays with the host (Electron safeStorage). */
  username: string;
  /** Display name of the district (e.g. 吴中区) when the host knows it. */
  districtName?: string;
}

/**
 * How this session's sync reaches the district server. The desktop app: main's proxy
 * (`gridlink-district://district`), which adds the station's login, so no credentials here. The
 * web page has no main process: the district server itself, with the password the clerk typed,
 * kept in the page's memory.
 */
export interface SyncAccess {
  serverUrl: string;
  credentials?: StationCredentials;
}

/** What the setup form can be prefilled with (from the address, a saved config, the desktop app). */
export type SetupDefaults = Partial<Omit<StationSetup, 'password'>>;

/** The program as the 关于本机 panel shows it. */
export interface HostAppInfo {
  /** This build's version; null where the host cannot tell. */
  version: string | null;
  /** Operating system and processor (`win32 x64`); null on the web. */
  system: string | null;
  /** What it runs on, for IT: `Electron 45.6.1 · Chromium 142…`, or the browser. */
  runtime: string;
  /** The update channel the station is set to; null where updates do not apply (the web). */
  updateChannel: UpdateChannel | null;
}

/** Auto-update from the district (the desktop app only: a web page updates with its server). */
export interface HostUpdates {
  getStatus(): Promise<UpdateStatus>;
  /** Every status main pushes (checking, downloading x%, ready …); returns the unsubscribe. */
  subscribe(listener: (status: UpdateStatus) => void): () => void;
  check(): Promise<UpdateStatus>;
  /** 重启以安装: refused (reason form-open) while any form holds unsaved input. */
  install(): Promise<InstallResult>;
}

export interface Platform {
  kind: 'electron' | 'web';
  /** The station this workstation is set up for, or null when it must be set up (first run). */
  getStationConfig(): Promise<StationConfig | null>;
  /** What is known for the setup form, even when the station is not (fully) set up. */
  getSetupDefaults(): Promise<SetupDefaults>;
  /** Where this session's sync goes, and with which login; null when the password must be asked (a reload, `basic_text`). */
  getSyncAccess(): Promise<SyncAccess | null>;
  /**
   * The station this workstation is set up for, even when it cannot open now (its password is
   * not known): a setup naming another station or server changes it, which needs the current
   * password or a district admin (sync/setupChange.ts). null: never set up.
   */
  configuredStation(): Promise<{ districtUrl: string; stationCode: string; stationName: string } | null>;
  /**
   * The workstation's data key for personal data in the local database (core/dataKey.ts), raw;
   * null until set up and unlocked. Rejects with DataKeyError when the stored key does not open.
   */
  getDataKey(): Promise<Uint8Array<ArrayBuffer> | null>;
  /** First run (or a new password): checked against the district server before anything is saved. */
  setupStation(setup: StationSetup): Promise<SetupResult>;
  /**
   * The password of the configured station for this session. Checked against the server when it
   * answers; when it is unreachable the password is taken unchecked (ok, with a warning), so a
   * clerk is never kept from the local data by the network.
   */
  unlock(password: string): Promise<SetupResult>;

  getAppInfo(): Promise<HostAppInfo>;
  /**
   * The update feed and channel the district publishes for this station (its `setting` docs):
   * the desktop app keeps and follows them; the web page, updated with its server, has none.
   */
  applyDistrictSettings(settings: { updateChannel?: UpdateChannel; updateUrl?: string; basemapUrl?: string }): Promise<void>;
  /** This machine's clock against the district server's, in ms; null when it cannot be told. */
  measureClockOffset(): Promise<number | null>;
  /** null on the web, and where the desktop app's bridge offers no updates. */
  updates: HostUpdates | null;
  /** Whether any form holds unsaved input (so an update never restarts over it). */
  setFormDirty(dirty: boolean): Promise<void>;
  /** Opens the folder of the log files; null where there is none to open (the web). */
  openLogFolder: (() => Promise<void>) | null;
  /**
   * A renderer or sync error for district IT: the desktop app's rotating log file, the web page's
   * memory (it goes into its diagnostics file). Never throws: reporting an error must not fail.
   */
  writeLog(entry: LogEntry): void;
  /** 导出诊断包, with the sync status as counts and times (no document, no name). */
  exportDiagnostics(sync: SyncSnapshot | null): Promise<DiagnosticsResult>;
  /**
   * Signs a person in at this station (core/personSignIn.ts): by the server when it answers, else
   * against the verifier of their last online sign-in; counts failures and locks. The host keeps
   * the verifiers (the desktop app in main); the password is dropped once checked.
   */
  signInPerson(station: StationConfig, person: string, password: string): Promise<PersonSignInResult>;
}

export type { PersonSignInResult } from '../../core/personSignIn';
import type { PersonSignInResult } from '../../core/personSignIn';
