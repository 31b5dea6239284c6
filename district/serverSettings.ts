/**
 * The CouchDB settings a district needs, applied by `provision` through CouchDB's config API
 * (`/_node/<node>/_config`) and checked by `status`, which reports any drift. Each says why;
 * docs/deployment.md lists them too. Apache CouchDB only: the embedded pouchdb-server (dev and
 * tests) is configured by its launcher and has no such API, so there they are reported skipped.
 *
 * A cluster keeps its config per node, and a balancer sends each request to any of them: the
 * settings are read and written on every node of `_membership`, named, never through `_local`
 * (which would set whichever node answered). A cluster also needs a few values to be the same
 * on every node (`clusterDrift`).
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
  /** The node it was read on (`_local` on a server that is not a cluster member). */
  node: string;
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
  /**
   * Shard files each database has on a node (`[cluster] q`, 2 by CouchDB 3's default): a node
   * keeps each shard open on its own, and `max_dbs_open` counts shards, not databases.
   */
  shardsPerDatabase?: number;
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
    // Counted in shards: with CouchDB's default q=2 the bench district's 231 databases were 466
    // open shards, the default 500 ran out under load (`all_dbs_active`) and stations' writes
    // failed with 500 (the 220-station bench).
    atLeast('couchdb', 'max_dbs_open', withHeadroom(options.databases * (options.shardsPerDatabase ?? 1), 500), 'all station databases stay open (every shard of each)'),
    // The default first asks `/_session` for a cookie when a job starts; under load that request
    // failed (sel_conn_closed) and the job did not start for minutes: a station's orders never
    // reached its town (CouchDB 3.5.0, found by the randomized run). Basic auth on each request
    // costs 1.6 ms against 1.2 ms with a cookie (measured, admin from the config).
    equal('replicator', 'auth_plugins', 'couch_replicator_auth_noop', 'a replication job starts without asking the server for a session first'),
    // CouchDB gives each database's design doc JavaScript processes of its own by default (tagged
    // with the database's name): with one `_design/gridlink` in each of ~460 databases the pool
    // (`os_process_limit`, 100) was spawned, taught the rules and reaped over and over, writes
    // waited up to `os_process_timeout` and failed with 500 (the 220-station bench). Every
    // database holds the same rules, written only by district admins, so any process may serve
    // any of them: 278 against 65 validated `_bulk_docs` a second into 240 databases (measured).
    equal('query_server_config', 'db_tag', 'none', 'one pool of JavaScript processes serves the same rules in every database instead of one per database'),
    // Unit accounts' hashes are written at a low iteration count on purpose (userPassword.ts).
    equal('chttpd_auth', 'upgrade_hash_on_auth', 'false', 'a station’s first login after a restart does not re-hash its random password at 600,000 iterations and rewrite its account'),
    equal('chttpd', 'enable_cors', 'true', 'the app’s pages (gridlink://app) call the server from a browser origin'),
    includes('cors', 'origins', origins, 'only the app (and the origins named at provisioning) may call the server from a page'),
    equal('cors', 'credentials', 'true', 'the app sends its account with each request'),
    equal('cors', 'methods', 'GET, PUT, POST, HEAD, DELETE', 'what the sync engine uses'),
    equal('cors', 'headers', 'accept, authorization, content-type, origin, referer, cache-control, x-requested-with', 'what the sync engine sends'),
  ];
}

type ConfigApi = 'node' | 'none';

/** `[cluster] q` of the node this connection reaches: 2 when unset (CouchDB 3), 1 without a config API. */
export async function shardsPerDatabaseOf(connection: Connection): Promise<number> {
  if ((await configApiOf(connection)) === 'none') return 1;
  const q = await readConfig(connection, '_local', 'cluster', 'q');
  return q === null ? 2 : Math.max(1, Number.parseInt(q, 10) || 2);
}

/** Apache CouchDB 2+ has the per-node config API; pouchdb-server does not. */
export async function configApiOf(connection: Connection): Promise<ConfigApi> {
  const root = (await connection.couch.request({ path: '' })) as { couchdb?: string; version?: string };
  return root.couchdb === 'Welcome' && Number.parseInt(root.version ?? '0', 10) >= 2 ? 'node' : 'none';
}

/**
 * The nodes whose config counts: every member of the cluster (a single server lists itself,
 * `couchdb@127.0.0.1` or `nonode@nohost`).
 */
export async function nodesOf(connection: Connection): Promise<string[]> {
  const membership = (await connection.couch.request({ path: '_membership' })) as { cluster_nodes?: string[] };
  const nodes = membership.cluster_nodes ?? [];
  return nodes.length > 0 ? [...nodes].sort() : ['_local'];
}

