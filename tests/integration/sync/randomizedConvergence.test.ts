/**
 * The randomized convergence run (tests/support/soak) with a bounded budget: a few seeds, about
 * a minute each, on the server the suite runs against (the embedded server, and Apache CouchDB
 * 3.5.0 through `npm run test:couchdb`). Longer runs: `npm run soak -- --seed N --minutes M`.
 * SOAK_SEEDS (comma-separated) replaces the seeds, e.g. to replay one that failed.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { harnessSite, runConvergence } from '../../support/soak/randomRun';

const SEEDS = (process.env.SOAK_SEEDS ?? '1,2').split(',').map(Number);
const BUDGET_MS = 30_000;

afterAll(async () => {
  await (await harnessSite()).close();
});

describe('randomized desks converge', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: every replica ends equal, nothing lost, nothing pending`, async () => {
      const evidenceFile = join(tmpdir(), `gridlink-soak-${seed}-${Date.now()}.json`);
      const report = await runConvergence({ seed, budgetMs: BUDGET_MS, log: (line) => console.log(line), evidenceFile });
      console.log(`seed ${seed} on ${report.server}: ${report.desks} desks, ${report.writes} writes, ops ${JSON.stringify(report.ops)}, ${report.cuts} cuts, ${report.restarts} restarts, ${report.kills} kill, at rest ${report.settleMs} ms after the heal, ${Math.round(report.ms / 1000)} s in all`);
      expect(report.failures).toEqual({});
      // The run did something worth judging: orders recorded and moved, sessions recorded, a desk killed.
      expect(report.ops.create).toBeGreaterThan(0);
      expect(report.ops.session).toBeGreaterThan(0);
      expect(report.kills).toBe(1);
    }, BUDGET_MS + 240_000);
  }
});
