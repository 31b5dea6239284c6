/**
 * The district CLI's bin run as district IT runs it: a child process with only the environment
 * given here (the test machine's own COUCHDB_* and GRIDLINK_DEBUG never leak in).
 */
import { execFile } from 'node:child_process';
import type { TestCouch } from './couchServer';

const BIN = new URL('../../bin/gridlink-district.js', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runDistrictCli(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<CliResult> {
  const base = { ...process.env };
  for (const name of ['COUCHDB_URL', 'COUCHDB_USER', 'COUCHDB_PASSWORD', 'GRIDLINK_DEBUG']) delete base[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...base, ...env }, encoding: 'utf8', timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The environment that logs the CLI in as the test server's admin. */
export function adminEnv(couch: TestCouch): Record<string, string> {
  return { COUCHDB_URL: couch.url, COUCHDB_USER: couch.admin.username, COUCHDB_PASSWORD: couch.admin.password };
}
