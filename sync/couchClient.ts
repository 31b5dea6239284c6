/**
 * The station's one CouchDB database over HTTP, as the sync engine needs it: authenticated JSON
 * requests that never hit the HTTP cache, and failures sorted into what a user can act on.
 *
 * Why `cache: 'no-store'`: CouchDB answers `_changes` and `_all_docs` with an ETag and Chromium
 * then serves repeats as 304s from its cache, so a resumed sync could see stale pages.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Never answered from the HTTP cache. Chromium honours `cache`; Node's fetch keeps no HTTP
 * cache and its RequestInit type has no such field, so this is spread into requests (which the
 * Node-typed worlds that import this module accept).
 */
export const NO_STORE: { cache?: 'no-store' } = { cache: 'no-store' };

export interface Credentials {
  username: string;
  password: string;
}

/** The server is unreachable (connection refused, reset, DNS): retry later, the user is offline. */
export class OfflineError extends Error {
  override readonly name = 'OfflineError';
}

/**
 * The server refused who we are (401: wrong name or password) or what we asked (403: not a
 * member of the database). CouchDB 3 answers a non-member with 403; pouchdb-server with 401.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly status: 401 | 403,
    readonly reason: string,
  ) {
    super(`CouchDB refused the request (${status}): ${reason}`);
  }
}

/** Any other non-2xx answer, with CouchDB's `error` and `reason` kept verbatim. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(`CouchDB answered ${status} ${error}: ${reason}`);
  }
}

/** UTF-8 safe Basic auth (user names may be Chinese); `btoa` alone only takes Latin-1. */
export function basicAuthHeader({ username, password }: Credentials): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return 'Basic ' + btoa(binary);
}

export interface CouchClientOptions {
  serverUrl: string;
  dbName: string;
  /**
   * The login sent with every request (Basic). Absent when something between the page and the
   * server adds it: the desktop app's main process (main/districtProxy.ts), which keeps it.
   */
  credentials?: Credentials;
  fetch?: FetchLike;
  /** How long a request may take to answer in full before it counts as lost (ms). */
  requestTimeoutMs?: number;
  /** Called when a 2xx answer's head arrives: the server is there, even if the body takes a while. */
  onAnswer?: () => void;
}

/**
 * A server that accepts a connection and never answers must not leave the station waiting
 * forever (it said 连接中 with no error): a request not answered in full within this long counts
 * as a network failure, and the connection's retry loop takes over. The server ends a longpoll
 * well inside it (changesFeed.ts); a page of 2000 docs takes a second or two on an intranet.
 */
export const REQUEST_TIMEOUT_MS = 60_000;

export class CouchClient {
  readonly dbUrl: string;
  private readonly auth: { authorization: string } | Record<string, never>;
  private readonly doFetch: FetchLike;
  /** How long a request may take to answer in full (ms). */
  readonly timeoutMs: number;
  private readonly onAnswer: () => void;

  constructor(options: CouchClientOptions) {
    this.timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.onAnswer = options.onAnswer ?? (() => undefined);
    this.dbUrl = `${options.serverUrl.replace(/\/$/, '')}/${encodeURIComponent(options.dbName)}`;
    this.auth = options.credentials ? { authorization: basicAuthHeader(options.credentials) } : {};
    this.doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** A raw request below the database URL (`/_changes?…`); errors are classified, the body is not read. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const { response, done } = await this.open(path, init);
    // The caller reads the body (an attachment may be large): the timeout covered the answer.
    done();
    return response;
  }

  /**
   * The request, bounded by `timeoutMs` (headers and, for `json`, the body): the caller's
   * own abort (a stop) passes through as is; the timeout becomes an OfflineError.
   */
  private async open(path: string, init: RequestInit): Promise<{ response: Response; done: () => void }> {
    const timeoutMs = this.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const outer = init.signal;
    const forward = () => controller.abort();
    outer?.addEventListener('abort', forward);
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    };
    let response: Response;
    try {
      response = await this.doFetch(this.dbUrl + path, {
        ...NO_STORE,
        ...init,
        signal: controller.signal,
        headers: { ...this.auth, accept: 'application/json', ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
      });
    } catch (error) {
      done();
      if (outer?.aborted) throw error;
      if (timedOut) throw new OfflineError(`no answer within ${Math.round(timeoutMs / 1000)} s: ${path.split('?')[0]}`);
      // fetch rejects with a TypeError for every network failure; that is "offline", not a bug.
      throw new OfflineError(error instanceof Error ? error.message : String(error));
    }
    if (response.ok) {
      this.onAnswer();
      return { response, done };
    }
    const body = (await response.json().catch(() => ({}))) as { error?: string; reason?: string };
    done();
    const reason = body.reason ?? response.statusText;
    if (response.status === 401 || response.status === 403) throw new AuthError(response.status, reason);
    throw new HttpError(response.status, body.error ?? String(response.status), reason);
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const { response, done } = await this.open(path, init);
    try {
      return (await response.json()) as T;
    } catch (error) {
      if (init.signal?.aborted) throw error;
      // A connection cut (or the timeout) while the body streams in surfaces here.
      throw new OfflineError(error instanceof Error ? error.message : String(error));
    } finally {
      done();
    }
  }

  post<T>(path: string, body: unknown, init: RequestInit = {}): Promise<T> {
    return this.json<T>(path, { ...init, method: 'POST', body: JSON.stringify(body) });
  }
}

/** Classifies anything thrown by the engine into what the status shows. */
export function isOffline(error: unknown): error is OfflineError {
  return error instanceof OfflineError;
}
