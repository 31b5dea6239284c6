/**
 * `npm run soak -- --seed N --minutes M`: the randomized convergence run (tests/support/soak) for
 * as long as you like, seed after seed (N, N+1, …) until the minutes are spent, on the server
 * COUCHDB_URL names (with admin credentials) or on an embedded one. Prints one line per seed and
 * exits non-zero if any seed failed; the evidence of a failed seed (what every replica held) is
 * written next to the report.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { harnessSite, runConvergence, type RunReport } from '../support/soak/randomRun';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number');
  return n;
}

const program = new Command('soak')
  .description('Randomized desks (Chromium each) against one district: converge or report why not.')
  .option('--seed <n>', 'first seed', positive, 1)
  .option('--minutes <m>', 'total time to run seeds for', positive, 10)
  .option('--budget <seconds>', 'how long the desks work per seed before the network heals', positive, 60)
  .option('--evidence <dir>', 'where a failed seed’s evidence goes', tmpdir())
  .parse();

const options = program.opts<{ seed: number; minutes: number; budget: number; evidence: string }>();
const end = Date.now() + options.minutes * 60_000;
const reports: RunReport[] = [];
for (let seed = options.seed; Date.now() < end; seed++) {
  const report = await runConvergence({ seed, budgetMs: options.budget * 1000, log: (line) => console.log(`  ${line}`), evidenceFile: join(options.evidence, `gridlink-soak-${seed}.json`) });
  reports.push(report);
  const failed = Object.entries(report.failures);
  console.log(`seed ${seed} on ${report.server}: ${failed.length === 0 ? 'converged' : 'FAILED'} — ${report.desks} desks, ${report.writes} writes, ${report.cuts} cuts, ${report.restarts} restarts, ${report.kills} kill, at rest ${report.settleMs} ms after the heal`);
  for (const [check, lines] of failed) console.log(`  ${check}:\n${lines.slice(0, 10).map((l) => `    ${l}`).join('\n')}`);
}
await (await harnessSite()).close();
const failed = reports.filter((r) => Object.keys(r.failures).length > 0);
console.log(`${reports.length} seeds, ${reports.reduce((n, r) => n + r.writes, 0)} writes, ${Math.round(reports.reduce((n, r) => n + r.ms, 0) / 60_000)} min: ${failed.length === 0 ? 'all converged' : `failed: ${failed.map((r) => r.seed).join(', ')}`}`);
process.exit(failed.length === 0 ? 0 : 1);
