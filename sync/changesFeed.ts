/**
 * The one `_changes` reader of a station database.
 *
 * The station database holds every type, so reading `_changes?include_docs=true` once and
 * routing rows by id costs one pass over the feed; a feed per collection would make CouchDB
 * read every doc once per collection. While the engine stores one page, the next is already on
 * its way (one page ahead bounds memory).
 *
 * Positions are never compared: a page links `since` to its `lastSeq`, and that chain is the
 * only order the engine relies on (CouchDB's cluster sequences are not ordered strings).
 *
 * A `selector` (the sync window, core/syncWindow.ts) makes the server leave out what it does not
 * match (`filter=_selector`, CouchDB and pouchdb-server alike); it is asked for once, before the
 * first page, since it may have to come from the server itself.
 */
import type { PullSelector } from '../core/syncWindow';
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

export class ChangesFeed {
  private ahead: { since: Seq; page: Promise<FeedPage> } | null = null;
  private stopped = false;
  private abort: AbortController | null = null;

  private selector: Promise<PullSelector | null> | null = null;

  constructor(
    private readonly client: CouchClient,
    private readonly connection: Connection,
    private readonly pageSize: number,
    /** What to pull (null: everything); a failed answer is asked again at the next page. */
    private readonly selectorOf: () => Promise<PullSelector | null> = async () => null,
  ) {}

  private pullSelector(): Promise<PullSelector | null> {
    if (!this.selector) {
      const asked = this.selectorOf();
      asked.catch(() => {
        if (this.selector === asked) this.selector = null;
      });
      this.selector = asked;
    }
    return this.selector;
  }

  /** The page starting at `since`; the page after it is requested at once (read-ahead). */
  async page(since: Seq): Promise<FeedPage> {
    const current = this.ahead?.since === since ? this.ahead.page : this.connection.run(() => this.fetchPage(since));
    this.ahead = null;
    const page = await current;
    // A failed read-ahead is not kept: the next call asks again.
    if (!page.atEnd) this.prefetch(page.lastSeq);
    return page;
  }

  /** Starts reading the page at `since` now; `page(since)` then gets it. */
  prefetch(since: Seq): void {
    if (this.ahead?.since === since || this.stopped) return;
    const next = { since, page: this.connection.run(() => this.fetchPage(since)) };
    next.page.catch(() => {
      if (this.ahead === next) this.ahead = null;
    });
    this.ahead = next;
  }

  /** The next change after `since`, waiting for one (longpoll); an empty page when the wait timed out. */
  live(since: Seq): Promise<FeedPage> {
    return this.connection.run(() => this.fetchPage(since, true));
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  private async fetchPage(since: Seq, longpoll = false): Promise<FeedPage> {
    const params = new URLSearchParams({ include_docs: 'true', since, limit: String(this.pageSize) });
    if (longpoll) {
      params.set('feed', 'longpoll');
      // The server ends an idle longpoll after `timeout` ms with an empty page: well inside the
      // request timeout, or a quiet hour would read as a lost request (离线) every minute. No
      // `heartbeat`: CouchDB then ignores `timeout` and holds the feed open until a change.
      params.set('timeout', String(longpollMs(this.client.timeoutMs)));
    } else {
      // A clustered CouchDB computes the opaque seq only every N rows: cheaper pages.
      params.set('seq_interval', String(this.pageSize));
    }
    const init: RequestInit = {};
    const selector = await this.pullSelector();
    if (selector) {
      params.set('filter', '_selector');
      init.method = 'POST';
      init.body = JSON.stringify({ selector });
    }
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
    return page;
  }
}

/** How long the server may hold an idle longpoll: 25 s, or half the request timeout if shorter. */
function longpollMs(requestTimeoutMs: number): number {
  return Math.min(25_000, Math.floor(requestTimeoutMs / 2));
}
