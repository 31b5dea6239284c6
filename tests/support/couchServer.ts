/**
 * The CouchDB-API server a test runs against: Apache CouchDB when `COUCHDB_URL` is set (with
 * admin credentials in it, e.g. http://admin:secret@127.0.0.1:5984), otherwise an embedded
 * pouchdb-server on 127.0.0.1 in a temporary folder, stopped and removed after the test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '../../district/devServer/embeddedServer';

export interface TestCouch {
  /** Server URL without credentials. */
  url: string;
  admin: { username: string; password: string };
  /** `Basic …` header value for the admin. */
  adminAuth: string;
  /** 'embedded' (pouchdb-server) or 'couchdb' (COUCHDB_URL); tests name the differences. */
  kind: 'embedded' | 'couchdb';
  /** fetch against the server as admin: `adminFetch('/db/_all_docs')`. */
  adminFetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export function basicAuth(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

function withAdmin(url: string, adminAuth: string) {
  return (path: string, init: RequestInit = {}) =>
    fetch(url + path, {
      cache: 'no-store',
      ...init,
      headers: { authorization: adminAuth, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
}

export async function startTestCouch(): Promise<TestCouch> {
  const external = process.env.COUCHDB_URL;
  if (external) {
    const parsed = new URL(external);
    const username = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    parsed.username = '';
    parsed.password = '';
    const url = parsed.toString().replace(/\/$/, '');
    const adminAuth = basicAuth(username, password);
    return { url, admin: { username, password }, adminAuth, kind: 'couchdb', adminFetch: withAdmin(url, adminAuth), stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gridlink-couch-'));
  const admin = { username: 'admin', password: `test-${Math.random().toString(36).slice(2)}` };
  const server = await startEmbeddedServer({ dir, adminUser: admin.username, adminPassword: admin.password });
  const adminAuth = basicAuth(admin.username, admin.password);
  return {
    url: server.url,
    admin,
    adminAuth,
    kind: 'embedded',
    adminFetch: withAdmin(server.url, adminAuth),
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `docs` (CouchDB shape) as the admin, 2,000 per request; fails on a refused request. */
export async function bulkWrite(couch: TestCouch, dbName: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 2000) {
    const response = await couch.adminFetch(`/${dbName}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: docs.slice(i, i + 2000) }) });
    if (!response.ok) throw new Error(`seeding ${dbName} failed: ${response.status} ${await response.text()}`);
  }
}

/** A database name no other test uses, so suites can share one real CouchDB. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A district code no other test file on this server uses, so files provisioning a district run
 * in parallel on one CouchDB: the topology's names (databases, users, jobs) all derive from it.
 * Reserved atomically with a doc in `gl-test-reservations` (a 409 means taken: try another).
 */
export async function reserveDistrictCode(couch: TestCouch): Promise<string> {
  const db = '/gl-test-reservations';
  const made = await couch.adminFetch(db, { method: 'PUT' });
  if (!made.ok && made.status !== 412) throw new Error(`creating ${db} failed: ${made.status} ${await made.text()}`);
  for (let attempt = 0; attempt < 50; attempt++) {
    // Jiangsu (32), prefectures 01–99, counties 01–99: valid county codes (core/codes.ts).
    const code = `32${String(1 + Math.floor(Math.random() * 99)).padStart(2, '0')}${String(1 + Math.floor(Math.random() * 99)).padStart(2, '0')}`;
    const put = await couch.adminFetch(`${db}/${code}`, { method: 'PUT', body: JSON.stringify({ at: new Date().toISOString() }) });
    if (put.ok) return code;
    if (put.status !== 409) throw new Error(`reserving district ${code} failed: ${put.status} ${await put.text()}`);
  }
  throw new Error('no free district code after 50 attempts');
}

/**
 * Removes what a test district left on a shared server (Apache CouchDB from COUCHDB_URL): its
 * replication jobs first (so none keeps running into a deleted database), then its databases
 * and its users. The embedded server is deleted whole instead.
 */
export async function removeDistrict(couch: TestCouch, districtCode: string): Promise<void> {
  if (couch.kind === 'embedded') return;
  const ofDistrict = new RegExp(`^gl-(?:station|town|district)-${districtCode}`);
  const jobs = (await (await couch.adminFetch('/_replicator/_all_docs?startkey="gridlink-"&endkey="gridlink-\ufff0"')).json()) as { rows: { id: string; value: { rev: string } }[] };
  const doomed = jobs.rows.filter((row) => ofDistrict.test(row.id.replace(/^gridlink-(?:up|down)-/, '')));
  if (doomed.length > 0) {
    await couch.adminFetch('/_replicator/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: doomed.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })) }) });
  }
  const databases = (await (await couch.adminFetch('/_all_dbs')).json()) as string[];
  for (const db of databases.filter((name) => ofDistrict.test(name))) await couch.adminFetch(`/${db}`, { method: 'DELETE' });
  const users = (await (await couch.adminFetch(`/_users/_all_docs?startkey="org.couchdb.user:"&endkey="org.couchdb.user:\ufff0"`)).json()) as { rows: { id: string; value: { rev: string } }[] };
  const unitUsers = users.rows.filter((row) => new RegExp(`^org\\.couchdb\\.user:[a-z]+-${districtCode}`).test(row.id));
  if (unitUsers.length > 0) {
    await couch.adminFetch('/_users/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: unitUsers.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })) }) });
  }
}
