/**
 * Rows the feed passed over because the desk had an edit of the doc waiting for upload
 * (feedWriter.ts), read again from the server once that edit is settled.
 *
 * Why: the push settles an edit against the server's copy it looked up (pushPlan.ts). When the
 * server moved on between that lookup and the answer, and the feed read the newer row
 * meanwhile, the desk would be marked in sync with the older copy while the feed is beyond the
 * newer one: the desk keeps a stale doc for good (the randomized run found an order one step
 * behind its station). So each held id is looked up again once nothing of it waits for upload,
 * and stored as any feed row is (a revision older than the desk's is not stored).
 *
 * Until then the saved feed position stays before the held rows (positions.ts): a desk stopped
 * or killed in between reads them from the feed at its next start.
 */
import type { ChangeRow } from './changesFeed';
import type { PositionStore } from './positions';

export interface HeldRowsOptions {
  positions: Pick<PositionStore, 'hold' | 'release'>;
  /** A local write of the doc waits for upload. */
  isPending(id: string): boolean;
  /** The server's current rows of `ids` (tombstones included). */
  read(ids: string[]): Promise<ChangeRow[]>;
  /** Stores rows as the feed does (and may hold some again). */
  store(rows: ChangeRow[]): Promise<unknown>;
  onError(error: unknown): void;
}

export class HeldRows {
  /** Held id → the count of holds when it was (last) held. */
  private readonly held = new Map<string, number>();
  private holds = 0;
  private running: Promise<void> = Promise.resolve();
  private queued = false;
  private reading = false;
  private stopped = false;

  constructor(private readonly options: HeldRowsOptions) {}

  /** Rows the feed passed over: read again once their edits are settled. */
  hold(ids: readonly string[]): void {
    if (this.stopped) return;
    this.options.positions.hold();
    for (const id of ids) this.held.set(id, ++this.holds);
    // Held again by the look itself (an edit made meanwhile): looked at after its next settle,
    // not at once (a doc that stays edited must not be fetched in a loop).
    if (!this.reading) this.schedule();
  }

  /** Some uploads settled: held rows whose edits are done are read again. */
  settled(): void {
    if (this.held.size > 0) this.schedule();
  }

  /** Resolves once every look that was due has run. */
  async idle(): Promise<void> {
    let last: Promise<void> | undefined;
    while (last !== this.running) {
      last = this.running;
      await last;
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private schedule(): void {
    if (this.queued) return;
    this.queued = true;
    this.running = this.running.then(async () => {
      this.queued = false;
      if (this.stopped) return;
      try {
        await this.readAgain();
      } catch (error) {
        // Offline or stopped: the rows stay held (and the saved position before them); the next
        // settled upload or held row looks again, and a restart reads them from the feed.
        if (!this.stopped) this.options.onError(error);
      }
    });
  }

  private async readAgain(): Promise<void> {
    const due = [...this.held.keys()].filter((id) => !this.options.isPending(id));
    if (due.length === 0) return;
    const before = this.holds;
    const rows = await this.options.read(due);
    this.reading = true;
    try {
      await this.options.store(rows);
    } finally {
      this.reading = false;
    }
    // Held again while being read (an edit made meanwhile): left for its next settle.
    const done = due.filter((id) => (this.held.get(id) ?? 0) <= before);
    for (const id of done) this.held.delete(id);
    if (this.held.size === 0) this.options.positions.release();
  }
}
