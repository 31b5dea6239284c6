/**
 * Main talks to the district server on the renderer's behalf, so the page never holds the
 * station's password. In the desktop app the sync engine's base URL is
 * `gridlink-district://district` (ipc/contract.ts DISTRICT_PROXY_URL); main answers that scheme
 * with the handler below, which forwards each request to the configured district server with
 * the station's Basic login added and streams both bodies (the `_changes` longpoll answers
 * slowly, uploads carry photos inline).
 *
 * Only what the sync engine (sync/*) calls is forwarded; anything else is refused with 403:
 * - `GET|HEAD /` (the server answers; its clock) and `GET|HEAD /_session`;
 * - the station's own database: `GET|HEAD /<db>`, `GET|HEAD|POST /<db>/_changes` (POST: the
 *   sync window's `filter=_selector`, core/syncWindow.ts),
 *   `GET|HEAD|POST /<db>/_all_docs`, `POST /<db>/_bulk_docs`, and `GET|HEAD` of a document or
 *   an attachment (`/<db>/<doc>[/<attachment>]`) whose id does not start with `_`.
 * A page holding this scheme can therefore do what the sync does with the station's login and
 * nothing more: not read `_users`, another station's database, `_design` or `_security`.
 *
 * Plain `(Request) => Promise<Response>` with `fetch` and the target injected, so Node tests run
 * the real sync engine through it against a real server; main/index.ts hands it to
 * `protocol.handle` with Electron's `net.fetch` (Chromium's network stack: the system's
 * certificate store and proxy settings, as the renderer had).
 */
import { DISTRICT_HOST, DISTRICT_SCHEME, type StationConfig, type StationCredentials } from '../ipc/contract';
import { basicAuthHeader, NO_STORE } from '../sync/couchClient';

/**
 * Must be registered before `app.ready`. corsEnabled: the app's page (`gridlink://app`) is
 * another origin and fetches it in CORS mode; stream: `_changes` and attachments arrive as they
 * are read, not buffered.
 */
export const districtSchemePrivileges = {
  scheme: DISTRICT_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
} as const;

/** Where requests go and as whom: null while the station is not set up or not unlocked. */
export interface DistrictTarget {
  districtUrl: string;
  /** The databases the station syncs with (its own). */
  databases: readonly string[];
  credentials: StationCredentials;
}

export function districtTargetOf(config: Pick<StationConfig, 'districtUrl' | 'database'> | null, credentials: StationCredentials | null): DistrictTarget | null {
  return config === null || credentials === null ? null : { districtUrl: config.districtUrl, databases: [config.database], credentials };
}

/** `fetch` as main has it (Electron's net.fetch, or Node's in tests); `duplex` for a streamed upload. */
export type MainFetch = (input: string, init: RequestInit & { duplex?: 'half' }) => Promise<Response>;

export interface DistrictProxyOptions {
  /** Read per request: setup and unlock change it. */
  target: () => DistrictTarget | null;
  fetch: MainFetch;
  /** Whether a page origin is the app's own (CORS answers name only it). */
  isAppOrigin: (origin: string) => boolean;
  /**
   * The origin CORS answers name when a request carries no Origin header (should the runtime
   * not pass it to the handler): the app's own page, never `*`.
   */
  appOrigin?: string;
  log?: { warn(message: string): void };
}

type Method = 'GET' | 'HEAD' | 'POST';
const READ: readonly Method[] = ['GET', 'HEAD'];

/**
 * The upstream path of an allowed request (its segments as they came, re-joined), or null.
 * Segments are compared decoded; a segment that decodes to `.`/`..` or holds a `/` is refused.
 */
