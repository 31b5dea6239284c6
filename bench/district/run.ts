/**
 * `npm run bench:district`: a whole district at once on Apache CouchDB 3.5.0. Provisions the
 * bench district (10 towns × 22 villages, 460 replication jobs), seeds every unit database with
 * its year, times one station alone (the raw `_changes` fetch and the engine), then starts the
 * station clients all at once and prints their initial sync times, errors and retries, the
 * server's CPU and memory over time, and in steady state (each station writing at a village's
 * rate, time compressed) how long a village's write takes to reach its town and the district.
 * Not a test: prints figures (the CI short version is tests/integration/district/districtLoad.test.ts).
 *
 *   npm run bench:district -- [--stations N] [--cluster] [--towns N --villages-per-town N]
 *     [--tickets-per-village N] [--components-per-village N] [--steady S] [--time-factor F] [--idle S]
 *     [--client-nice N (default 10: the station threads yield the shared cores to the server)]
 *     [--server-setting section/key=value … (tried on every node before seeding)]
 *
 * Server: a fresh CouchDB from ../shared/couchdb (three nodes and haproxy with --cluster), or
 * COUCHDB_URL as it is (one node; its CPU and memory are then not read).
 */
import { parseArgs } from 'node:util';
import { DEMO_PRESETS } from '../../district/demo/generate';
import type { ExtraSetting } from '../../tests/support/districtLoad/district';
import { DEFAULT_RATES, runDistrictBench, type DistrictBenchResult, type Spread } from '../../tests/support/districtLoad/bench';

const { values } = parseArgs({
  options: {
    stations: { type: 'string' },
    cluster: { type: 'boolean', default: false },
    towns: { type: 'string' },
    'villages-per-town': { type: 'string' },
    'tickets-per-village': { type: 'string' },
    'components-per-village': { type: 'string' },
    steady: { type: 'string', default: '120' },
    'time-factor': { type: 'string', default: '60' },
    idle: { type: 'string', default: '20' },
    'catch-up': { type: 'string', default: '600' },
    // Stations run on their own PCs; here their threads yield the cores to the server (0: equal).
    'client-nice': { type: 'string', default: '10' },
    json: { type: 'string' },
    // `[section] key = value` on every node before seeding, e.g. replicator/worker_processes=1.
    'server-setting': { type: 'string', multiple: true, default: [] },
  },
});

function settingOf(text: string): ExtraSetting {
  const match = /^([a-z_]+)\/([a-z_]+)=(.+)$/.exec(text);
  if (!match) throw new Error(`--server-setting ${text}: expected section/key=value, e.g. replicator/worker_processes=1`);
  return { section: match[1]!, key: match[2]!, value: match[3]! };
}

const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const bench = DEMO_PRESETS.bench;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const spreadLine = (x: Spread, unit: (v: number) => string) => `median ${unit(x.median)}, p95 ${unit(x.p95)}, max ${unit(x.max)} (n=${x.count})`;
const ms = (v: number) => `${Math.round(v)} ms`;

