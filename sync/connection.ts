/**
 * Whether the server can be reached with our credentials, and the one retry loop that finds out
 * when it can again. Every request of the engine goes through `run`: while the server is
 * unreachable (or refuses our credentials) callers wait here instead of each retrying on its
 * own, and a single probe with exponential backoff and jitter brings them all back together.
 */
import { BehaviorSubject } from 'rxjs';
import { AuthError, HttpError, isOffline } from './couchClient';

/** `serverError`: the server answers, but with 5xx (restarting, out of disk): it is retried. */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'authError' | 'serverError';

export interface RetryOptions {
  /** First wait after a failure (ms); doubles per failure up to `maxMs`. */
  minMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { minMs: 1000, maxMs: 30_000 };

/** Thrown out of `run` once the sync is stopped; handlers turn it into "nothing to do". */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
}

/** Wait `ms` with ±50 % jitter so many stations do not hammer the server in step. */
export function backoffDelay(attempt: number, retry: RetryOptions, random: () => number = Math.random): number {
  const base = Math.min(retry.maxMs, retry.minMs * 2 ** attempt);
  return Math.round(base * (0.5 + random()));
}

export class Connection {
  readonly state$ = new BehaviorSubject<ConnectionState>('connecting');
  readonly authError$ = new BehaviorSubject<AuthError | null>(null);
  /** The last 5xx the server answered, while it keeps answering so. */
  readonly serverError$ = new BehaviorSubject<HttpError | null>(null);
  private probing: Promise<void> | null = null;
  private stopped = false;
  private readonly wakeSleepers = new Set<() => void>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly retry: RetryOptions = DEFAULT_RETRY,
  ) {}

  get usable(): boolean {
    const state = this.state$.getValue();
    return state === 'online' || state === 'connecting' || state === 'serverError';
  }

  /**
   * Runs `task`, waiting out offline and auth periods. A 5xx answer is retried by this task
   * after a backoff with jitter (many stations must not hammer a recovering server in step);
   * other errors go to the caller.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    for (let serverFailures = 0; ; ) {
      if (this.stopped) throw new StoppedError('sync stopped');
      if (!this.usable) await this.whenUsable();
      if (this.stopped) throw new StoppedError('sync stopped');
      try {
        const result = await task();
        this.succeeded();
        return result;
      } catch (error) {
        if (this.stopped) throw new StoppedError('sync stopped');
        if (isOffline(error) || error instanceof AuthError) {
          this.failed(error);
          continue;
        }
        if (error instanceof HttpError && error.status >= 500) {
          this.serverFailed(error);
          await this.sleep(backoffDelay(serverFailures++, this.retry));
          continue;
        }
        throw error;
      }
    }
  }

  succeeded(): void {
    if (this.state$.getValue() !== 'online') this.state$.next('online');
    if (this.authError$.getValue()) this.authError$.next(null);
    if (this.serverError$.getValue()) this.serverError$.next(null);
    this.releaseWaiters();
  }

  /** The server answers, but with 5xx: said so, and each task retries on its own backoff. */
  private serverFailed(error: HttpError): void {
    this.serverError$.next(error);
    if (this.state$.getValue() !== 'serverError') this.state$.next('serverError');
  }

  private releaseWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Records a failure and starts the probe loop if none runs. */
  failed(error: unknown): void {
    if (this.stopped) return;
    if (error instanceof AuthError) {
      this.authError$.next(error);
      this.state$.next('authError');
    } else {
      this.state$.next('offline');
    }
    if (!this.probing) this.probing = this.probeUntilBack().finally(() => (this.probing = null));
  }

  whenUsable(): Promise<void> {
    if (this.stopped || this.usable) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Skip the current backoff wait (the user pressed "sync now"). */
  retryNow(): void {
    for (const wake of this.wakeSleepers) wake();
  }

  stop(): void {
    this.stopped = true;
    this.retryNow();
    this.releaseWaiters();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleepers.add(done);
    });
  }

  private async probeUntilBack(): Promise<void> {
    for (let attempt = 0; !this.stopped && !this.usable; attempt++) {
      await this.sleep(backoffDelay(attempt, this.retry));
      if (this.stopped) return;
      try {
        await this.probe();
        this.succeeded();
        return;
      } catch (error) {
        if (error instanceof AuthError) {
          this.authError$.next(error);
          this.state$.next('authError');
        } else if (error instanceof HttpError && error.status >= 500) {
          // Reachable but failing (CouchDB restarting, a proxy's 503): not "offline". The
          // waiting tasks go on, each retrying the 5xx on its own backoff (see `run`).
          this.serverFailed(error);
          this.releaseWaiters();
          return;
        } else {
          // Unreachable, or an answer that is no answer (a captive portal's page): keep probing.
          this.state$.next('offline');
        }
      }
    }
  }
}
