/**
 * The benchmark's server and station database: COUCHDB_URL if set, else the embedded
 * pouchdb-server; a station database seeded from the demo district generator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allDemoDocs, generateDemoDistrict } from '../../district/demo';
import { startEmbeddedServer } from '../../district/devServer/embeddedServer';
import { toCouchDoc } from '../../core/couchDoc';
import type { AnyDoc } from '../../core/schema';
import { flowsDownTo } from '../../core/topology';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/support/chromium';
import { buildHarness, serveHarness } from '../../tests/support/syncHarness/harness';

export interface Server {
  url: string;
  admin: { username: string; password: string };
  stop(): Promise<void>;
}

export async function startServer(): Promise<Server> {
  if (process.env.COUCHDB_URL) {
    const parsed = new URL(process.env.COUCHDB_URL);
    const admin = { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
    parsed.username = '';
    parsed.password = '';
    return { url: parsed.toString().replace(/\/$/, ''), admin, stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gridlink-bench-'));
  const admin = { username: 'admin', password: `bench-${Math.random().toString(36).slice(2)}` };
  const server = await startEmbeddedServer({ dir, adminUser: admin.username, adminPassword: admin.password });
  return {
    url: server.url,
    admin,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The sync harness page (tests/support/syncHarness) built, served and open in headless Chromium
 * for `run`; then everything is closed, the server too.
 */
export async function withHarnessPage(server: Server, run: (page: Page) => Promise<void>): Promise<void> {
  console.log('building the harness page …');
  await buildHarness();
  const site = await serveHarness();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log('page:', m.text()));
    await page.goto(site.url);
    await page.waitForFunction(() => document.title === 'ready');
    await run(page);
  } finally {
    await browser.close();
    await site.close();
    await server.stop();
  }
}

export function stationDocs(count: number): { stationCode: string; docs: AnyDoc[] } {
  const district = generateDemoDistrict({ towns: 1, villagesPerTown: 1, ticketsPerVillage: Math.ceil(count / 4.3), casesPerVillage: 40, componentsPerVillage: 300, staffPerVillage: 10 });
  const stationCode = district.docs.tickets[0].ownerCode;
  const docs = [...allDemoDocs(district)].filter((d) => flowsDownTo(d, stationCode)) as AnyDoc[];
  if (docs.length < count) throw new Error(`demo station has ${docs.length} docs, fewer than ${count}`);
  return { stationCode, docs: docs.slice(0, count) };
}

export async function seed(server: Server, dbName: string, docs: AnyDoc[], stationCode: string) {
  const auth = 'Basic ' + Buffer.from(`${server.admin.username}:${server.admin.password}`).toString('base64');
  const call = async (path: string, method: string, body?: unknown) => {
    const response = await fetch(server.url + path, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok && response.status !== 412) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  await call(`/${dbName}`, 'DELETE').catch(() => undefined);
  await call(`/${dbName}`, 'PUT');
  for (let i = 0; i < docs.length; i += 2000) await call(`/${dbName}/_bulk_docs`, 'POST', { docs: docs.slice(i, i + 2000).map((d) => toCouchDoc(d)) });
  const username = `bench-${stationCode}`;
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const userPath = `/_users/org.couchdb.user:${username}`;
  const existing = await fetch(server.url + userPath, { headers: { authorization: auth } });
  const rev = existing.ok ? ((await existing.json()) as { _rev: string })._rev : undefined;
  await call(userPath, 'PUT', { name: username, password, roles: [`station:${stationCode}`], type: 'user', ...(rev ? { _rev: rev } : {}) });
  await call(`/${dbName}/_security`, 'PUT', { admins: { names: [], roles: [] }, members: { names: [], roles: [`station:${stationCode}`] } });
  return { username, password };
}

