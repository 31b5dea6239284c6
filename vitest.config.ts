import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration and e2e tests share one embedded CouchDB-API server per file; a 2-core
    // machine runs files two at a time without starving the server.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['tests/setup/mockElectron.ts'],
  },
});
