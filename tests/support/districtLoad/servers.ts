/**
 * The district bench's server: Apache CouchDB 3.5.0 from ../shared/couchdb (one node, or three
 * joined as a cluster behind haproxy from Debian), or COUCHDB_URL as it is. Also the server's
 * cost: CPU and resident memory of its Erlang VMs (beam.smp) and their JavaScript children,
 * read from /proc.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The launcher beside the project, or the workplace's copy; null when this machine has none. */
export function couchdbLauncher(): string | null {
  for (const candidate of [process.env.GRIDLINK_COUCHDB, join(process.cwd(), '../shared/couchdb/couchdb'), '/work/shared/couchdb/couchdb']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Why a test that starts its own CouchDB cluster cannot run here, or null when it can. Such tests
 * run in the embedded pass only: the Apache CouchDB pass (COUCHDB_URL) would start the cluster twice.
 */
export function clusterSkipReason(): string | null {
  if (process.env.COUCHDB_URL) return 'ran in the embedded pass (it starts its own CouchDB cluster; COUCHDB_URL is not used)';
  if (!couchdbLauncher()) return 'Apache CouchDB is not on this machine (no ../shared/couchdb)';
  if (!haproxyBinary()) return 'haproxy is not installed (apt-get install haproxy; .ci/run does)';
  return null;
}

export function haproxyBinary(): string | null {
  for (const candidate of ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy']) if (existsSync(candidate)) return candidate;
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CouchNode {
  port: number;
  dir: string;
  /** The Erlang VM's pid, or null while stopped. */
  pid(): number | null;
  stop(): Promise<void>;
  /** Starts it again on its data (a stopped cluster node coming back). */
  start(): Promise<void>;
}

export interface BenchServer {
  /** Where stations and replication jobs go: the node, or the balancer. Without credentials. */
  url: string;
  admin: { username: string; password: string };
  /** URL with the admin's credentials (COUCHDB_URL form). */
  adminUrl: string;
  nodes: CouchNode[];
  kind: 'external' | 'single' | 'cluster';
  stop(): Promise<void>;
}

const ADMIN = { username: 'admin', password: 'admin' };

function node(launcher: string, port: number, dir: string, cluster: boolean): CouchNode {
  const pidFile = join(dir, 'couchdb.pid');
  const args = (cmd: string, keep: boolean) => [cmd, '--port', String(port), '--dir', dir, '--admin', `${ADMIN.username}:${ADMIN.password}`, ...(keep ? ['--keep'] : []), ...(cluster ? ['--cluster'] : [])];
  return {
    port,
    dir,
    pid() {
      if (!existsSync(pidFile)) return null;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      return existsSync(`/proc/${pid}`) ? pid : null;
    },
    async stop() {
      await run(launcher, ['stop', '--port', String(port), '--dir', dir]);
    },
    async start() {
      await run(launcher, args('start', true), { timeout: 180_000 });
    },
  };
}

async function startNode(launcher: string, cluster: boolean, root: string): Promise<CouchNode> {
  const port = await freePort();
  const n = node(launcher, port, join(root, `node-${port}`), cluster);
  await run(launcher, ['start', '--port', String(port), '--dir', n.dir, '--admin', `${ADMIN.username}:${ADMIN.password}`, ...(cluster ? ['--cluster'] : [])], { timeout: 180_000 });
  return n;
}

const auth = (a: { username: string; password: string }) => 'Basic ' + Buffer.from(`${a.username}:${a.password}`).toString('base64');

async function call(url: string, path: string, method = 'GET', body?: unknown): Promise<unknown> {
  const response = await fetch(url + path, { method, headers: { authorization: auth(ADMIN), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** haproxy in the foreground, its config in `dir`: round robin over the nodes, health checked on /_up. */
async function startBalancer(binary: string, nodes: CouchNode[], dir: string): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 8192',
      'defaults',
      '  mode http',
      '  timeout connect 3s',
      // A loaded 2-core machine answers /_up in seconds at times: a node is not down for that.
      '  timeout check 10s',
      // Longpoll feeds (the engine's and the replicator's) wait up to a minute for a change.
      '  timeout client 130s',
      '  timeout server 130s',
      '  retries 2',
      '  option redispatch',
      'frontend couchdb',
      `  bind 127.0.0.1:${port}`,
      '  default_backend nodes',
      'backend nodes',
      '  balance leastconn',
      // Provisioning sets require_valid_user: /_up then answers 401 to a check without an account.
      '  option httpchk',
      `  http-check send meth GET uri /_up hdr Authorization "${auth(ADMIN)}"`,
      '  http-check expect status 200',
      '  default-server inter 2s fall 3 rise 2',
      ...nodes.map((n, i) => `  server node${i + 1} 127.0.0.1:${n.port} check`),
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('haproxy', async () => {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
    return (await fetch(`${url}/_up`)).ok;
  }, 30_000).catch((error: unknown) => {
    throw new Error(`${String(error)} ${stderr}`);
  });
  return { port, process: child };
}

/**
 * `stop`, also run on Ctrl-C or kill from the moment the first node starts (then the process
 * exits): a bench stopped midway leaves no CouchDB node or haproxy running behind it.
 */
function stoppedOnSignal(stop: () => Promise<void>): () => Promise<void> {
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping the CouchDB nodes …`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  return async () => {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await stop();
  };
}

export async function startBenchServer(options: { cluster: boolean }): Promise<BenchServer> {
  if (process.env.COUCHDB_URL && !options.cluster) {
    const parsed = new URL(process.env.COUCHDB_URL);
    const admin = { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
    parsed.username = '';
    parsed.password = '';
    const url = parsed.toString().replace(/\/$/, '');
    return { url, admin, adminUrl: process.env.COUCHDB_URL, nodes: [], kind: 'external', stop: async () => {} };
  }
  const launcher = couchdbLauncher();
  if (!launcher) throw new Error('Apache CouchDB is not on this machine (no ../shared/couchdb): set COUCHDB_URL');
  const root = mkdtempSync(join(tmpdir(), 'gridlink-bench-district-'));
  const withCredentials = (url: string) => url.replace('http://', `http://${ADMIN.username}:${ADMIN.password}@`);
  // BENCH_KEEP_LOGS=1: the nodes' folders (their couchdb.log) stay for a look afterwards.
  const removeRoot = () => {
    if (process.env.BENCH_KEEP_LOGS) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
  const binary = options.cluster ? haproxyBinary() : null;
  if (options.cluster && !binary) throw new Error('haproxy is not installed (apt-get install haproxy)');
  const nodes: CouchNode[] = [];
  let balancer: { port: number; process: ChildProcess } | null = null;
  const stopAll = stoppedOnSignal(async () => {
    balancer?.process.kill('SIGTERM');
    // At once: on a signal, tsx ends this process soon after passing it on.
    await Promise.all(nodes.map((n) => n.stop().catch(() => undefined)));
    removeRoot();
  });
  if (!binary) {
    nodes.push(await startNode(launcher, false, root).catch(async (error: unknown) => {
      await stopAll();
      throw error;
    }));
    const url = `http://127.0.0.1:${nodes[0]!.port}`;
    return { url, admin: ADMIN, adminUrl: withCredentials(url), nodes, kind: 'single', stop: stopAll };
  }
  try {
    for (let i = 0; i < 3; i++) nodes.push(await startNode(launcher, true, root));
    // README of ../shared/couchdb: add the other nodes on the first, then finish the setup.
    const first = `http://127.0.0.1:${nodes[0].port}`;
    for (const other of nodes.slice(1)) await call(first, `/_node/_local/_nodes/couchdb-${other.port}@127.0.0.1`, 'PUT', {});
    await call(first, '/_cluster_setup', 'POST', { action: 'finish_cluster' });
    await waitFor('the cluster', async () => {
      const membership = (await call(first, '/_membership')) as { cluster_nodes: string[]; all_nodes: string[] };
      return membership.cluster_nodes.length === 3 && membership.all_nodes.length === 3;
    });
    balancer = await startBalancer(binary, nodes, root);
    const url = `http://127.0.0.1:${balancer.port}`;
    return { url, admin: ADMIN, adminUrl: withCredentials(url), nodes, kind: 'cluster', stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The node's config API directly (provisioning through the balancer sets only the node that answered). */
export async function nodeUrl(n: CouchNode): Promise<string> {
  return `http://${ADMIN.username}:${ADMIN.password}@127.0.0.1:${n.port}`;
}

/** A pid and its descendants (CouchDB's couchjs/QuickJS processes run the validate functions). */
function withChildren(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/).map(Number) : []) out.push(...withChildren(child));
    }
  } catch {
    // Gone meanwhile.
  }
  return out;
}

const TICKS = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface UsageSample {
  /** ms since the sampler started. */
  at: number;
  phase: string;
  /** Cores used since the last sample (1.0 = one core busy). */
  cores: number;
  rssBytes: number;
}

/** Samples the server's CPU and RSS every `everyMs`, tagged with the bench's current phase. */
export function sampleServer(server: BenchServer, everyMs = 2_000) {
  const samples: UsageSample[] = [];
  const started = Date.now();
  let phase = 'start';
  const pids = () => server.nodes.flatMap((n) => {
    const pid = n.pid();
    return pid ? withChildren(pid) : [];
  });
  let lastTicks = pids().reduce((sum, pid) => sum + cpuTicks(pid), 0);
  let lastAt = Date.now();
  const timer = setInterval(() => {
    const all = pids();
    const ticks = all.reduce((sum, pid) => sum + cpuTicks(pid), 0);
    const now = Date.now();
    // A node stopped since the last sample takes its ticks with it: count none then.
    const cores = ticks >= lastTicks ? (ticks - lastTicks) / TICKS / ((now - lastAt) / 1000) : 0;
    samples.push({ at: now - started, phase, cores, rssBytes: all.reduce((sum, pid) => sum + rssBytes(pid), 0) });
    lastTicks = ticks;
    lastAt = now;
  }, everyMs);
  return {
    samples,
    measurable: () => server.nodes.length > 0,
    setPhase(next: string) {
      phase = next;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
