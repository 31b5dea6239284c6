/**
 * One embedded district server per data folder. A second one on the same folder (say
 * `npm run server -- --port 5985` while `npm start` runs) cannot open the databases the first
 * holds open: it listened and then answered nothing, while its parent waited without a word.
 * The lock file names the process holding the folder; one whose process is gone (killed
 * without stopping) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly url: string | null,
  ) {
    super(`the data folder ${dataDir} is in use by another embedded district server (process ${pid}${url ? `, ${url}` : ''}): stop that one, or give this one another data folder`);
    this.name = 'DataFolderInUseError';
  }
}

interface LockContent {
  pid: number;
  url: string | null;
}

export interface DataFolderLock {
  /** Records the server's URL in the lock, for the message a second start gets. */
  note(url: string): void;
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof content.pid === 'number' ? { pid: content.pid, url: typeof content.url === 'string' ? content.url : null } : null;
  } catch {
    return null;
  }
}

/** Takes `dataDir` for this process, or throws DataFolderInUseError naming the process that has it. */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const file = join(dataDir, 'server.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, url: null } satisfies LockContent));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      if (holder && isRunning(holder.pid)) throw new DataFolderInUseError(dataDir, holder.pid, holder.url);
      // Taken over and taken again at once by a third start: that one has it.
      if (attempt > 0) throw new DataFolderInUseError(dataDir, holder?.pid ?? 0, holder?.url ?? null);
      // Left by a process that is gone (or unreadable): take it over.
      rmSync(file, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  // Also when the process exits before its server was stopped (stopped while starting).
  process.on('exit', release);
  return {
    note(url) {
      if (!released) writeFileSync(file, JSON.stringify({ pid: process.pid, url } satisfies LockContent));
    },
    release,
  };
}
