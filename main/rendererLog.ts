/**
 * Renderer and sync errors into the rotating file log: the page cannot write files, so it sends
 * each line over `log:write` (validated by the contract). A page caught in an error loop must
 * neither fill the disk nor drown main's own lines, so at most `limit` lines are written per
 * `windowMs`; the next window starts with one line saying how many were dropped.
 */
import type { LogEntry } from '../ipc/contract';

export interface RendererLogOptions {
  /** The app's electron-log (its hook hides passwords and logins in what is written). */
  log: { error(message: string): void; warn(message: string): void; info(message: string): void };
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

export const RENDERER_LOG_LIMIT = 30;
export const RENDERER_LOG_WINDOW_MS = 60_000;

export function createRendererLog(options: RendererLogOptions): (entry: LogEntry) => void {
  const { log } = options;
  const limit = options.limit ?? RENDERER_LOG_LIMIT;
  const windowMs = options.windowMs ?? RENDERER_LOG_WINDOW_MS;
  const now = options.now ?? Date.now;
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let dropped = 0;
  return (entry) => {
    const at = now();
    if (at - windowStart >= windowMs) {
      if (dropped > 0) log.warn(`[renderer] ${dropped} more log lines dropped (over ${limit} in ${windowMs / 1000} s)`);
      windowStart = at;
      written = 0;
      dropped = 0;
    }
    if (written >= limit) {
      dropped++;
      return;
    }
    written++;
    // A stack keeps its lines, indented: a line the page sends can never pass for one of main's.
    const text = entry.message.replace(/\r\n?|\n/g, '\n    ');
    log[entry.level](`[${entry.source}] ${text}`);
  };
}
