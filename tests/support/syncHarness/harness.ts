/**
 * Builds the harness page and opens it in Debian's Chromium: shared by the benchmark and the
 * kill-and-resume test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../chromium';
import { serveStatic, type StaticServer } from '../../../district/devServer/staticServer';
import { freePort } from '../../../district/devServer/embeddedServer';

export const HARNESS_OUT = fileURLToPath(new URL('../../../out/sync-harness', import.meta.url));
const CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));

export async function buildHarness(): Promise<void> {
  await build({ configFile: CONFIG });
}

export async function serveHarness(): Promise<StaticServer> {
  return serveStatic(HARNESS_OUT);
}

export interface ChromiumProcess {
  browser: Browser;
  page: Page;
  process: ChildProcess;
  /** SIGKILL the browser's whole process group: no shutdown, no flush. */
  kill(): void;
  close(): Promise<void>;
}

/**
 * Chromium as a child process of ours (not playwright's), with a persistent profile, so a test
 * can SIGKILL it like a power cut of the app and start it again on the same IndexedDB.
 */
export async function startChromium(pageUrl: string, userDataDir: string): Promise<ChromiumProcess> {
  const port = await freePort();
  const child = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, `--remote-debugging-port=${port}`, 'about:blank'], {
    detached: true,
    stdio: 'ignore',
  });
  let browser: Browser | null = null;
  for (let attempt = 0; attempt < 100 && !browser; attempt++) {
    try {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!browser) {
    process.kill(-child.pid!, 'SIGKILL');
    throw new Error('Chromium did not open its debugging port');
  }
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.title === 'ready');
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  return {
    browser,
    page,
    process: child,
    kill,
    async close() {
      await browser!.close().catch(() => undefined);
      kill();
    },
  };
}