const configPath = (node: string, section: string, key?: string) =>
  `_node/${encodeURIComponent(node)}/_config/${encodeURIComponent(section)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

async function readConfig(connection: Connection, node: string, section: string, key: string): Promise<string | null> {
  try {
    return (await connection.couch.request({ path: configPath(node, section, key) })) as unknown as string;
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

/** The settings that are not as wanted, on any node (null: the server has no config API to ask). */
export async function serverDrift(connection: Connection, settings: readonly ServerSetting[]): Promise<SettingDrift[] | null> {
  if ((await configApiOf(connection)) === 'none') return null;
  const drift: SettingDrift[] = [];
  for (const node of await nodesOf(connection)) {
    for (const setting of settings) {
      const actual = await readConfig(connection, node, setting.section, setting.key);
      if (differs(setting, actual)) drift.push({ node, section: setting.section, key: setting.key, wanted: setting.value, actual, compare: setting.compare });
    }
  }
  return drift;
}

/** Sets what drifted, node by node; returns what it changed (null: no config API, nothing applied). */
export async function applyServerSettings(connection: Connection, settings: readonly ServerSetting[]): Promise<SettingDrift[] | null> {
  const drift = await serverDrift(connection, settings);
  if (!drift) return null;
  for (const change of drift) {
    await connection.couch.request({ method: 'put', path: configPath(change.node, change.section, change.key), body: valueToWrite(change) });
  }
  return drift;
}

/**
 * What must be the same on every node of a cluster (CouchDB's cluster setup docs ask for it,
 * and its setup wizard does not see to it):
 * - each admin's password hash: a node hashes its `[admins]` entry with a salt of its own, and a
 *   session cookie is signed with the user's salt, so a cookie one node gave is refused by the
 *   others behind a balancer (a replicator or a station logging in with a cookie gets 401s);
 * - `[chttpd_auth] secret`, the other half of the cookie's signature;
 * - `[couchdb] uuid`, the server's identity in replication checkpoints: with a different one
 *   on each node a job that lands on another node starts its checkpoints over.
 * Values are never returned (they are secrets), only where they differ.
 */
export interface ClusterDrift {
  node: string;
  section: string;
  key: string;
}

const SHARED_VALUES: readonly { section: string; key: string }[] = [
  { section: 'chttpd_auth', key: 'secret' },
  { section: 'couchdb', key: 'uuid' },
];

/** One node's values for what must be shared, by `section/key`. */
async function sharedValues(connection: Connection, node: string): Promise<Map<string, string | null>> {
  const values = new Map<string, string | null>();
  for (const { section, key } of SHARED_VALUES) values.set(`${section}/${key}`, await readConfig(connection, node, section, key));
  const admins = (await connection.couch.request({ path: configPath(node, 'admins') })) as Record<string, string>;
  for (const [name, hash] of Object.entries(admins)) values.set(`admins/${name}`, hash);
  return values;
}

interface ClusterValues {
  drift: ClusterDrift[];
  /** The value every node should have, by `section/key`. */
  wanted: Map<string, string>;
}

/**
 * Where nodes differ. The value kept is the one most nodes have (a node that came back with a
 * fresh config is the odd one out); on a tie, that of the node this connection reached.
 */
async function clusterValues(connection: Connection, nodes: readonly string[]): Promise<ClusterValues> {
  const local = ((await connection.couch.request({ path: '_node/_local' })) as { name: string }).name;
  const byNode = new Map<string, Map<string, string | null>>();
  for (const node of nodes) byNode.set(node, await sharedValues(connection, node));
  const names = new Set([...byNode.values()].flatMap((values) => [...values.keys()]));
  const wanted = new Map<string, string>();
  const drift: ClusterDrift[] = [];
  for (const name of names) {
    const counts = new Map<string, number>();
    for (const values of byNode.values()) {
      const value = values.get(name);
      if (typeof value === 'string') counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const localValue = byNode.get(local)?.get(name);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || Number(b[0] === localValue) - Number(a[0] === localValue))[0];
    if (!best) continue;
    wanted.set(name, best[0]);
    const [section, key] = name.split('/') as [string, string];
    for (const [node, values] of byNode) if (values.get(name) !== best[0]) drift.push({ node, section, key });
  }
  return { drift, wanted };
}

/** Where a cluster's nodes differ in what they must share (null: no config API; [] on a single node). */
export async function clusterDrift(connection: Connection): Promise<ClusterDrift[] | null> {
  if ((await configApiOf(connection)) === 'none') return null;
  const nodes = await nodesOf(connection);
  return nodes.length < 2 ? [] : (await clusterValues(connection, nodes)).drift;
}

/** Gives the nodes that differ the shared value; returns what it changed (null: no config API). */
export async function alignCluster(connection: Connection): Promise<ClusterDrift[] | null> {
  if ((await configApiOf(connection)) === 'none') return null;
  const nodes = await nodesOf(connection);
  if (nodes.length < 2) return [];
  const { drift, wanted } = await clusterValues(connection, nodes);
  for (const change of drift) {
    // An admin's value is its hash (`-pbkdf2-…`), which CouchDB keeps as it is.
    const value = wanted.get(`${change.section}/${change.key}`);
    if (value !== undefined) await connection.couch.request({ method: 'put', path: configPath(change.node, change.section, change.key), body: value });
  }
  return drift;
}
