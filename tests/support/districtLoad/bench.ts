/**
 * The district bench as a function, for `npm run bench:district` (run.ts prints its result) and
 * the CI short version (tests/integration/district/districtLoad.test.ts asserts its behaviour).
 */
import { cpus, totalmem } from 'node:os';
import type { AnyDoc } from '../../../core/schema';
import type { DemoOptions } from '../../../district/demo';
import { databaseOfUnit } from '../../../core/org';
import { PULL_PAGE_SIZE } from '../../../sync';
import { collectionOfId } from '../../../sync/feedWriter';
import { basicAuth } from '../couchServer';
import { checkWorld, type ServerReplica, type World } from '../soak/checks';
import { districtJobs, jobsCaughtUp, provisionBenchDistrict, reapplySettings, type ExtraSetting, type SchedulerDoc } from './district';
import { followArrivals, type Arrivals } from './follow';
import { startFleet } from './stations';
import { sampleServer, startBenchServer, type BenchServer, type UsageSample } from './servers';
import { STATIONS_PER_WORKER, type StationSpec } from './protocol';

export interface DistrictBenchOptions {
  size: DemoOptions;
  /** Station clients started at once (default: every village). */
  stations?: number;
  cluster: boolean;
  /** Seconds of steady state (writes at the compressed rate). */
  steadySeconds: number;
  /** Simulated seconds per real second. */
  timeFactor: number;
  /** A village desk's rates, in simulated time. */
  heartbeatMinutes: number;
  ordersPerHour: number;
  idleSeconds: number;
  /** How long to wait for the jobs to catch up after seeding before going on anyway. */
  catchUpSeconds: number;
  /** Niceness of the station client threads (0: the server's priority). */
  clientNice?: number;
  /**
   * Server settings to try (e.g. the replicator's `worker_processes`), set on every node before
   * seeding, so the jobs provisioning creates start with them. Provisioning leaves them alone
   * unless they are its own.
   */
  serverSettings?: readonly ExtraSetting[];
  log: (line: string) => void;
}

export const DEFAULT_RATES = { heartbeatMinutes: 5, ordersPerHour: 3 };

