/**
 * The built desktop app, launched for real through Playwright's Electron driver: one window on
 * gridlink://app/ with the CSP, the preload bridge and no Node in the page.
 *
 * Needs the Electron binary, which cannot be downloaded on the build machines here; there the
 * test is skipped and says why. District IT machines (docs/installers.md) have the binary.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeFunctionNames } from '../../ipc/contract';
import { databaseOfUnit } from '../../core/org';
import { startTestCouch, type TestCouch } from '../support/couchServer';
import { findElectronBinary } from '../../scripts/electronBinary';
import { PROJECT_ROOT } from './support/paths';

const binary = findElectronBinary();
if (binary === null) {
  console.warn('Electron binary not installed: smoke test skipped (node_modules/electron/dist is empty; see docs/installers.md).');
}
const MAIN_ENTRY = join(PROJECT_ROOT, 'out/main/index.js');

const STATION = '320506101002';
const USERNAME = `station-${STATION}`;
/** The station's password, a marker searched for in everything the page can reach. */
const PASSWORD = 'PW-MARKER-electron-网格-81d4';

/**
 * Every string reachable from the page's globals (window and what hangs off it, the DOM nodes
 * with React's state on them), its storage and its document, searched for `marker`: the paths
 * where it was found.
 */
function findInPage(marker: string): string[] {
  const found: string[] = [];
  const seen = new WeakSet<object>();
  const queue: [unknown, string][] = [[window, 'window']];
  for (const node of Array.from(document.querySelectorAll('*'))) queue.push([node, `<${node.tagName.toLowerCase()}>`]);
  let visited = 0;
  while (queue.length > 0 && visited < 500_000) {
    const [value, path] = queue.shift()!;
    visited++;
    if (typeof value === 'string') {
      if (value.includes(marker)) found.push(path);
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    let keys: string[];
    try {
      keys = Object.getOwnPropertyNames(value);
    } catch {
      continue;
    }
    for (const key of keys) {
      try {
        const child = (value as Record<string, unknown>)[key];
        if (path.split('.').length < 12) queue.push([child, `${path}.${key}`]);
      } catch {
        // A getter that throws (a detached frame's window) holds nothing for us.
      }
    }
  }
  const stores = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.documentElement.outerHTML, document.cookie];
  stores.forEach((text, i) => text.includes(marker) && found.push(['localStorage', 'sessionStorage', 'document', 'cookie'][i]!));
  return found;
}

describe.skipIf(binary === null)('the desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    if (!existsSync(MAIN_ENTRY) || !existsSync(join(PROJECT_ROOT, 'out/preload/index.cjs'))) {
      await promisify(execFile)('npx', ['electron-vite', 'build'], { cwd: PROJECT_ROOT });
    }
    userData = await mkdtemp(join(tmpdir(), 'gridlink-electron-'));
    app = await _electron.launch({
      executablePath: binary!,
      args: [MAIN_ENTRY, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it('opens one window on the app protocol with the strict CSP', async () => {
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^gridlink:\/\/app\//);
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
  });

  it('exposes exactly the contract on window.gridlink and no Node to the page', async () => {
    const seen = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { gridlink: object }).gridlink).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(seen).toEqual({ bridge: [...bridgeFunctionNames].sort(), require: 'undefined', process: 'undefined' });
    const state = await page.evaluate(() => (window as unknown as { gridlink: { getStationState(): Promise<unknown> } }).gridlink.getStationState());
    expect(state).toEqual({ status: 'unconfigured' });
  });

  it('set up through its form, the page holds the station password nowhere it could read', async () => {
    let couch: TestCouch | null = null;
    try {
      couch = await startTestCouch();
      const db = databaseOfUnit(STATION);
      await couch.adminFetch('/_users', { method: 'PUT' });
      await couch.adminFetch(`/${db}`, { method: 'PUT' });
      await couch.adminFetch(`/${db}/_security`, { method: 'PUT', body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: [], roles: [`station:${STATION}`] } }) });
      const user = { _id: `org.couchdb.user:${USERNAME}`, name: USERNAME, type: 'user', roles: [`station:${STATION}`], password: PASSWORD };
      await couch.adminFetch(`/_users/${encodeURIComponent(user._id)}`, { method: 'PUT', body: JSON.stringify(user) });
      const fields = { districtUrl: couch.url, stationCode: STATION, username: USERNAME, password: PASSWORD };
      for (const [name, value] of Object.entries(fields)) await page.locator(`input[name="${name}"]`).fill(value);
      await page.getByRole('button', { name: '连接并保存' }).click();
      await page.getByRole('navigation', { name: '主导航' }).waitFor({ timeout: 60_000 });
      // Synced through main's proxy: online, with nothing refused.
      await page.locator('.sync-indicator[data-tone="online"]').waitFor({ timeout: 60_000 });
      expect(await page.evaluate(findInPage, PASSWORD)).toEqual([]);
    } finally {
      await couch?.stop();
    }
  });

  it('stays on the app when the page tries to navigate away or open a window', async () => {
    await page.evaluate(() => {
      window.open('https://example.com/');
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^gridlink:\/\/app\//);
    expect(app.windows()).toHaveLength(1);
  });
});
