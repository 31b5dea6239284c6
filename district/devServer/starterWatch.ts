/**
 * `npm start` and `npm run server` run as npm → sh → tsx → node. Ctrl-C reaches all of them (the
 * terminal signals the whole process group), but npm killed on its own (`kill <npm's pid>`, an
 * editor's stop button) passes nothing on: tsx and this process would live on, holding their
 * ports. So this process watches the processes that started it and stops when one is gone.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface ProcessInfo {
  ppid: number;
  pgid: number;
  zombie: boolean;
}

function infoOf(pid: number): ProcessInfo | null {
  if (process.platform === 'linux') {
    try {
      // `pid (comm) state ppid pgrp …`; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(ppid), pgid: Number(pgid), zombie: state === 'Z' };
    } catch {
      return null;
    }
  }
  try {
    const [ppid, pgid, state] = execFileSync('ps', ['-o', 'ppid=,pgid=,stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/);
    return { ppid: Number(ppid), pgid: Number(pgid), zombie: state?.startsWith('Z') ?? false };
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  if (process.platform === 'linux') {
    const info = infoOf(pid);
    return info !== null && !info.zombie;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The parent, and its ancestors as long as they share this process's process group: a shell
 * gives `npm start` a group of its own, led by npm, so the chain is tsx, sh and npm, and not
 * the shell. On Windows (no process groups), the parent only.
 */
export function starterChain(): number[] {
  const chain = [process.ppid];
  if (process.platform === 'win32') return chain;
  const own = infoOf(process.pid);
  if (!own) return chain;
  for (let pid = process.ppid; chain.length < 16; ) {
    const parent = infoOf(pid)?.ppid ?? 0;
    if (parent <= 1 || infoOf(parent)?.pgid !== own.pgid) break;
    chain.push(parent);
    pid = parent;
  }
  return chain;
}

/** Calls `onGone` once, when a process of the starter chain has ended; returns a cancel. */
export function whenStarterGone(onGone: () => void, everyMs = 500): () => void {
  const chain = starterChain();
  const timer = setInterval(() => {
    if (chain.every(isRunning)) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
