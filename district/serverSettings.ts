/**
 * The CouchDB settings a district needs, applied by `provision` through CouchDB's config API
 * (`/_node/_local/_config`) and checked by `status`, which reports any drift. Each says why;
 * docs/deployment.md lists them too. Apache CouchDB only: the embedded pouchdb-server (dev and
 * tests) is configured by its launcher and has no such API, so there they are reported skipped.
 */
import { DOC_LIMITS } from '../core/limits';
import type { Connection } from './connection';

export interface ServerSetting {
  section: string;
  key: string;
  value: string;
  /**
   * `atLeast`: a number the server may exceed (raised by hand for a bigger district);
   * `includes`: a comma-separated list that must hold these entries (others may be there).
   */
  compare: 'equal' | 'atLeast' | 'includes';
  why: string;
}

export interface SettingDrift {
  section: string;
  key: string;
  wanted: string;
  actual: string | null;
  compare: ServerSetting['compare'];
}

/** The origin the desktop app's pages come from (main/appProtocol.ts). */
export const APP_ORIGIN = 'gridlink://app';

export interface SettingsOptions {
  /** Continuous jobs the server runs for all the districts it holds (two per town and village). */
  jobs: number;
  /** Databases the server holds. */
  databases: number;
  /** Browser origins allowed besides the app's (the web build, tests); `*` for any. */
  corsOrigins?: readonly string[];
}

/** Rounded up to a round hundred with a quarter of headroom. */
const withHeadroom = (n: number, floor: number) => String(Math.max(floor, Math.ceil((n * 1.25) / 100) * 100));

export function serverSettingsOf(options: SettingsOptions): ServerSetting[] {
  const origins = [APP_ORIGIN, ...(options.corsOrigins ?? [])].join(', ');
  const equal = (section: string, key: string, value: string, why: string): ServerSetting => ({ section, key, value, compare: 'equal', why });
  const atLeast = (section: string, key: string, value: string, why: string): ServerSetting => ({ section, key, value, compare: 'atLeast', why });
  const includes = (section: string, key: string, value: string, why: string): ServerSetting => ({ section, key, value, compare: 'includes', why });
  return [
    equal('chttpd', 'require_valid_user', 'true', 'nothing is readable without an account'),
    equal('chttpd', 'admin_only_all_dbs', 'true', 'a station may not list the district’s databases'),
    equal('couchdb', 'default_security', 'admin_only', 'a new database stays closed until provisioning names its members'),
    // Bytes of a doc's JSON body; attachments (photos, installers) are not counted.
    atLeast('couchdb', 'max_document_size', String(4 * DOC_LIMITS.maxDocChars), 'the rules refuse a station doc above 1,000,000 characters; this is the server’s own backstop (4 bytes a character)'),
    atLeast('replicator', 'max_jobs', withHeadroom(options.jobs, 500), 'every continuous job runs (jobs above max_jobs are rotated and stations wait minutes)'),
    atLeast('couchdb', 'max_dbs_open', withHeadroom(options.databases, 500), 'all station databases stay open'),
    // The default first asks `/_session` for a cookie when a job starts; under load that request
    // failed (sel_conn_closed) and the job did not start for minutes: a station's orders never
    // reached its town (CouchDB 3.5.0, found by the randomized run). Basic auth on each request
    // costs 1.6 ms against 1.2 ms with a cookie (measured, admin from the config).
    equal('replicator', 'auth_plugins', 'couch_replicator_auth_noop', 'a replication job starts without asking the server for a session first'),
    equal('chttpd', 'enable_cors', 'true', 'the app’s pages (gridlink://app) call the server from a browser origin'),
    includes('cors', 'origins', origins, 'only the app (and the origins named at provisioning) may call the server from a page'),
    equal('cors', 'credentials', 'true', 'the app sends its account with each request'),
    equal('cors', 'methods', 'GET, PUT, POST, HEAD, DELETE', 'what the sync engine uses'),
    equal('cors', 'headers', 'accept, authorization, content-type, origin, referer, cache-control, x-requested-with', 'what the sync engine sends'),
  ];
}

type ConfigApi = 'node' | 'none';

/** Apache CouchDB 2+ has the per-node config API; pouchdb-server does not. */
export async function configApiOf(connection: Connection): Promise<ConfigApi> {
  const root = (await connection.couch.request({ path: '' })) as { couchdb?: string; version?: string };
  return root.couchdb === 'Welcome' && Number.parseInt(root.version ?? '0', 10) >= 2 ? 'node' : 'none';
}

async function readSetting(connection: Connection, setting: ServerSetting): Promise<string | null> {
  try {
    return (await connection.couch.request({ path: `_node/_local/_config/${setting.section}/${setting.key}` })) as unknown as string;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

const listOf = (value: string) => value.split(',').map((entry) => entry.trim()).filter(Boolean);

function differs(setting: ServerSetting, actual: string | null): boolean {
  if (actual === null) return true;
  if (setting.compare === 'atLeast') return !(Number(actual) >= Number(setting.value));
  if (setting.compare === 'includes') return listOf(setting.value).some((entry) => !listOf(actual).includes(entry));
  return actual.trim() !== setting.value;
}

/** The value to write: the wanted one, or for a list the union with what the server has. */
function valueToWrite(setting: SettingDrift & { compare: ServerSetting['compare'] }): string {
  if (setting.compare !== 'includes' || setting.actual === null) return setting.wanted;
  return [...new Set([...listOf(setting.actual), ...listOf(setting.wanted)])].join(', ');
}

/** The settings that are not as wanted (null: the server has no config API to ask). */
export async function serverDrift(connection: Connection, settings: readonly ServerSetting[]): Promise<SettingDrift[] | null> {
  if ((await configApiOf(connection)) === 'none') return null;
  const drift: SettingDrift[] = [];
  for (const setting of settings) {
    const actual = await readSetting(connection, setting);
    if (differs(setting, actual)) drift.push({ section: setting.section, key: setting.key, wanted: setting.value, actual, compare: setting.compare });
  }
  return drift;
}

/** Sets what drifted; returns what it changed (null: no config API, nothing applied). */
export async function applyServerSettings(connection: Connection, settings: readonly ServerSetting[]): Promise<SettingDrift[] | null> {
  const drift = await serverDrift(connection, settings);
  if (!drift) return null;
  for (const change of drift) {
    await connection.couch.request({ method: 'put', path: `_node/_local/_config/${change.section}/${change.key}`, body: valueToWrite(change) });
  }
  return drift;
}
