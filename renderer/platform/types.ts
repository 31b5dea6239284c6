/**
 * The seam between the React app and its host. The same renderer runs inside Electron (the
 * preload bridge) and as a plain web page (browser storage); screens only see this interface.
 *
 * Setup, unlock and their results use the IPC contract's types (ipc/contract.ts), so both hosts
 * answer the startup screens in exactly the same words.
 */
import type { SetupResult, StationCredentials, StationSetup } from '../../ipc/contract';

export type { SetupFailure, SetupResult, StationCredentials, StationSetup } from '../../ipc/contract';

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

/** What the setup form can be prefilled with (from the address, a saved config, the desktop app). */
export type SetupDefaults = Partial<Omit<StationSetup, 'password'>>;

export interface Platform {
  kind: 'electron' | 'web';
  /** The station this workstation is set up for, or null when it must be set up (first run). */
  getStationConfig(): Promise<StationConfig | null>;
  /** What is known for the setup form, even when the station is not (fully) set up. */
  getSetupDefaults(): Promise<SetupDefaults>;
  /** The station's login for this session; null when the password must be asked (a reload, `basic_text`). */
  getCredentials(): Promise<StationCredentials | null>;
  /** First run (or a new password): checked against the district server before anything is saved. */
  setupStation(setup: StationSetup): Promise<SetupResult>;
  /**
   * The password of the configured station for this session. Checked against the server when it
   * answers; when it is unreachable the password is taken unchecked (ok, with a warning), so a
   * clerk is never kept from the local data by the network.
   */
  unlock(password: string): Promise<SetupResult>;
}
