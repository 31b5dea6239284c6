/**
 * Runs `npm start` / `npm run server` as a developer would, in a process group of its own (as a
 * shell gives a command), and looks at what it leaves behind: ports by connecting, processes by
 * their group (Linux /proc). Everything on 127.0.0.1; every wait has its own limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface NpmRun {
  child: ChildProcess;
  /** npm's pid, which also names the process group of everything it started. */
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code, or null when it did not exit within `ms`. */
  exit(ms: number): Promise<number | null>;
  /** Waits until stdout matches `pattern`; fails with the output so far after `ms`. */
  waitFor(pattern: RegExp, ms: number): Promise<void>;
}

const runs: NpmRun[] = [];
const folders: string[] = [];

/** `npm <args>` in the project, with `env` on top of this process's environment. */
export function npm(args: string[], env: Record<string, string>): NpmRun {
  const { GRIDLINK_DISTRICT_URL: _unused, ...inherited } = process.env;
  const child = spawn('npm', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...inherited, ...env } });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? 128 : -1))));
  const run: NpmRun = {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exit: (ms) => Promise.race([exited, new Promise<null>((done) => setTimeout(() => done(null), ms))]),
    async waitFor(pattern, ms) {
      const deadline = Date.now() + ms;
      while (!pattern.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} in npm ${args.join(' ')}'s output:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  runs.push(run);
  return run;
}

/** A fresh data folder, removed by cleanUp(). */
export function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridlink-dev-'));
  folders.push(dir);
  return dir;
}

/** Pids of the live (not zombie) processes in process group `pgid`. */
export function processGroup(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) === pgid && state !== 'Z') members.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return members;
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => {
      socket.destroy();
      done(true);
    });
  });
}

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
export async function within(ms: number, check: () => boolean | Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills whatever the runs left (by their process group) and removes the data folders. */
export function cleanUp(): void {
  for (const run of runs.splice(0)) {
    try {
      process.kill(-run.pid, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}
