/**
 * Builds the renderer once when out/renderer is missing or older than its sources, so e2e tests
 * always drive the current code without rebuilding on every run. Several helpers may run e2e
 * suites at once: a lock file keeps two builds from writing out/ at the same time.
 */
import { execFile } from 'node:child_process';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT, RENDERER_OUT } from './paths';

const run = promisify(execFile);

/** What the web build is made of: a change in any of these makes out/renderer stale. */
const SOURCES = ['renderer', 'core', 'sync', 'ipc', 'district/demo', 'electron.vite.config.ts', 'package-lock.json'];
const LOCK = resolve(PROJECT_ROOT, 'out/.renderer-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { withFileTypes: true });
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry.name))));
  return Math.max(info.mtimeMs, ...times);
}

export async function rendererIsStale(): Promise<boolean> {
  const built = await stat(join(RENDERER_OUT, 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((source) => newestMtime(resolve(PROJECT_ROOT, source))));
  return Math.max(...sources) > built.mtimeMs;
}

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(resolve(PROJECT_ROOT, 'out'), { recursive: true });
  for (;;) {
    try {
      const handle = await open(LOCK, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A crashed build leaves its lock behind: take it over after a while.
      const held = await stat(LOCK).catch(() => null);
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) await rm(LOCK, { force: true });
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { force: true });
  }
}

/**
 * Runs `electron-vite build` if out/renderer is stale; returns whether it built.
 * `E2E_USE_EXISTING_BUILD=1` drives whatever out/renderer holds (e.g. a build made by hand).
 */
export async function ensureRendererBuilt(): Promise<boolean> {
  if (process.env.E2E_USE_EXISTING_BUILD === '1') return false;
  if (!(await rendererIsStale())) return false;
  return withBuildLock(async () => {
    // Another run may have built it while we waited for the lock.
    if (!(await rendererIsStale())) return false;
    try {
      await run('npx', ['electron-vite', 'build'], { cwd: PROJECT_ROOT, timeout: 300_000, maxBuffer: 32 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`electron-vite build failed; the e2e tests need out/renderer.\n${stderr || stdout}`.slice(0, 6000), { cause: error });
    }
    return true;
  });
}
