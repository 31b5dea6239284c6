/**
 * The page's errors into the host's log (the desktop app's rotating log file, which district
 * IT reads when a station calls): uncaught errors and rejected promises, what the app's own
 * modules report with console.error (a failed fold of events, a map that cannot start, an error
 * a screen's boundary caught: React reports those with console.error), and the sync engine's
 * errors as its status shows them.
 */
import type { Observable } from 'rxjs';
import { LOG_MESSAGE_MAX } from '../../ipc/contract';
import type { SyncStatus } from '../../sync';
import type { LogEntry } from '../platform';

export type WriteLog = (entry: LogEntry) => void;

/** The same line again within this time is not sent again (a render loop, a retrying request). */
const REPEAT_MS = 10_000;

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack && value.stack.includes(value.message) ? value.stack : `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Cuts a line to what the log channel takes, dropping repeats. */
export function logWriter(write: WriteLog, now: () => number = Date.now): WriteLog {
  const lastSent = new Map<string, number>();
  return (entry) => {
    const message = entry.message.trim().slice(0, LOG_MESSAGE_MAX) || '(empty message)';
    const at = now();
    const before = lastSent.get(message);
    if (before !== undefined && at - before < REPEAT_MS) return;
    lastSent.set(message, at);
    if (lastSent.size > 100) lastSent.delete(lastSent.keys().next().value!);
    write({ ...entry, message });
  };
}

type ErrorTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** Sends the page's uncaught errors and console.error lines to the log; returns the undo. */
export function reportPageErrors(win: ErrorTarget, write: WriteLog, pageConsole: Pick<Console, 'error'> = console): () => void {
  const send = logWriter(write);
  const onError = (event: ErrorEvent): void => {
    const where = event.filename ? ` (${event.filename}:${event.lineno}:${event.colno})` : '';
    send({ level: 'error', source: 'renderer', message: event.error ? describe(event.error) : `${event.message}${where}` });
  };
  const onRejection = (event: PromiseRejectionEvent): void => {
    send({ level: 'error', source: 'renderer', message: `unhandled rejection: ${describe(event.reason)}` });
  };
  win.addEventListener('error', onError);
  win.addEventListener('unhandledrejection', onRejection);

  const original = pageConsole.error;
  let inside = false;
  pageConsole.error = (...args: unknown[]) => {
    original.apply(pageConsole, args);
    // A host that reports its own failure with console.error must not loop back here.
    if (inside) return;
    inside = true;
    try {
      send({ level: 'error', source: 'renderer', message: args.map(describe).join(' ') });
    } finally {
      inside = false;
    }
  };

  return () => {
    win.removeEventListener('error', onError);
    win.removeEventListener('unhandledrejection', onRejection);
    pageConsole.error = original;
  };
}

/**
 * The sync engine's errors as its status shows them: a new last error, a login the server
 * refuses, uploads it refuses (by document id and the server's reason, never the document).
 */
export function logSyncErrors(status$: Observable<SyncStatus>, write: WriteLog): () => void {
  const send = logWriter(write);
  let lastError: string | null = null;
  let authKind: string | null = null;
  const seenRejections = new Set<string>();
  const subscription = status$.subscribe((status) => {
    if (status.lastError && status.lastError !== lastError) send({ level: 'error', source: 'sync', message: status.lastError });
    lastError = status.lastError;

    const kind = status.authError ? `${status.authError.status} ${status.authError.kind}` : null;
    if (kind && kind !== authKind) send({ level: 'warn', source: 'sync', message: `login refused by the server (${kind}): ${status.authError!.reason}` });
    authKind = kind;

    // Each open refusal once a session: those still open from before are said again at start.
    const fresh = status.rejected.items.filter((item) => !seenRejections.has(item.id));
    for (const item of fresh) seenRejections.add(item.id);
    if (fresh.length > 0) {
      const listed = fresh.slice(0, 5).map((item) => `${item.docId} (${item.kind}: ${item.reason})`).join('; ');
      send({ level: 'warn', source: 'sync', message: `${fresh.length} refused: ${listed}${fresh.length > 5 ? ' …' : ''}` });
    }
  });
  return () => subscription.unsubscribe();
}
