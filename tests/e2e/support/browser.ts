/**
 * The browser side of the e2e harness: Debian's Chromium through playwright-core, the web build
 * served locally, console error collection and screenshots into artifacts/screenshots/.
 *
 *   const app = await openWebApp();            // server + browser
 *   const page = await app.newPage('?demo=1');  // fresh profile (empty IndexedDB) per page
 *   ...
 *   await saveScreenshot(page, 'app-shell');
 *   await app.close();
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { RENDERER_OUT, SCREENSHOTS_DIR } from './paths';
import { ensureRendererBuilt } from './rendererBuild';
import { serveStatic, type StaticServer } from '../../../district/devServer/staticServer';

export { RENDERER_OUT, SCREENSHOTS_DIR } from './paths';
export { CHROMIUM_ARGS, WEBGL_CHROMIUM_ARGS, launchChromium } from '../../support/chromium';
export { serveStatic, type StaticServer } from '../../../district/devServer/staticServer';
export { ensureRendererBuilt } from './rendererBuild';

/** Console errors and uncaught exceptions of a page; assert it stays empty. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/**
 * The errors a test that cuts the network on purpose must not count: Chromium logs the requests
 * the cut broke (a longpoll open at that moment ends as SOCKET_NOT_CONNECTED or RESET).
 */
export function realErrors(errors: string[]): string[] {
  return errors.filter((line) => !/net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|CONNECTION_CLOSED|SOCKET_NOT_CONNECTED|INCOMPLETE_CHUNKED_ENCODING|FAILED)/.test(line));
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  // Transitions finished, so a hover fading out does not show up in the picture.
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}

export interface WebAppPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

export interface NewPageOptions {
  viewport?: { width: number; height: number };
  /** Runs before the page loads, e.g. `context.addInitScript(...)` to stand in for the preload bridge. */
  init?: (context: BrowserContext) => Promise<unknown>;
}

export interface WebApp {
  server: StaticServer;
  browser: Browser;
  /** A new browser profile (its own IndexedDB and localStorage) opened at `<server>/<query+hash>`. */
  newPage(path?: string, options?: NewPageOptions): Promise<WebAppPage>;
  close(): Promise<void>;
}

/**
 * Serves out/renderer (building it first if stale) and starts Chromium. Close it in afterAll.
 * `headers` go on every response, e.g. the desktop app's Content-Security-Policy; `webgl` for
 * suites that show the map.
 */
export async function openWebApp(options: { headers?: Record<string, string>; webgl?: boolean } = {}): Promise<WebApp> {
  await ensureRendererBuilt();
  // Serve a private copy: another build of out/renderer during the run (a developer, another
  // suite) must not swap the files under a page that is still loading them.
  const snapshot = await mkdtemp(join(tmpdir(), 'gridlink-e2e-'));
  await cp(RENDERER_OUT, snapshot, { recursive: true });
  const server = await serveStatic(snapshot, { headers: options.headers });
  const browser = await launchChromium({ webgl: options.webgl }).catch(async (error: unknown) => {
    await server.close();
    await rm(snapshot, { recursive: true, force: true });
    throw error;
  });
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async newPage(path = '', options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1366, height: 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      await options.init?.(context);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${server.url}/${path.replace(/^\//, '')}`);
      return { page, context, errors };
    },
    async close() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close().catch(() => undefined);
      await server.close();
      await rm(snapshot, { recursive: true, force: true });
    },
  };
}
