/**
 * Serves the built renderer from `gridlink://app/` instead of file://. A real origin gives the
 * page its own IndexedDB/storage partition, lets CSP `'self'` mean "our files only", and lets
 * every IPC handler recognise the app's own frames by URL.
 *
 * The handler is a plain `(Request) => Promise<Response>` over the file system, so Node tests
 * call it directly; main/index.ts hands it to `protocol.handle`.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import mime from 'mime-types';
import { basemapOrigin } from '../core/basemap';
import { APP_HOST, APP_SCHEME, DISTRICT_SCHEME, type StationConfig } from '../ipc/contract';

/** Must be registered before `app.ready`: standard + secure make it behave like https. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/**
 * The page may load only its own files and talk only to the district server (sync). Map tiles
 * and photos are local (blob:/data:), the maplibre worker is one of our files.
 */
/**
 * The servers the page may fetch from: the district server (sync), and the basemap's tile
 * server once the district has named one (core/basemap.ts). The policy is read when the page
 * loads, so a basemap named later draws from the app's next start.
 */
export function stationConnectOrigins(config: Pick<StationConfig, 'districtUrl' | 'basemapUrl'> | null): string[] {
  if (config === null) return [];
  const basemap = basemapOrigin(config.basemapUrl);
  return [new URL(config.districtUrl).origin, ...(basemap ? [basemap] : [])];
}

/**
 * What the page's CSP lets it fetch: the district only through main's proxy scheme (which adds
 * the station's login, main/districtProxy.ts), never the district server directly, and the
 * basemap's tile server once the district has named one.
 */
export function pageConnectSources(config: Pick<StationConfig, 'districtUrl' | 'basemapUrl'> | null): string[] {
  const basemap = config === null ? null : basemapOrigin(config.basemapUrl);
  return [`${DISTRICT_SCHEME}:`, ...(basemap ? [basemap] : [])];
}

export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  const connect = ["'self'", ...new Set(connectOrigins)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface AppRequestHandlerOptions {
  /** out/renderer */
  rootDir: string;
  /** Read per request: the district server becomes known (and may change) at setup. */
  csp: () => string;
}

export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.rootDir);
  const respond = (body: ConstructorParameters<typeof Response>[0], status: number, contentType: string): Response =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': options.csp(),
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      },
    });
  const text = 'text/plain; charset=utf-8';

  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return respond('Not found', 404, text);
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond('Method not allowed', 405, text);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return respond('Bad request', 400, text);
    }
    // The page is a single-page app: a path without an extension is one of its routes.
    const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname.slice(1);
    const file = resolve(root, relative);
    if (file !== root && !file.startsWith(root + sep)) return respond('Not found', 404, text);
    try {
      if (!(await stat(file)).isFile()) return respond('Not found', 404, text);
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
      return respond(body, 200, mime.contentType(extname(file)) || 'application/octet-stream');
    } catch {
      return respond('Not found', 404, text);
    }
  };
}
