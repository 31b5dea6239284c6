/**
 * The seam between the React app and its host. The same renderer runs inside Electron (the
 * preload bridge) and as a plain web page (browser storage); screens only see this interface.
 */

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

export interface Platform {
  kind: 'electron' | 'web';
  /** The configured station, or null when this workstation has not been set up yet. */
  getStationConfig(): Promise<StationConfig | null>;
}