export function forwardedPath(method: string, pathname: string, databases: readonly string[]): string | null {
  if (pathname === '/' || pathname === '') return READ.includes(method as Method) ? '/' : null;
  const raw = pathname.replace(/^\//, '').split('/');
  if (raw.length > 0 && raw[raw.length - 1] === '' && raw.length > 1) raw.pop();
  let segments: string[];
  try {
    segments = raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\'))) return null;
  const allows = (methods: readonly Method[]) => methods.includes(method as Method);
  const path = `/${raw.join('/')}`;
  const [first, second, third, ...rest] = segments as [string, string | undefined, string | undefined, ...string[]];
  if (first === '_session') return second === undefined && allows(READ) ? path : null;
  if (!databases.includes(first) || rest.length > 0) return null;
  if (second === undefined) return allows(READ) ? path : null;
  if (second === '_changes') return third === undefined && allows([...READ, 'POST']) ? path : null;
  if (second === '_all_docs') return third === undefined && allows([...READ, 'POST']) ? path : null;
  if (second === '_bulk_docs') return third === undefined && allows(['POST']) ? path : null;
  // A document or one of its attachments: never `_design`, `_local`, `_security`, `_purge` …
  if (second.startsWith('_')) return null;
  return allows(READ) ? path : null;
}

/** Request headers the server may see from the page: never its own Authorization or cookies. */
const REQUEST_HEADERS = ['accept', 'content-type'];
/** Answer headers passed back (the body is decoded by fetch, so no content-encoding/length). */
const RESPONSE_HEADERS = ['content-type', 'etag', 'date', 'x-couch-request-id'];

function json(status: number, body: object, cors: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors } });
}

export function createDistrictProxy(options: DistrictProxyOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    // A page of another origin never gets an answer it may read; the app's own page does.
    if (origin !== null && !options.isAppOrigin(origin)) {
      options.log?.warn(`district request refused: origin ${origin} is not the app`);
      return json(403, { error: 'forbidden', reason: 'not the app' }, {});
    }
    const allowed = origin ?? options.appOrigin ?? null;
    const cors: Record<string, string> = allowed === null ? {} : { 'access-control-allow-origin': allowed, vary: 'origin' };
    if (url.protocol !== `${DISTRICT_SCHEME}:` || url.host !== DISTRICT_HOST) return json(404, { error: 'not_found', reason: 'unknown host' }, cors);
    if (request.method === 'OPTIONS') {
      // The CORS preflight of a POST with a JSON body: answered here, never forwarded.
      return new Response(null, {
        status: 204,
        headers: { ...cors, 'access-control-allow-methods': 'GET, HEAD, POST', 'access-control-allow-headers': REQUEST_HEADERS.join(', '), 'access-control-max-age': '600' },
      });
    }
    const target = options.target();
    if (target === null) return json(503, { error: 'not_configured', reason: 'the station is not set up or not unlocked' }, cors);
    const path = forwardedPath(request.method, url.pathname, target.databases);
    if (path === null) {
      options.log?.warn(`district request refused: ${request.method} ${url.pathname}`);
      return json(403, { error: 'forbidden', reason: `${request.method} ${url.pathname} is not forwarded to the district server` }, cors);
    }
    const headers = new Headers({ authorization: basicAuthHeader(target.credentials) });
    for (const name of REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const upstreamUrl = `${target.districtUrl.replace(/\/+$/, '')}${path}${url.search}`;
    const hasBody = request.method === 'POST' && request.body !== null;
    // A network failure rejects, so the page's fetch fails like an unreachable server (offline).
    const upstream = await options.fetch(upstreamUrl, {
      method: request.method,
      headers,
      signal: request.signal,
      ...NO_STORE,
      redirect: 'manual',
      ...(hasBody ? { body: request.body, duplex: 'half' as const } : {}),
    });
    const answer: Record<string, string> = { ...cors, 'cache-control': 'no-store' };
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) answer[name] = value;
    }
    // A redirect would carry the login elsewhere or hand the page a raw address: not followed.
    if (upstream.status >= 300 && upstream.status < 400) {
      await upstream.body?.cancel();
      return json(502, { error: 'bad_gateway', reason: `the district server redirected (${upstream.status})` }, cors);
    }
    return new Response(request.method === 'HEAD' || upstream.status === 204 || upstream.status === 304 ? null : upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: answer,
    });
  };
}

/**
 * For other main-side callers that talk to the district (the people part's online sign-in check):
 * a fetch below the configured district URL, as the station or as the login passed in. Not
 * path-restricted: main's own code chooses what it asks.
 */
export function createDistrictFetch(target: () => DistrictTarget | null, fetchFn: MainFetch) {
  return async (path: string, init: RequestInit = {}, login?: StationCredentials): Promise<Response> => {
    const current = target();
    if (current === null) throw new Error('the station is not set up');
    const headers = new Headers(init.headers);
    headers.set('authorization', basicAuthHeader(login ?? current.credentials));
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    return fetchFn(`${current.districtUrl.replace(/\/+$/, '')}/${path.replace(/^\//, '')}`, { ...NO_STORE, ...init, headers });
  };
}
