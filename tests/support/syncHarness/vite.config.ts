/**
 * Bundles the sync harness page (tests/support/syncHarness/page) for headless Chromium: the bench and the
 * kill-and-resume test load it from a local static server.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export const HARNESS_ROOT = fileURLToPath(new URL('./page', import.meta.url));

export default defineConfig({
  root: HARNESS_ROOT,
  logLevel: 'warn',
  // pouchdb-browser still reads Node's `global` and imports Node's `events`.
  define: { global: 'globalThis' },
  resolve: { alias: { events: fileURLToPath(new URL('./page/nodeEvents.ts', import.meta.url)) } },
  build: { outDir: fileURLToPath(new URL('../../../out/sync-harness', import.meta.url)), emptyOutDir: true, target: 'es2022', // BENCH_PROFILE keeps function names readable in CPU profiles.
    minify: !process.env.BENCH_PROFILE, reportCompressedSize: false },
});
