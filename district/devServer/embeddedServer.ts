/**
 * Starts pouchdb-server, which speaks the CouchDB HTTP API, as a child process on 127.0.0.1 —
 * the stand-in for Apache CouchDB 3 in development and tests (CouchDB is not installable from
 * the package registries here). Always with an admin configured: pouchdb-server starts in
 * "admin party" otherwise, which no real district runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { assertPortFree } from './portCheck';

const require = createRequire(import.meta.url);

export interface EmbeddedServerOptions {
  /** Folder for the database files, config.json and log. Kept across restarts. */
  dir: string;
  /** 0 or absent: a free port is picked. */
  port?: number;
  adminUser: string;
  adminPassword: string;
  /** Browser origins allowed by CORS (the web build served on another port). */
  corsOrigins?: string;
}

export interface EmbeddedServer {
  /** `http://127.0.0.1:<port>`, no credentials. */
  url: string;
  port: number;
  /** The server's own output: start-up errors, refused requests, crashes. */
  logFile: string;
  /** Settles when the server process ends, by stop() or otherwise. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function writeConfig(options: EmbeddedServerOptions, port: number): string {
  mkdirSync(options.dir, { recursive: true });
  const configPath = join(options.dir, 'config.json');
  const config = {
    admins: { [options.adminUser]: options.adminPassword },
    httpd: { port: String(port), bind_address: '127.0.0.1', enable_cors: 'true' },
    cors: {
      origins: options.corsOrigins ?? '*',
      credentials: 'true',
      methods: 'GET, PUT, POST, HEAD, DELETE',
      headers: 'accept, authorization, content-type, origin, referer, cache-control, x-requested-with',
    },
    log: { file: join(options.dir, 'pouchdb-server.log'), level: 'warning' },
    couch_httpd_auth: { require_valid_user: 'false' },
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  return configPath;
}

/** How a start-up attempt ended: listening, or not (the port was taken, or the process ended). */
type Launch = { listening: true } | { listening: false; exitCode: number | null; signal: NodeJS.Signals | null };

/**
 * Waits for the child's own word that it listens on 127.0.0.1:`port` (reportListening.cjs), or
 * for its exit. A foreign server answering on the port meanwhile is never mistaken for it.
 */
function launched(child: ChildProcess, port: number, timeoutMs: number): Promise<Launch> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      reject(new Error(`pouchdb-server did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      const report = message as { gridlinkListening?: { address: string; port: number }; gridlinkListenFailed?: string } | null;
      if (report?.gridlinkListenFailed) {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve({ listening: false, exitCode: null, signal: null });
        return;
      }
      const listening = report?.gridlinkListening;
      if (!listening || listening.address !== '127.0.0.1' || listening.port !== port) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve({ listening: true });
    };
    const onExit = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve({ listening: false, exitCode, signal });
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** The last line of the server's own output that says something, for an error message. */
function lastLogLine(logFile: string): string | null {
  try {
    const lines = readFileSync(logFile, 'utf8').split('\n').map((l) => l.trim());
    return lines.filter((l) => l && !l.startsWith('at ') && !l.includes('MaxListenersExceededWarning')).pop() ?? null;
  } catch {
    return null;
  }
}

/** Answers on `url` (our own server by then): each request with its own time limit. */
async function waitUntilUp(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`pouchdb-server exited during start-up (${lastLogLine(logFile) ?? 'no output'}); its log: ${logFile}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.min(5000, deadline - Date.now()))) });
      if (res.ok) return;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server listens on ${url} but did not answer within ${timeoutMs} ms (is its data folder used by another server?); its log: ${logFile}`);
}

function spawnServer(options: EmbeddedServerOptions, port: number, logFile: string): ChildProcess {
  const configPath = writeConfig(options, port);
  const bin = require.resolve('pouchdb-server/bin/pouchdb-server');
  const preloads = ['./couchCompat.cjs', './exitWithParent.cjs', './reportListening.cjs', './requestsOnlyItself.cjs'].flatMap((p) => ['--require', require.resolve(p)]);
  const out = openSync(logFile, 'a');
  try {
    return spawn(process.execPath, [...preloads, bin, '--host', '127.0.0.1', '--port', String(port), '--dir', options.dir, '--config', configPath, '--no-stdout-logs'], {
      cwd: options.dir,
      stdio: ['ignore', out, out, 'ipc'],
      env: { ...process.env, GRIDLINK_PARENT_PID: String(process.pid), GRIDLINK_EMBEDDED_PORT: String(port) },
    });
  } finally {
    closeSync(out);
  }
}

/**
 * Starts the server on `options.port`, or on a free port when none is given. A given port that
 * is taken fails at once with PortInUseError, before anything is spawned; taken in the moment
 * between that check and the server's own listen, it fails the same way. A picked free port
 * taken in that moment (tests start servers side by side) is picked again. The admin login is
 * sent only once the child has said it listens on 127.0.0.1:<port> itself, so never to a
 * server that happened to answer there.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  mkdirSync(options.dir, { recursive: true });
  const logFile = join(options.dir, 'stdout.log');
  if (options.port) await assertPortFree(options.port);
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await freePort());
    const child = spawnServer(options, port, logFile);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const url = `http://127.0.0.1:${port}`;
    try {
      const launch = await launched(child, port, 30_000);
      if (!launch.listening) {
        child.kill('SIGKILL');
        const taken = await assertPortFree(port).then(
          () => null,
          (err: unknown) => err,
        );
        if (taken && !options.port && attempt < 3) continue;
        if (taken) throw taken;
        const how = launch.signal ?? (launch.exitCode === null ? null : `code ${launch.exitCode}`);
        throw new Error(`pouchdb-server ${how ? `exited during start-up with ${how}` : `could not listen on 127.0.0.1:${port}`} (${lastLogLine(logFile) ?? 'no output'}); its log: ${logFile}`);
      }
      await waitUntilUp(url, child, logFile, 30_000);
      // The config hashes admin passwords asynchronously after start: wait until it takes.
      await waitForAdmin(url, options.adminUser, options.adminPassword);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
    const stop = () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    return { url, port, logFile, exited, stop };
  }
}

async function waitForAdmin(url: string, user: string, password: string): Promise<void> {
  const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  for (let i = 0; i < 100; i++) {
    const signal = AbortSignal.timeout(5000);
    const anon = await fetch(`${url}/_session`, { signal }).then((r) => r.json() as Promise<{ userCtx?: { roles?: string[] } }>);
    const asAdmin = await fetch(`${url}/_session`, { headers: { authorization: auth }, signal });
    const anonIsAdmin = anon.userCtx?.roles?.includes('_admin') ?? false;
    if (asAdmin.ok && !anonIsAdmin) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pouchdb-server did not take the configured admin (still in admin party)');
}
