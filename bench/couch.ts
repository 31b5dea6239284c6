/**
 * The Apache CouchDB a benchmark runs on: COUCHDB_URL (admin credentials) when set, otherwise
 * Apache CouchDB 3.5.0 from /work/shared/couchdb (or GRIDLINK_COUCHDB) started on 127.0.0.1 at
 * BENCH_PORT (default given by the bench) in a fresh folder, and removed by `stop`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchCouch {
  url: string;
  stop(): void;
}

export function benchCouch(name: string, defaultPort: number): BenchCouch {
  if (process.env.COUCHDB_URL) return { url: process.env.COUCHDB_URL, stop: () => undefined };
  const couchdb = process.env.GRIDLINK_COUCHDB ?? '/work/shared/couchdb/couchdb';
  const port = process.env.BENCH_PORT ?? String(defaultPort);
  const dir = mkdtempSync(join(tmpdir(), `gridlink-bench-${name}-`));
  const out = execFileSync(couchdb, ['start', '--port', port, '--dir', dir], { encoding: 'utf8' });
  const url = /^COUCHDB_URL=(.*)$/m.exec(out)?.[1];
  if (!url) throw new Error(`no COUCHDB_URL from ${couchdb}: ${out}`);
  return {
    url,
    stop: () => {
      execFileSync(couchdb, ['stop', '--port', port, '--dir', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
