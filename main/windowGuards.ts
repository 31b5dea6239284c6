/**
 * Deny-by-default rules for every web page main creates: it may not navigate away from the app,
 * open windows, embed webviews or get device permissions. Links to an allow-listed site open in
 * the system browser instead. Typed against the small parts of Electron used, so tests pass
 * plain objects.
 */
import type { Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from '../ipc/contract';

export type TrustedOrigins = readonly string[];

/** `gridlink://app/...`, or the dev server in `electron-vite dev`. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes, so compare scheme and host.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return parsed.protocol === dev.protocol && parsed.host === dev.host;
  }
  return false;
}

/** Only plain web links to hosts district IT listed; never file:, javascript:, smb: … */
export function isExternalAllowed(url: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  return allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface GuardOptions {
  isAppUrl: (url: string) => boolean;
  /** Called for allow-listed links; the window itself is always denied. */
  openExternal: (url: string) => void;
  isExternalAllowed: (url: string) => boolean;
  log?: (message: string) => void;
}

export function guardWebContents(contents: GuardedContents, options: GuardOptions): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    options.log?.(`navigation refused: ${url}`);
    if (options.isExternalAllowed(url)) options.openExternal(url);
  };
  contents.on('will-navigate', (event, url) => refuseNavigation(event, url));
  contents.on('will-frame-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-redirect', (event, url) => refuseNavigation(event, url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log?.('webview refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    options.log?.(`window.open refused: ${url}`);
    if (options.isExternalAllowed(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, geolocation, notifications or USB: refuse them all. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>, log?: (message: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log?.(`permission refused: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
