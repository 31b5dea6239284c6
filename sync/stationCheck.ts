/**
 * Checks a station's credentials against the district CouchDB before the setup is saved, so a
 * typo is caught while the clerk is still at the form rather than as a silent sync failure.
 *
 * Two requests: `GET /_session` with basic auth proves the password; `GET /<station db>` proves
 * the account may read that station. Plain `fetch`, so it runs in main, in Node tests against a
 * real server, and in a browser.
 */
import { databaseOfUnit } from '../core/org';
import { basicAuthHeader, NO_STORE } from './couchClient';

export type StationCheckResult =
  | { ok: true; database: string; userName: string }
  | { ok: false; reason: 'unreachable'; detail: string }
  | { ok: false; reason: 'wrongPassword' }
  | { ok: false; reason: 'wrongStation'; status: number };

export interface StationCheckInput {
  districtUrl: string;
  stationCode: string;
  username: string;
  password: string;
  /** Per request; a station on a slow intranet link still answers well within this. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function urlOf(base: string, path: string): string {
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}

export async function checkStation(input: StationCheckInput): Promise<StationCheckResult> {
  const doFetch = input.fetch ?? fetch;
  const database = databaseOfUnit(input.stationCode);
  const headers = { Accept: 'application/json', Authorization: basicAuthHeader(input) };
  const get = async (path: string): Promise<Response | { failed: string }> => {
    try {
      return await doFetch(urlOf(input.districtUrl, path), {
        ...NO_STORE,
        headers,
        signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
      });
    } catch (error) {
      return { failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  };

  const session = await get('_session');
  if ('failed' in session) return { ok: false, reason: 'unreachable', detail: session.failed };
  if (session.status === 401) return { ok: false, reason: 'wrongPassword' };
  if (!session.ok) return { ok: false, reason: 'unreachable', detail: `GET /_session answered ${session.status}` };
  const body = (await session.json().catch(() => null)) as { userCtx?: { name?: string | null } } | null;
  const userName = body?.userCtx?.name;
  // CouchDB answers 200 with an anonymous userCtx when it ignores the credentials; a server
  // that does not know this user is a wrong password from the clerk's point of view.
  if (typeof userName !== 'string' || userName.length === 0) return { ok: false, reason: 'wrongPassword' };

  const db = await get(encodeURIComponent(database));
  if ('failed' in db) return { ok: false, reason: 'unreachable', detail: db.failed };
  await db.body?.cancel();
  if (db.status === 200) return { ok: true, database, userName };
  // The password was just accepted, so a 401 here is a non-member (pouchdb-server answers 401
  // where CouchDB 3 answers 403); 404 is a station code the district never provisioned.
  if (db.status === 401 || db.status === 403 || db.status === 404) return { ok: false, reason: 'wrongStation', status: db.status };
  return { ok: false, reason: 'unreachable', detail: `GET /${database} answered ${db.status}` };
}
