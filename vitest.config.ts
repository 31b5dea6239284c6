import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration and e2e tests share one embedded CouchDB-API server per file; a 2-core
    // machine runs files two at a time without starving the server.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['tests/setup/mockElectron.ts'],
    // Two projects so the e2e global setup (one renderer build per run, only when stale) runs
    // only when an e2e test is selected: `vitest run tests/unit/x.test.ts` never builds.
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, 'tests/e2e/**'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/globalSetup.ts'],
          // A browser session seeds, renders and clicks through the app: allow it time on 2 cores.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