export interface Spread {
  count: number;
  median: number;
  p95: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { count: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export interface ClusterOutcome {
  stoppedNode: number;
  stoppedAtS: number;
  restartedAtS: number;
  /** Replication doc states seen while the bench ran (state → times seen in a poll). */
  statesSeen: Record<string, number>;
  /** ms from the restart until the nodes had no internal replication left. */
  caughtUpMs: number;
}

export interface DistrictBenchResult {
  machine: string;
  server: BenchServer['kind'];
  stations: number;
  workers: number;
  jobs: number;
  databases: number;
  seededPerStation: Spread;
  jobsCatchUpMs: number;
  /** The server with the district's jobs and no station, and before the district (empty); per job: the difference. */
  idle: { cores: number; rssBytes: number; emptyCores: number; emptyRssBytes: number; perJobCores: number; perJobRssBytes: number } | null;
  /** One station: its first request (the server checks its password), then the raw fetch and the engine (password cached). */
  alone: { rawMs: number; engineMs: number; loginMs: number; docs: number };
  /** clientCores: CPU the station clients (this process) used meanwhile, in cores. */
  initial: Spread & { expected: number; clientCores: number };
  counters: { requests: number; failedRequests: number; outages: number; failureKinds: Record<string, number> };
  workerErrors: string[];
  propagation: { town: Spread; district: Spread; writes: number; missingTown: number; missingDistrict: number };
  /** Jobs that ended failed, or crash for a reason a retry cannot cure (a refused login, a missing database). */
  failedJobs: string[];
  /** Jobs crashing for a network reason at the end (a node's restart cut a stream): CouchDB retries them with backoff. */
  retryingJobs: string[];
  checks: Record<string, string[]>;
  usage: UsageSample[];
  cluster: ClusterOutcome | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rawChangesFetch(url: string, dbName: string, authorization: string): Promise<{ ms: number; docs: number }> {
  const started = performance.now();
  let since = '0';
  let docs = 0;
  for (;;) {
    const response = await fetch(`${url}/${dbName}/_changes?include_docs=true&limit=${PULL_PAGE_SIZE}&since=${encodeURIComponent(since)}`, { headers: { authorization } });
    if (!response.ok) throw new Error(`raw _changes fetch of ${dbName}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    const body = (await response.json()) as { results: unknown[]; last_seq: string };
    docs += body.results.length;
    since = String(body.last_seq);
    if (body.results.length < PULL_PAGE_SIZE) return { ms: performance.now() - started, docs };
  }
}

/** Docs of `ids` in `dbName` (those present), as the app sees them. */
async function docsByIds(server: BenchServer, authorization: string, dbName: string, ids: string[]): Promise<AnyDoc[]> {
  const out: AnyDoc[] = [];
  for (let i = 0; i < ids.length; i += 2000) {
    const response = await fetch(`${server.url}/${dbName}/_all_docs?include_docs=true`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ keys: ids.slice(i, i + 2000) }) });
    const body = (await response.json()) as { rows: { doc?: Record<string, unknown> | null }[] };
    for (const row of body.rows) if (row.doc) out.push(appDoc(row.doc));
  }
  return out;
}

/** The current revision of each of `ids` in a database (absent ids left out). */
async function revsByIds(server: BenchServer, authorization: string, dbName: string, ids: string[]): Promise<Map<string, string>> {
  const response = await fetch(`${server.url}/${dbName}/_all_docs`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ keys: ids }) });
  const body = (await response.json()) as { rows: { key: string; value?: { rev: string } }[] };
  return new Map(body.rows.flatMap((row) => (row.value ? [[row.key, row.value.rev] as const] : [])));
}

/**
 * Whether each station's heartbeat docs are at the same revision in its town's and the
 * district's database as in its own: the last heartbeat before the stations went quiet may
 * still wait in a job's retry backoff after the node loss, with every order delivered.
 */
async function heartbeatsDelivered(server: BenchServer, authorization: string, stations: readonly string[], districtCode: string): Promise<boolean> {
  for (const station of stations) {
    const body = (await (await fetch(`${server.url}/${databaseOfUnit(station)}/_all_docs?startkey=${encodeURIComponent('"stationStatus:"')}&endkey=${encodeURIComponent('"stationStatus:\ufff0"')}`, { headers: { authorization } })).json()) as { rows?: { id: string; value: { rev: string } }[] };
    const own = body.rows ?? [];
    if (own.length === 0) continue;
    for (const db of [databaseOfUnit(station.slice(0, 9)), databaseOfUnit(districtCode)]) {
      const there = await revsByIds(server, authorization, db, own.map((row) => row.id));
      if (own.some((row) => there.get(row.id) !== row.value.rev)) return false;
    }
  }
  return true;
}

function appDoc(doc: Record<string, unknown>): AnyDoc {
  const { _id, _rev: _r, _attachments: _a, _conflicts: _c, ...rest } = doc;
  return { id: _id, ...rest } as unknown as AnyDoc;
}

/** A station database's docs of the collections a bench station opens, with its hidden conflicts. */
async function stationReplica(server: BenchServer, authorization: string, unit: string): Promise<ServerReplica> {
  const dbName = databaseOfUnit(unit);
  const response = await fetch(`${server.url}/${dbName}/_all_docs?include_docs=true&conflicts=true`, { headers: { authorization } });
  const body = (await response.json()) as { rows: { id: string; doc: Record<string, unknown> & { _conflicts?: string[] } }[] };
  const rows = body.rows.filter((r) => ['tickets', 'events', 'stationStatus'].includes(collectionOfId(r.id) ?? ''));
  return { unit, dbName, docs: rows.map((r) => appDoc(r.doc)), conflicted: rows.filter((r) => r.doc._conflicts?.length).map((r) => r.id) };
}

export async function runDistrictBench(options: DistrictBenchOptions): Promise<DistrictBenchResult> {
  const { log } = options;
  const server = await startBenchServer({ cluster: options.cluster });
  const authorization = basicAuth(server.admin.username, server.admin.password);
  const sampler = sampleServer(server);
  const followers: Arrivals[] = [];
  let fleet: Awaited<ReturnType<typeof startFleet>> | null = null;
  let district: Awaited<ReturnType<typeof provisionBenchDistrict>> | null = null;
  try {
    log(`server: Apache CouchDB 3.5.0, ${server.kind === 'cluster' ? `3 nodes behind haproxy at ${server.url}` : server.url}`);
    // The server before the district: what idle jobs cost is measured against this.
    sampler.setPhase('empty');
    await sleep(6_000);
    const emptySamples = sampler.samples.filter((x) => x.phase === 'empty');
    sampler.setPhase('provision');
    district = await provisionBenchDistrict(server, options.size, log, options.serverSettings);
    const code = district.demo.orgTree.code;
    const couch = district.couch;
    const stations = district.villages.slice(0, options.stations ?? district.villages.length);
    const seededPerStation = spread(district.villages.map((v) => district!.seeded.get(v.dbName) ?? 0));
    log(`district ${code}: ${district.villages.length} villages, ${district.jobs} replication jobs, ${seededPerStation.median} docs per station database (median)`);

    sampler.setPhase('catch-up');
    const caughtUp = await jobsCaughtUp(couch, code, district.jobs, options.catchUpSeconds * 1000, log);
    log(`replication jobs caught up after seeding in ${(caughtUp.ms / 1000).toFixed(1)} s (${caughtUp.running} running, ${caughtUp.pending} still reading their source)`);

    // A job that has read its source may still be writing into its target: the server's CPU
    // says when that is done. Wait until it is quiet (three samples under a fifth of a core), or the catch-up time ends.
    const quietDeadline = Date.now() + options.catchUpSeconds * 1000;
    while (server.nodes.length > 0 && Date.now() < quietDeadline && !(sampler.samples.length >= 3 && sampler.samples.slice(-3).every((x) => x.cores < 0.2))) await sleep(2_000);
    log(`server quiet after the catch-up: ${sampler.samples.slice(-3).map((x) => x.cores.toFixed(2)).join(', ')} cores`);
    sampler.setPhase('idle');
    const idleFrom = sampler.samples.length;
    await sleep(options.idleSeconds * 1000);
    const idleSamples = sampler.samples.slice(idleFrom).filter((s) => s.phase === 'idle');
    const idle = idleSamples.length && server.nodes.length
      ? (() => {
          const cores = idleSamples.reduce((sum, s) => sum + s.cores, 0) / idleSamples.length;
          const rssBytes = Math.max(...idleSamples.map((s) => s.rssBytes));
          const emptyCores = emptySamples.reduce((sum, x) => sum + x.cores, 0) / Math.max(1, emptySamples.length);
          const emptyRss = Math.max(0, ...emptySamples.map((x) => x.rssBytes));
          return { cores, rssBytes, emptyCores, emptyRssBytes: emptyRss, perJobCores: (cores - emptyCores) / district.jobs, perJobRssBytes: (rssBytes - emptyRss) / district.jobs };
        })()
      : null;

    // One station alone: the raw fetch of its database, then the engine.
    sampler.setPhase('alone');
    const first = stations[0];
    // A station's first request costs the server a PBKDF2 of its password (CouchDB 3.5: 600,000
    // rounds of SHA-256); later ones hit CouchDB's cache. Every station of the fleet pays it once.
    const firstAsked = performance.now();
    await fetch(`${server.url}/${first.dbName}`, { headers: { authorization: basicAuth(first.username, first.password) } });
    const loginMs = performance.now() - firstAsked;
    const raw = await rawChangesFetch(server.url, first.dbName, basicAuth(first.username, first.password));
    const rates = {
      heartbeatMs: (options.heartbeatMinutes * 60_000) / options.timeFactor,
      orderMs: (3_600_000 / options.ordersPerHour) / options.timeFactor,
      ...(options.clientNice ? { nice: options.clientNice } : {}),
    };
    const alone = await startFleet(server.url, [first], rates);
    alone.go();
    await alone.awaitInitial(300_000);
    const engineMs = alone.initial.get(first.code) ?? Number.NaN;
    await alone.stop();
    log(`one station alone: first request (password check) ${Math.round(loginMs)} ms, raw _changes fetch ${(raw.ms / 1000).toFixed(2)} s (${raw.docs} docs), the engine ${(engineMs / 1000).toFixed(2)} s`);

    // Every station at once.
    sampler.setPhase('initial');
    log(`starting ${stations.length} stations at once (${Math.ceil(stations.length / STATIONS_PER_WORKER)} worker threads, ${STATIONS_PER_WORKER} each) …`);
    fleet = await startFleet(server.url, stations, rates);
    const clientCpu = process.cpuUsage();
    const initialStarted = performance.now();
    fleet.go();
    await fleet.awaitInitial(600_000);
    const used = process.cpuUsage(clientCpu);
    const clientCores = (used.user + used.system) / 1000 / (performance.now() - initialStarted);
    const initial = spread([...fleet.initial.values()]);
    log(`initial sync: ${fleet.initial.size} of ${stations.length} done, median ${(initial.median / 1000).toFixed(2)} s, p95 ${(initial.p95 / 1000).toFixed(2)} s; the station clients used ${clientCores.toFixed(2)} cores meanwhile`);

    // Steady state: each station writing at its compressed rate; arrivals watched at towns and the district.
    const towns = [...new Set(stations.map((s) => s.code.slice(0, 9)))];
    const districtArrivals = followArrivals(server.url, databaseOfUnit(code), authorization);
    const townArrivals = new Map(towns.map((t) => [t, followArrivals(server.url, databaseOfUnit(t), authorization)]));
    followers.push(districtArrivals, ...townArrivals.values());
    await sleep(1_000);
    sampler.setPhase('steady');
    const statesSeen: Record<string, number> = {};
    const watchJobs = setInterval(() => {
      void districtJobs(couch, code).then((docs) => {
        for (const d of docs) statesSeen[d.state] = (statesSeen[d.state] ?? 0) + 1;
      }).catch(() => undefined);
    }, 2_000);
    fleet.tell({ type: 'steady' });
    log(`steady state for ${options.steadySeconds} s (time ×${options.timeFactor}: a heartbeat every ${(rates.heartbeatMs / 1000).toFixed(1)} s, an order every ${(rates.orderMs / 1000).toFixed(1)} s per station) …`);
    let cluster: ClusterOutcome | null = null;
    const steadyStarted = Date.now();
    let restartedAt = 0;
    if (server.kind === 'cluster') {
      const stoppedNode = 2;
      await sleep((options.steadySeconds * 1000) / 3);
      sampler.setPhase('node down');
      const stoppedAtS = (Date.now() - steadyStarted) / 1000;
      log(`stopping node ${stoppedNode + 1} (port ${server.nodes[stoppedNode].port}) at ${stoppedAtS.toFixed(0)} s`);
      await server.nodes[stoppedNode].stop();
      await sleep((options.steadySeconds * 1000) / 3);
      sampler.setPhase('node back');
      await server.nodes[stoppedNode].start();
      // The launcher of ../shared/couchdb writes the node's local.d file anew at each start, and
      // with it go the settings provisioning wrote there (auth_plugins, max_jobs …) and the
      // shared admin hash: provisioning again puts them back (a server's own config file would
      // have kept them).
      await reapplySettings(server, code);
      restartedAt = Date.now();
      const restartedAtS = (restartedAt - steadyStarted) / 1000;
      log(`node ${stoppedNode + 1} started again at ${restartedAtS.toFixed(0)} s`);
      cluster = { stoppedNode: stoppedNode + 1, stoppedAtS, restartedAtS, statesSeen, caughtUpMs: Number.NaN };
    }
    await sleep(Math.max(0, steadyStarted + options.steadySeconds * 1000 - Date.now()));
    sampler.setPhase('settle');
    const counters = await fleet.quiet();
    // Every write reaches its town and the district (the jobs' own pace), or the wait ends.
    const arrived = () => fleet!.writes.every((w) => w.ids.every((id) => districtArrivals.seen.has(id) && townArrivals.get(w.code.slice(0, 9))!.seen.has(id)));
    const settleDeadline = Date.now() + 120_000;
    while (!arrived() && Date.now() < settleDeadline) await sleep(500);
    log(`every write ${arrived() ? 'reached' : 'did NOT reach'} its town and the district`);
    const stationCodes = stations.map((st) => st.code);
    const heartbeatsFrom = Date.now();
    let delivered = false;
    while (!(delivered = await heartbeatsDelivered(server, authorization, stationCodes, code)) && Date.now() < settleDeadline) await sleep(1_000);
    log(`every station's last heartbeat ${delivered ? 'reached' : 'did NOT reach'} its town and the district (${((Date.now() - heartbeatsFrom) / 1000).toFixed(1)} s after the writes)`);
    if (cluster) {
      const deadline = Date.now() + 180_000;
      for (;;) {
        const backlog = await Promise.all(server.nodes.map(async (n) => {
          const response = await fetch(`http://127.0.0.1:${n.port}/_node/_local/_system`, { headers: { authorization } }).catch(() => null);
          return response?.ok ? ((await response.json()) as { internal_replication_jobs?: number }).internal_replication_jobs ?? 0 : Number.POSITIVE_INFINITY;
        }));
        if (backlog.every((b) => b === 0)) {
          cluster.caughtUpMs = Date.now() - restartedAt;
          log(`the nodes' internal replication caught up ${(cluster.caughtUpMs / 1000).toFixed(1)} s after the restart`);
          break;
        }
        if (Date.now() > deadline) break;
        await sleep(1_000);
      }
    }
    clearInterval(watchJobs);
    const delays = (arrivals: (code: string) => Arrivals) => fleet!.writes.flatMap((w) => w.ids.map((id) => arrivals(w.code).seen.get(id)).filter((t): t is number => t !== undefined).map((t) => Math.max(0, t - w.at)));
    const ids = fleet.writes.flatMap((w) => w.ids);
    const propagation = {
      town: spread(delays((c) => townArrivals.get(c.slice(0, 9))!)),
      district: spread(delays(() => districtArrivals)),
      writes: fleet.writes.length,
      missingTown: fleet.writes.flatMap((w) => w.ids.filter((id) => !townArrivals.get(w.code.slice(0, 9))!.seen.has(id))).length,
      missingDistrict: ids.filter((id) => !districtArrivals.seen.has(id)).length,
    };

    // Nothing lost: the convergence checks over what the stations hold and the servers hold.
    sampler.setPhase('checks');
    const dumps = await fleet.dump();
    const heartbeats = dumps.flatMap((d) => d.docs.filter((doc) => doc.type === 'stationStatus').map((doc) => doc.id));
    const written = [...ids, ...heartbeats];
    const servers: ServerReplica[] = [];
    for (const station of stations) servers.push(await stationReplica(server, authorization, station.code));
    for (const town of towns) {
      const ofTown = [...fleet.writes.filter((w) => w.code.startsWith(town)).flatMap((w) => w.ids), ...dumps.filter((d) => d.code.startsWith(town)).flatMap((d) => d.docs.filter((doc) => doc.type === 'stationStatus').map((doc) => doc.id))];
      servers.push({ unit: town, dbName: databaseOfUnit(town), docs: await docsByIds(server, authorization, databaseOfUnit(town), ofTown), conflicted: [] });
    }
    servers.push({ unit: code, dbName: databaseOfUnit(code), docs: await docsByIds(server, authorization, databaseOfUnit(code), written), conflicted: [] });
    const world: World = {
      districtCode: code,
      desks: dumps.map((d) => ({ name: d.code, unit: d.code, docs: d.docs, quarantine: d.quarantine, status: d.status, errors: d.errors })),
      servers,
      acknowledged: fleet.writes.map((w) => ({ desk: w.code, what: 'create', subjectId: w.ids[0], eventIds: w.ids.slice(1) })),
    };
    const checks = checkWorld(world);
    // `failed` is final; `crashing` is retried with backoff, and after a node was stopped a job
    // may be between two tries (seen in CI: changes_reader_died, an ibrowse stream timeout) with
    // every write already delivered. Only a crash a retry cannot cure counts as failed.
    const troubled = (await districtJobs(couch, code)).filter((d) => d.state === 'failed' || d.state === 'crashing');
    const describe = (d: SchedulerDoc) => `${d.doc_id}: ${d.state} ${d.info?.error ?? ''}`;
    const incurable = (d: SchedulerDoc) => d.state === 'failed' || /unauthorized|forbidden|not_found|db_not_found|invalid/.test(String(d.info?.error ?? ''));
    const failedJobs = troubled.filter(incurable).map(describe);
    const retryingJobs = troubled.filter((d) => !incurable(d)).map(describe);
    const total = (key: 'requests' | 'failedRequests' | 'outages') => Object.values(counters).reduce((sum, c) => sum + c[key], 0);
    const failureKinds: Record<string, number> = {};
    for (const c of Object.values(counters)) for (const [kind, n] of Object.entries(c.failureKinds ?? {})) failureKinds[kind] = (failureKinds[kind] ?? 0) + n;
    sampler.stop();
    return {
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
      server: server.kind,
      stations: stations.length,
      workers: fleet.workers,
      jobs: district.jobs,
      databases: district.seeded.size,
      seededPerStation,
      jobsCatchUpMs: caughtUp.ms,
      idle,
      alone: { rawMs: raw.ms, engineMs, loginMs, docs: raw.docs },
      initial: { ...initial, expected: stations.length, clientCores },
      counters: { requests: total('requests'), failedRequests: total('failedRequests'), outages: total('outages'), failureKinds },
      workerErrors: fleet.errors.map((e) => `${e.code}: ${e.message}`),
      propagation,
      failedJobs,
      retryingJobs,
      checks,
      usage: sampler.samples,
      cluster,
    };
  } finally {
    sampler.stop();
    for (const f of followers) f.stop();
    await fleet?.stop().catch(() => undefined);
    await district?.remove().catch(() => undefined);
    await server.stop();
  }
}

export type { StationSpec };
