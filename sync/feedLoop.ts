/**
 * The pull side's loop: reads the feed from the saved position to its end, then (live) follows
 * it. While one page is stored the next is read and stored too (two in flight): IndexedDB
 * commits one page while the engine prepares the next, instead of waiting in turn. A doc in both
 * pages is settled by the storage's revision check (feedWriter.ts). Positions are recorded in
 * feed order, each once its page and all before it are stored; after a failure the loop starts
 * again from there.
 */
import { FEED_START, type ChangesFeed, type FeedPage, type Seq } from './changesFeed';
import { backoffDelay, StoppedError, type RetryOptions } from './connection';
import type { createFeedWriter } from './feedWriter';
import type { PositionStore } from './positions';
import type { StatusPublisher } from './status';

export interface FeedLoopOptions {
  feed: ChangesFeed;
  writer: ReturnType<typeof createFeedWriter>;
  positions: PositionStore;
  status: StatusPublisher;
  retry: RetryOptions;
  /** Keep following after the end is reached. */
  live: boolean;
  /** Resolves when the upload side has run its first pass (see `start`). */
  firstUploadPass: Promise<unknown>;
}

export class FeedLoop {
  /** The store of the latest page (for "in sync" waits). */
  storing: Promise<void> = Promise.resolve();
  /** Resolves when the feed has been stored to its end once. */
  readonly reachedEnd: Promise<void>;
  private caughtUp: () => void = () => undefined;
  private stopped = false;
  private wakeRetry: () => void = () => undefined;
  private running: Promise<void> = Promise.resolve();
  // Initial-sync progress: changes stored in this run out of those the server reported.
  private done = 0;
  private total = 0;
  private startedAt: string | undefined;

  constructor(private readonly options: FeedLoopOptions) {
    this.reachedEnd = new Promise<void>((resolve) => (this.caughtUp = resolve));
  }

  get progress(): { done: number; total: number; startedAt?: string } {
    return { done: this.done, total: Math.max(this.total, this.done), ...(this.startedAt ? { startedAt: this.startedAt } : {}) };
  }

  /** The total for the progress bar when the server gives no `pending` count (pouchdb-server). */
  noteTotal(total: number): void {
    if (this.total !== 0) return;
    this.total = total;
    if (this.startedAt) this.options.status.patch({ initial: { ...this.progress, complete: false } });
  }

  start(stopping: Promise<never>): void {
    this.running = this.follow(stopping);
  }

  /** Skip a wait after a failed page. */
  retryNow(): void {
    this.wakeRetry();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeRetry();
    this.options.feed.stop();
    await this.running;
  }

  private noteProgress(page: FeedPage): void {
    this.done += page.rows.length;
    // CouchDB's count is exact: it replaces an estimate from the database info.
    if (page.pending !== undefined) this.total = this.done + page.pending;
    this.options.status.patch({ initial: { ...this.progress, complete: false } });
  }

  private async follow(stopping: Promise<never>): Promise<void> {
    const { feed, writer, positions, status, retry, live } = this.options;
    // Local writes from before this start are found by each collection's first upload pass;
    // until it has run, a doc without a server mark cannot be told from one waiting for upload.
    // The first page is read meanwhile.
    feed.prefetch(positions.get() ?? FEED_START);
    await Promise.race([stopping, this.options.firstUploadPass]).catch(() => undefined);
    // The pace (time left) is timed from here: the wait above is not the feed's.
    this.startedAt = new Date().toISOString();
    status.patch({ initial: { ...this.progress, complete: false } });
    let following = false;
    for (let failures = 0; !this.stopped; ) {
      let position: Seq = positions.get() ?? FEED_START;
      let previous: Promise<void> = Promise.resolve();
      try {
        for (;;) {
          const page = following ? await feed.live(position) : await feed.page(position);
          const counted = !following;
          const stored = Promise.all([previous, page.rows.length > 0 ? writer.write(page.rows) : undefined]).then(() => {
            // Not awaited: a lost position write only costs reading the page again.
            positions.set(page.lastSeq);
            if (counted) this.noteProgress(page);
            status.touched();
          });
          stored.catch(() => undefined);
          this.storing = stored;
          // At most two pages in flight: wait for the one before this.
          await previous;
          previous = stored;
          position = page.lastSeq;
          if (following || page.atEnd) await stored;
          failures = 0;
          if (!following && page.atEnd) {
            this.caughtUp();
            if (!live) return;
            following = true;
          }
        }
      } catch (error) {
        await previous.catch(() => undefined);
        if (error instanceof StoppedError || this.stopped) return;
        // Not the network (the connection waits that out): storing failed. Report, wait, retry.
        status.patch({ lastError: `feed: ${String(error)}` });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoffDelay(failures++, retry));
          this.wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
