/** Picks the host at runtime: a preload bridge means Electron, otherwise a plain browser. */
import { findBridge } from './bridge';
import { electronPlatform } from './electron';
import { webPlatform, type WebPlatformOptions } from './web';
import type { Platform } from './types';

export type {
  DiagnosticsResult,
  HostAppInfo,
  HostUpdates,
  InstallResult,
  LogEntry,
  Platform,
  SetupDefaults,
  SetupFailure,
  SetupResult,
  StationConfig,
  StationCredentials,
  StationSetup,
  SyncAccess,
  SyncSnapshot,
  UpdateChannel,
  UpdateStatus,
} from './types';
export { StationConfigError, isUnitCode } from './stationConfig';

export function detectPlatform(win: Window = window, webOptions?: WebPlatformOptions): Platform {
  const bridge = findBridge(win);
  return bridge ? electronPlatform(bridge) : webPlatform(win, webOptions);
}
