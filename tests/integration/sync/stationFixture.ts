/**
 * What the sync integration tests share: a station database on the test server seeded from the
 * demo district, a real member user, and local RxDB clients over fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { allDemoDocs, generateDemoDistrict, type DemoOptions } from '../../../district/demo';
import { toCouchDoc } from '../../../core/couchDoc';
import { dexieStorage, openDatabase } from '../../../sync/database';
import type { AnyDoc, CollectionName } from '../../../core/schema';
import { flowsDownTo } from '../../../core/topology';
import { bulkWrite, uniqueDbName, type TestCouch } from '../../support/couchServer';
import { startTcpProxy } from '../../support/tcpProxy';
import { startStationSync } from '../../../sync';
import type { GridlinkDatabase } from '../../../sync/database';

export const SMALL_DISTRICT: DemoOptions = { towns: 1, villagesPerTown: 2, ticketsPerVillage: 20, casesPerVillage: 5, componentsPerVillage: 10, staffPerVillage: 3 };

export interface SeededStation {
  dbName: string;
  stationCode: string;
  docs: AnyDoc[];
  user: { username: string; password: string };
}

/** Every demo doc that flows down to the first village: what its station database holds. */
export function stationDocs(options: DemoOptions = SMALL_DISTRICT): { stationCode: string; docs: AnyDoc[] } {
  const district = generateDemoDistrict(options);
  const stationCode = district.docs.tickets[0]?.ownerCode ?? district.orgTree.towns[0].villages[0].code;
  const docs = [...allDemoDocs(district)].filter((doc) => flowsDownTo(doc, stationCode)) as AnyDoc[];
  return { stationCode, docs };
}

/** A station user (role `station:<code>`) who is a member of the database. */
export async function createMember(couch: TestCouch, dbName: string, stationCode: string): Promise<{ username: string; password: string }> {
  const user = await createUser(couch, `${dbName}-clerk`, `station:${stationCode}`);
  const security = await couch.adminFetch(`/${dbName}/_security`, {
    method: 'PUT',
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: [], roles: [`station:${stationCode}`] } }),
  });
  if (!security.ok) throw new Error(`setting _security failed: ${security.status} ${await security.text()}`);
  return user;
}

/** A real CouchDB user in `_users` with one role. */
export async function createUser(couch: TestCouch, username: string, role: string): Promise<{ username: string; password: string }> {
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const put = await couch.adminFetch(`/_users/org.couchdb.user:${encodeURIComponent(username)}`, {
    method: 'PUT',
    body: JSON.stringify({ name: username, password, roles: [role], type: 'user' }),
  });
  if (!put.ok) throw new Error(`creating user failed: ${put.status} ${await put.text()}`);
  return { username, password };
}

export async function seedStation(couch: TestCouch, options: { district?: DemoOptions; docs?: AnyDoc[] } = {}): Promise<SeededStation> {
  const { stationCode, docs: demo } = stationDocs(options.district);
  const docs = options.docs ?? demo;
  const dbName = uniqueDbName('gl-station-test');
  const created = await couch.adminFetch(`/${dbName}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`creating ${dbName} failed: ${created.status}`);
  await bulkWrite(couch, dbName, docs.map((doc) => toCouchDoc(doc)));
  const user = await createMember(couch, dbName, stationCode);
  return { dbName, stationCode, docs, user };
}

let clients = 0;
/** A fresh local database (fake-indexeddb); `collections` to stay under RxDB's 13-collection limit. */
export function openClient<K extends CollectionName>(collections?: readonly K[]) {
  return reopenClient<K>(`client${++clients}${Date.now().toString(36)}`, collections);
}

/** The local database `name` again, as the app opens it after a restart (fake-indexeddb keeps it in this process). */
export function reopenClient<K extends CollectionName>(name: string, collections?: readonly K[]) {
  return openDatabase<K>({ name, storage: dexieStorage(indexedDB, IDBKeyRange), collections });
}

/** Every connection state the sync shows during the next `ms` (looked at every 20 ms). */
export async function connectionStatesDuring(sync: { status: { connection: string } }, ms: number): Promise<string[]> {
  const seen = new Set<string>([sync.status.connection]);
  const watching = setInterval(() => seen.add(sync.status.connection), 20);
  await new Promise((r) => setTimeout(r, ms));
  clearInterval(watching);
  seen.add(sync.status.connection);
  return [...seen];
}

/** Polls `check` until it returns a truthy value (or throws its last error after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The server's docs (without `_rev`), keyed by id, as the app sees them. */
export async function serverDocs(couch: TestCouch, dbName: string): Promise<Map<string, Record<string, unknown>>> {
  const response = await couch.adminFetch(`/${dbName}/_all_docs?include_docs=true`);
  const body = (await response.json()) as { rows: { id: string; doc: Record<string, unknown> }[] };
  const docs = new Map<string, Record<string, unknown>>();
  for (const row of body.rows) {
    if (row.id.startsWith('_design/')) continue;
    const { _id, _rev: _r, _attachments: _a, ...rest } = row.doc;
    docs.set(row.id, { id: _id, ...rest });
  }
  return docs;
}

/** Retries a test can wait out: the network comes back within a second. */
export const FAST_RETRY = { minMs: 100, maxMs: 1000 };

/** A seeded station and a client syncing with it through a proxy the test can cut. */
export async function stationBehindProxy(couch: TestCouch) {
  const station = await seedStation(couch);
  const proxy = await startTcpProxy(couch.url);
  const db = (await openClient()) as unknown as GridlinkDatabase;
  const sync = await startStationSync({ db, serverUrl: proxy.url, dbName: station.dbName, credentials: station.user, retry: FAST_RETRY });
  return {
    station,
    proxy,
    db,
    sync,
    async close() {
      await sync.stop();
      await db.close();
      await proxy.stop();
    },
  };
}
