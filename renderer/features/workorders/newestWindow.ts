/**
 * The newest rows of a list whose index runs oldest first, read without touching the older ones.
 *
 * RxDB's Dexie storage walks indexes upwards only: a descending sort reads and re-sorts every
 * match, and `skip` still reads every skipped document (40k closed orders for one page). Index
 * counts cost no document reads, so the list is narrowed to a time window — "this field on or
 * after X" — whose count just reaches the page size, found by widening the window from now and
 * then halving it; the window is then read in index order.
 */
import type { MangoQuery, MangoQuerySelector, RxCollection } from 'rxdb';
import type { TicketDoc } from '../../../sync/schema';
import type { InboxQuery } from './inboxQuery';

type Selector = MangoQuerySelector<TicketDoc>;

/** The ISO date-time fields the window can run on (indexed after the selector's own fields). */
export type WindowField = 'reportedAt' | 'deadline';

export interface NewestWindow {
  selector: Selector;
  /** Rows to pass over: only when no window was found (orders without the field, clock far off). */
  skip: number;
}

const DAY_MS = 86_400_000;
/** Windows reach back at most this far; beyond it the list is read with skip as a last resort. */
const FURTHEST_MS = 60 * 365 * DAY_MS;
/** A window may hold up to this many pages before it is halved again. */
const SLACK = 2;

/**
 * The selector of `selector`'s newest `limit` rows by `field` (and a few more): each step is
 * one index count. `count` must count through an index (RxDB's `collection.count`).
 */
export async function newestWindow(
  count: (selector: Selector) => Promise<number>,
  selector: Selector,
  field: WindowField,
  limit: number,
  nowIso: string,
): Promise<NewestWindow> {
  const total = await count(selector);
  if (total <= limit) return { selector, skip: 0 };
  const now = Date.parse(nowIso);
  const since = (spanMs: number): Selector => ({ ...selector, [field]: { $gte: new Date(now - spanMs).toISOString() } });
  // Widen from a day back until the window holds a page: the newest rows are usually recent.
  let short = 0;
  let wide = DAY_MS;
  let held = await count(since(wide));
  while (held < limit) {
    if (wide >= FURTHEST_MS) return { selector, skip: total - limit };
    short = wide;
    wide = Math.min(wide * 4, FURTHEST_MS);
    held = await count(since(wide));
  }
  // Halve while the window holds far more than a page (a busy day, a bulk import).
  while (held > SLACK * limit && wide - short > 60_000) {
    const middle = Math.round((short + wide) / 2);
    const inMiddle = await count(since(middle));
    if (inMiddle >= limit) {
      wide = middle;
      held = inMiddle;
    } else {
      short = middle;
    }
  }
  return { selector: since(wide), skip: 0 };
}

/**
 * The query that reads a list query's rows: a `tail` query (the newest rows of an ascending,
 * indexed sort) becomes its newest window, read in index order; others stay as they are.
 */
export async function windowedQuery(tickets: RxCollection<TicketDoc>, { tail, ...query }: InboxQuery, nowIso: string): Promise<MangoQuery<TicketDoc>> {
  if (!tail) return query;
  const field = Object.keys(query.sort?.[0] ?? {})[0] as WindowField;
  const { limit = Infinity, ...unlimited } = query;
  const window = await newestWindow((selector) => tickets.count({ selector }).exec(), query.selector ?? {}, field, limit, nowIso);
  // The window holds the newest page and a few more: all are read, the merge keeps the page.
  return window.skip > 0 ? { ...query, selector: window.selector, skip: window.skip } : { ...unlimited, selector: window.selector };
}
