/**
 * The district CLI's connection to CouchDB as a server admin, checked up front so a wrong
 * URL or password stops with one clear line instead of a failure halfway through provisioning.
 */
import nano, { type ServerScope } from 'nano';
import { t } from '../core/i18n';
import { adminLoginFor, withoutLogin } from './adminLogin';
import { keepSecret } from './debugOutput';
import { DistrictError } from './districtError';

export interface ServerOptions {
  /** Server URL from the command line; a password in it is refused (adminLogin.ts says why). */
  server?: string;
  user?: string;
  /** For callers in code (the dev server, tests); the CLI has no password option. */
  password?: string;
  /**
   * Base URL the server's replicator uses to reach its own databases. On Apache CouchDB the
   * replicator runs inside the server, so this is a loopback URL (http://127.0.0.1:5984)
   * even when the CLI connects through a hostname or a TLS proxy. Defaults to the server URL.
   */
  replicationUrl?: string;
  /** The district to work on, when the server holds more than one (its 6-digit code). */
  district?: string;
}

export interface Connection {
  couch: ServerScope;
  /** Server URL without credentials. */
  url: string;
  adminName: string;
  /** `Basic …` header value of the admin, for replication job docs. */
  adminAuth: string;
  replicationUrl: string;
  /** The district asked for (`--district`), if any. */
  district?: string;
}

export function basicAuth(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

interface CouchFailure {
  statusCode?: number;
  message?: string;
}

function describeFailure(err: unknown): string {
  const failure = err as CouchFailure;
  return failure.message ?? String(err);
}

export async function connect(options: ServerOptions): Promise<Connection> {
  const raw = options.server ?? process.env.COUCHDB_URL;
  if (!raw) throw new DistrictError(t('district:connection.noServer'));
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new DistrictError(t('district:connection.badUrl', { url: raw }));
  }
  const url = withoutLogin(parsed);
  const login = options.user && options.password ? { user: options.user, password: options.password } : await adminLoginFor(parsed, options.user);
  if (!login) throw new DistrictError(t('district:connection.noCredentials', { url }));
  const user = login.user;
  const password = keepSecret(login.password);
  const withCredentials = new URL(url);
  withCredentials.username = encodeURIComponent(user);
  withCredentials.password = encodeURIComponent(password);
  const couch = nano(withCredentials.toString().replace(/\/$/, ''));
  let roles: string[];
  try {
    const session = (await couch.session()) as { userCtx?: { name?: string | null; roles?: string[] } };
    roles = session.userCtx?.roles ?? [];
  } catch (err) {
    const status = (err as CouchFailure).statusCode;
    if (status === 401) throw new DistrictError(t('district:connection.badPassword', { user, url }));
    throw new DistrictError(t('district:connection.unreachable', { url, reason: describeFailure(err) }));
  }
  if (!roles.includes('_admin')) throw new DistrictError(t('district:connection.notAdmin', { user, url }));
  const replicationUrl = (options.replicationUrl ?? url).replace(/\/$/, '');
  return { couch, url, adminName: user, adminAuth: basicAuth(user, password), replicationUrl, ...(options.district ? { district: options.district } : {}) };
}

/** 404 from CouchDB, as nano reports it. */
export function isNotFound(err: unknown): boolean {
  return (err as CouchFailure).statusCode === 404;
}

/** 409 from CouchDB (a write over a revision that is no longer the latest), as nano reports it. */
export function isConflict(err: unknown): boolean {
  return (err as CouchFailure).statusCode === 409;
}
