/**
 * The one `_changes` reader of a station database, shared by every collection's pull handler.
 *
 * The station database holds every type, so reading `_changes?include_docs=true` once and
 * routing rows by id costs one pass over the feed; a feed per collection would make CouchDB
 * read every doc once per collection. Pages are keyed by the position they start from (`since`,
 * an opaque CouchDB sequence) and kept until every consumer has read them, so collections that
 * walk the feed at different speeds still fetch each page once.
 *
 * Positions are never compared: a page links `since` to its `lastSeq`, and that chain is the
 * only order the engine relies on (CouchDB's cluster sequences are not ordered strings).
 */
import { Subject } from 'rxjs';
import type { CouchClient } from './couchClient';
import type { Connection } from './connection';

/** A CouchDB sequence as the engine keeps it: opaque text (pouchdb-server's are integers). */
export type Seq = string;
export const FEED_START: Seq = '0';

export interface ChangeRow {
  id: string;
  seq: Seq;
  deleted: boolean;
  /** The doc with CouchDB metadata (`_id`, `_rev`, maybe `_deleted`). */
  doc: Record<string, unknown> & { _id: string; _rev?: string };
}

export interface FeedPage {
  since: Seq;
  lastSeq: Seq;
  rows: ChangeRow[];
  /** No more changes after `lastSeq` when the page was read. */
  atEnd: boolean;
  /** Changes left after this page, when the server says (CouchDB's `pending`). */
  pending?: number;
}

interface ChangesResponse {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: ChangeRow['doc'] }[];
  last_seq: string | number;
  pending?: number;
}

export interface FeedProgress {
  /** Changes every collection has taken from the feed in this run. */
  done: number;
  /** Changes known to exist when this run started reading (`done` + pending). */
  total: number;
}

export class ChangesFeed {
  /** A page was added at the live end: consumers should read on. */
  readonly woke$ = new Subject<void>();
  readonly progress$ = new Subject<FeedProgress>();
  private readonly pages = new Map<Seq, { page: Promise<FeedPage>; readBy: Set<string> }>();
  private done = 0;
  /** `last_seq` of the latest page that reached the end of the feed: where live reading starts. */
  endSeq: Seq | null = null;
  private total = 0;
  private live = false;
  private stopped = false;
  private abort: AbortController | null = null;

  constructor(
    private readonly client: CouchClient,
    private readonly connection: Connection,
    private readonly consumers: readonly string[],
    private readonly pageSize: number,
  ) {}

  /** The page starting at `since`, fetched once however many consumers ask. */
  page(since: Seq, consumer: string): Promise<FeedPage> {
    const current = this.entry(since);
    return current.page.then((page) => {
      current.readBy.add(consumer);
      if ((current.readBy.size >= this.consumers.length || page.rows.length === 0) && this.pages.get(since) === current) {
        this.pages.delete(since);
        this.countDone(page);
      }
      // Read ahead one page while the consumers store this one: the network round trip and
      // the server's work overlap the IndexedDB writes instead of adding to them (the raw
      // fetch of the feed is ~20% of an initial sync's time). One page ahead bounds memory.
      if (!page.atEnd && !this.live && !this.stopped) this.entry(page.lastSeq);
      // Following the server live, a page was at the end when it was read, but the live feed may
      // have cached the next one since. A consumer told "end" here stops, and RxDB drops the
      // wake-ups that came in before that pull started (it assumes a pull reads up to now): the
      // collection would stay a page behind until the next change on the server.
      return this.live && page.atEnd && this.pages.has(page.lastSeq) ? { ...page, atEnd: false } : page;
    });
  }

  private entry(since: Seq): { page: Promise<FeedPage>; readBy: Set<string> } {
    let entry = this.pages.get(since);
    if (!entry) {
      const page = this.connection.run(() => this.fetchPage(since));
      entry = { page, readBy: new Set() };
      this.pages.set(since, entry);
      // A failed fetch must not stay cached.
      page.catch(() => this.pages.delete(since));
    }
    return entry;
  }

  /**
   * Long-polls from `tail` and adds each answer as a page, until stopped. `onPage` sees every
   * page first (for the feed-level position and status); consumers are woken afterwards.
   */
  async runLive(tail: Seq, onPage: (page: FeedPage) => void): Promise<void> {
    this.live = true;
    let since = tail;
    while (!this.stopped) {
      let page: FeedPage;
      try {
        page = await this.connection.run(() => this.fetchPage(since, true));
      } catch (error) {
        if (this.stopped) return;
        throw error;
      }
      if (page.rows.length > 0) {
        this.pages.set(since, { page: Promise.resolve(page), readBy: new Set() });
        onPage(page);
        this.woke$.next();
      }
      since = page.lastSeq;
    }
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  private countDone(page: FeedPage): void {
    if (!this.live) {
      this.done += page.rows.length;
      this.progress$.next({ done: this.done, total: Math.max(this.total, this.done) });
    }
  }

  private async fetchPage(since: Seq, longpoll = false): Promise<FeedPage> {
    const params = new URLSearchParams({ include_docs: 'true', since, limit: String(this.pageSize) });
    if (longpoll) {
      params.set('feed', 'longpoll');
      // CouchDB ends an idle longpoll after `timeout` ms; the heartbeat keeps proxies from
      // cutting it earlier. (pouchdb-server ignores `timeout` and answers on the next change.)
      params.set('timeout', '25000');
      params.set('heartbeat', '10000');
    } else {
      // A clustered CouchDB computes the opaque seq only every N rows: cheaper pages.
      params.set('seq_interval', String(this.pageSize));
    }
    const init: RequestInit = {};
    if (longpoll) {
      this.abort = new AbortController();
      init.signal = this.abort.signal;
    }
    const body = await this.client.json<ChangesResponse>(`/_changes?${params.toString()}`, init);
    const rows: ChangeRow[] = [];
    for (const result of body.results) {
      if (!result.doc) continue;
      rows.push({ id: result.id, seq: String(result.seq), deleted: result.deleted === true, doc: result.doc });
    }
    const page: FeedPage = {
      since,
      lastSeq: String(body.last_seq),
      rows,
      atEnd: body.pending !== undefined ? body.pending === 0 : body.results.length < this.pageSize,
      pending: body.pending,
    };
    if (page.atEnd) this.endSeq = page.lastSeq;
    if (!longpoll && body.pending !== undefined && !this.live) {
      this.total = Math.max(this.total, this.done + rows.length + body.pending);
    }
    return page;
  }

  /** Sets the expected total when the server gives no `pending` (pouchdb-server). */
  estimateTotal(total: number): void {
    if (this.total === 0) this.total = total;
  }
}
