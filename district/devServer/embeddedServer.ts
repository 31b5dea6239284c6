/**
 * Starts pouchdb-server, which speaks the CouchDB HTTP API, as a child process on 127.0.0.1 —
 * the stand-in for Apache CouchDB 3 in development and tests (CouchDB is not installable from
 * the package registries here). Always with an admin configured: pouchdb-server starts in
 * "admin party" otherwise, which no real district runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`pouchdb-server exited with code ${exited} during start-up`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server did not answer on ${url} within ${timeoutMs} ms`);
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const port = options.port || (await freePort());
  const configPath = writeConfig(options, port);
  const bin = require.resolve('pouchdb-server/bin/pouchdb-server');
  const fix = require.resolve('./couchCompat.cjs');
  const exitWithParent = require.resolve('./exitWithParent.cjs');
  const out = openSync(join(options.dir, 'stdout.log'), 'a');
  const child = spawn(
    process.execPath,
    ['--require', fix, '--require', exitWithParent, bin, '--host', '127.0.0.1', '--port', String(port), '--dir', options.dir, '--config', configPath, '--no-stdout-logs'],
    { cwd: options.dir, stdio: ['ignore', out, out], env: { ...process.env, GRIDLINK_PARENT_PID: String(process.pid) } },
  );
  closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, child, 30_000);
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
  return { url, port, stop };
}

async function waitForAdmin(url: string, user: string, password: string): Promise<void> {
  const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  for (let i = 0; i < 100; i++) {
    const anon = await fetch(`${url}/_session`).then((r) => r.json() as Promise<{ userCtx?: { roles?: string[] } }>);
    const asAdmin = await fetch(`${url}/_session`, { headers: { authorization: auth } });
    const anonIsAdmin = anon.userCtx?.roles?.includes('_admin') ?? false;
    if (asAdmin.ok && !anonIsAdmin) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pouchdb-server did not take the configured admin (still in admin party)');
}
