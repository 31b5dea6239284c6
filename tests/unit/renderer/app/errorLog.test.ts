/**
 * The page's errors on their way to the log file: uncaught errors, rejected promises, what the
 * app's modules report with console.error, and the sync engine's errors from its status.
 */
import { BehaviorSubject } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { LOG_MESSAGE_MAX, type LogEntry } from '../../../../ipc/contract';
import { logSyncErrors, logWriter, reportPageErrors } from '../../../../renderer/app/errorLog';
import { INITIAL_STATUS, type SyncStatus } from '../../../../sync/status';

/** A page as far as the reporter sees it: events on the window, and its console. */
function page() {
  const target = new EventTarget();
  const shown: unknown[][] = [];
  const pageConsole = { error: (...args: unknown[]) => void shown.push(args) };
  const entries: LogEntry[] = [];
  const stop = reportPageErrors(target as unknown as Window, (entry) => entries.push(entry), pageConsole);
  return { target, pageConsole, shown, entries, stop };
}

function errorEvent(error: Error): Event {
  return Object.assign(new Event('error'), { error, message: error.message, filename: 'index.js', lineno: 1, colno: 2 });
}

describe('the page\'s errors', () => {
  it('an uncaught error and a rejected promise reach the log with their stack', () => {
    const p = page();
    const thrown = new TypeError('Cannot read properties of undefined (reading \'grid\')');
    p.target.dispatchEvent(errorEvent(thrown));
    p.target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new Error('IndexedDB closed') }));
    expect(p.entries).toEqual([
      { level: 'error', source: 'renderer', message: expect.stringContaining('TypeError: Cannot read properties of undefined') },
      { level: 'error', source: 'renderer', message: expect.stringMatching(/^unhandled rejection: Error: IndexedDB closed\n\s+at /) },
    ]);
    p.stop();
  });

  it('console.error still shows in the console and goes to the log too, until stopped', () => {
    const p = page();
    p.pageConsole.error('work orders: folding events in failed', new Error('conflict'));
    expect(p.shown).toHaveLength(1);
    expect(p.entries[0]!.message).toMatch(/^work orders: folding events in failed Error: conflict/);
    p.stop();
    p.pageConsole.error('after');
    expect(p.entries).toHaveLength(1);
  });

  it('the same line within ten seconds goes once, a long one is cut to what the channel takes', () => {
    let now = 0;
    const sent: LogEntry[] = [];
    const send = logWriter((entry) => sent.push(entry), () => now);
    for (let i = 0; i < 50; i++) send({ level: 'error', source: 'renderer', message: 'render loop' });
    now = 10_000;
    send({ level: 'error', source: 'renderer', message: 'render loop' });
    send({ level: 'warn', source: 'renderer', message: 'x'.repeat(LOG_MESSAGE_MAX * 2) });
    expect(sent.map((entry) => entry.message.length)).toEqual([11, 11, LOG_MESSAGE_MAX]);
  });
});

describe('the sync engine\'s errors', () => {
  it('a new last error, a refused login and each refused upload are logged once', () => {
    const status$ = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
    const write = vi.fn();
    const stop = logSyncErrors(status$, write);
    status$.next({ ...INITIAL_STATUS, connection: 'serverError', lastError: 'server: 503 Service Unavailable' });
    status$.next({ ...INITIAL_STATUS, connection: 'serverError', lastError: 'server: 503 Service Unavailable', pendingTotal: 2 });
    status$.next({ ...INITIAL_STATUS, authError: { status: 401, kind: 'wrongPassword', reason: 'Name or password is incorrect.', message: '用户名或密码错误' } });
    const refused = { id: 'q1', docId: 'ticket:320506101002-0001', kind: 'rejectedPush' as const, reason: 'forbidden: not the holder', at: '2025-03-14T01:00:00Z' };
    status$.next({ ...INITIAL_STATUS, rejected: { count: 1, items: [refused] } });
    status$.next({ ...INITIAL_STATUS, rejected: { count: 1, items: [refused] } });
    stop();
    status$.next({ ...INITIAL_STATUS, lastError: 'after stop' });
    expect(write.mock.calls.map(([entry]) => entry)).toEqual([
      { level: 'error', source: 'sync', message: 'server: 503 Service Unavailable' },
      { level: 'warn', source: 'sync', message: 'login refused by the server (401 wrongPassword): Name or password is incorrect.' },
      { level: 'warn', source: 'sync', message: '1 refused: ticket:320506101002-0001 (rejectedPush: forbidden: not the holder)' },
    ]);
  });
});