function print(r: DistrictBenchResult) {
  const out = (line = '') => console.log(line);
  out();
  out(`== district bench: ${r.stations} stations at once, ${r.jobs} replication jobs, ${r.databases} databases, ${r.server === 'cluster' ? '3-node cluster behind haproxy' : 'one node'}`);
  out(`machine: ${r.machine}; station clients in ${r.workers} worker threads at nice ${values['client-nice']}`);
  out(`seeded per station database: ${spreadLine(r.seededPerStation, (v) => `${v} docs`)}; jobs caught up after seeding in ${s(r.jobsCatchUpMs)}`);
  out();
  out('initial sync');
  out(`  one station alone (password cached): raw _changes fetch ${s(r.alone.rawMs)} (${r.alone.docs} docs), the engine ${s(r.alone.engineMs)} (${(r.alone.engineMs / r.alone.rawMs).toFixed(2)}× raw)`);
  out(`  all ${r.stations} at once: ${r.initial.count} of ${r.initial.expected} done, ${spreadLine(r.initial, s)}`);
  out(`  (the station clients, all in this process, used ${r.initial.clientCores.toFixed(2)} cores meanwhile: on a machine of ${r.machine.split(' ')[0]} cores they compete with the server)`);
  out(`  a station's first request (the server checks its password: PBKDF2, cached afterwards): ${ms(r.alone.loginMs)}`);
  out(`  p95 at once / one alone: ${(r.initial.p95 / r.alone.engineMs).toFixed(2)}×; counting the alone station's password check: ${(r.initial.p95 / (r.alone.engineMs + r.alone.loginMs)).toFixed(2)}× (goal ≤ 3×)`);
  out();
  out('errors and retries');
  out(`  requests ${r.counters.requests}, failed and retried ${r.counters.failedRequests} (${Object.entries(r.counters.failureKinds).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none'}), times a station went offline ${r.counters.outages}`);
  out(`  errors left: ${r.workerErrors.length} station errors, ${r.failedJobs.length} failed jobs (${r.retryingJobs.length} retrying after a network error), ${Object.values(r.checks).flat().length} convergence failures`);
  for (const line of [...r.workerErrors, ...r.failedJobs, ...r.retryingJobs, ...Object.entries(r.checks).flatMap(([k, v]) => v.map((f) => `${k}: ${f}`))].slice(0, 20)) out(`    ${line}`);
  out();
  out(`steady state: ${r.propagation.writes} orders written (each an order and its report event)`);
  out(`  village → town:     ${spreadLine(r.propagation.town, ms)}; missing ${r.propagation.missingTown}`);
  out(`  village → district: ${spreadLine(r.propagation.district, ms)}; missing ${r.propagation.missingDistrict} (goal p95 < 2 s)`);
  if (r.cluster) {
    out();
    out(`cluster: node ${r.cluster.stoppedNode} stopped at ${r.cluster.stoppedAtS.toFixed(0)} s and started at ${r.cluster.restartedAtS.toFixed(0)} s of steady state; internal replication caught up ${s(r.cluster.caughtUpMs)} after the restart`);
    out(`  replication doc states seen (polls × jobs): ${Object.entries(r.cluster.statesSeen).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  out();
  if (r.idle) {
    out(`server idle with the district's jobs and no station: ${(r.idle.cores * 100).toFixed(1)}% of a core, ${mib(r.idle.rssBytes)} (empty server: ${(r.idle.emptyCores * 100).toFixed(1)}%, ${mib(r.idle.emptyRssBytes)})`);
    out(`  idle cost per replication job: ${(r.idle.perJobCores * 100).toFixed(3)}% of a core, ${(r.idle.perJobRssBytes / 2 ** 20).toFixed(2)} MiB`);
    out('server CPU (cores) and resident memory by phase: mean / max');
    const phases = [...new Set(r.usage.map((u) => u.phase))];
    for (const phase of phases) {
      const of = r.usage.filter((u) => u.phase === phase);
      out(`  ${phase.padEnd(10)} ${of.length * 2} s  cpu ${(of.reduce((a, u) => a + u.cores, 0) / of.length).toFixed(2)} / ${Math.max(...of.map((u) => u.cores)).toFixed(2)}  rss ${mib(of.reduce((a, u) => a + u.rssBytes, 0) / of.length)} / ${mib(Math.max(...of.map((u) => u.rssBytes)))}`);
    }
    out('over time (every 10 s): s cores rss');
    out('  ' + r.usage.filter((_, i) => i % 5 === 0).map((u) => `${Math.round(u.at / 1000)}:${u.cores.toFixed(2)}/${Math.round(u.rssBytes / 2 ** 20)}`).join(' '));
  } else {
    out('server CPU and memory: not read (COUCHDB_URL names a server this bench did not start)');
  }
}

async function main() {
  const result = await runDistrictBench({
    size: {
      ...bench,
      towns: num(values.towns, bench.towns),
      villagesPerTown: num(values['villages-per-town'], bench.villagesPerTown),
      ticketsPerVillage: num(values['tickets-per-village'], bench.ticketsPerVillage),
      componentsPerVillage: num(values['components-per-village'], bench.componentsPerVillage),
    },
    ...(values.stations ? { stations: Number(values.stations) } : {}),
    cluster: values.cluster ?? false,
    steadySeconds: Number(values.steady),
    timeFactor: Number(values['time-factor']),
    clientNice: Number(values['client-nice']),
    serverSettings: values['server-setting'].map(settingOf),
    idleSeconds: Number(values.idle),
    catchUpSeconds: Number(values['catch-up']),
    ...DEFAULT_RATES,
    log: (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
  });
  print(result);
  if (values.json) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values.json, JSON.stringify(result, null, 2));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
