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

/** A database name no other test uses, so suites can share one real CouchDB. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
