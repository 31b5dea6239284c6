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
import type { TicketDoc } from '../../../core/schema';
import type { InboxQuery } from './inboxQuery';

type Selector = MangoQuerySelector<TicketDoc>;

/** The ISO date-time fields the window can run on (indexed after the selector's own fields). */
export type WindowField = 'reportedAt' | 'deadline';

export interface NewestWindow {
  selector: Selector;
  /** Rows to pass over: only when no window was found (orders without the field, clock far off). */
  skip: number;
  /** The window's lower bound, a hint for finding it again when the list changes. */
  since?: string;
}

/** What the search may ask the database: each answer comes from an index, reading at most one row. */
export interface WindowProbes {
  /** How many rows match (an index count). */
  count(selector: Selector): Promise<number>;
  /** The smallest value of the field among the matching rows (one row read in index order). */
  lowest(selector: Selector): Promise<string | undefined>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Windows reach at most this far from now; beyond it the list is read with skip as a last resort. */
const FURTHEST_MS = 60 * 365 * DAY_MS;
/** A window may hold up to this many pages before it is halved again. */
const SLACK = 2;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The selector of `selector`'s newest `limit` rows by `field` (and a few more). An index count
 * costs as many index entries as it counts, so the search never counts far below the page:
 * it first finds where the newest row lies with one-row reads (binary search on time), then
 * widens a window down from there until it holds a page.
 */
export async function newestWindow(probes: WindowProbes, selector: Selector, field: WindowField, limit: number, nowIso: string, hint?: string): Promise<NewestWindow> {
  const total = await probes.count(selector);
  if (total <= limit) return { selector, skip: 0 };
  const since = (ms: number): Selector => ({ ...selector, [field]: { $gte: iso(ms) } });
  if (hint) {
    // The last window still fits (an order added or closed): one small count.
    const held = await probes.count({ ...selector, [field]: { $gte: hint } });
    if (held >= limit && held <= 2 * SLACK * limit) return { selector: { ...selector, [field]: { $gte: hint } }, skip: 0, since: hint };
  }
  const now = Date.parse(nowIso);
  const lowestSince = async (ms: number) => {
    const value = await probes.lowest(since(ms));
    return value === undefined ? undefined : Date.parse(value);
  };
  // Bracket the newest row: nothing at or after `top`, a row at `found`.
  let top = now;
  for (let step = DAY_MS; (await lowestSince(top)) !== undefined; step *= 4) {
    if (top - now > FURTHEST_MS) return { selector, skip: total - limit };
    top += step;
  }
  let found: number | undefined;
  for (let step = DAY_MS; found === undefined; step *= 4) {
    if (now - (top - step) > FURTHEST_MS) return { selector, skip: total - limit };
    found = await lowestSince(top - step);
  }
  while (top - found > HOUR_MS) {
    const middle = Math.floor((found + top) / 2);
    const above = await lowestSince(middle);
    if (above === undefined) top = middle;
    else found = above;
  }
  // Widen down from the newest row until the window holds a page.
  let short = 0;
  let wide = HOUR_MS;
  let held = await probes.count(since(top - wide));
  while (held < limit) {
    if (now - (top - wide) > FURTHEST_MS) return { selector, skip: total - limit };
    short = wide;
    wide *= 2;
    held = await probes.count(since(top - wide));
  }
  // Halve while the window holds far more than a page (a busy hour, a bulk import).
  while (held > SLACK * limit && wide - short > 60_000) {
    const middle = Math.round((short + wide) / 2);
    const inMiddle = await probes.count(since(top - middle));
    if (inMiddle >= limit) {
      wide = middle;
      held = inMiddle;
    } else {
      short = middle;
    }
  }
  return { selector: since(top - wide), skip: 0, since: iso(top - wide) };
}

/**
 * The query that reads a list query's rows: a `tail` query (the newest rows of an ascending,
 * indexed sort) becomes its newest window, read in index order; others stay as they are.
 */
export async function windowedQuery(tickets: RxCollection<TicketDoc>, { tail, ...query }: InboxQuery, nowIso: string): Promise<MangoQuery<TicketDoc>> {
  if (!tail) return query;
  const field = Object.keys(query.sort?.[0] ?? {})[0] as WindowField;
  const { limit = Infinity, ...unlimited } = query;
  const selector = query.selector ?? {};
  const probes: WindowProbes = {
    count: (s) => tickets.count({ selector: s }).exec(),
    lowest: async (s) => (await tickets.findOne({ selector: s, sort: [{ [field]: 'asc' }] }).exec())?.get(field) as string | undefined,
  };
  const hints = HINTS.get(tickets) ?? new Map<string, string>();
  HINTS.set(tickets, hints);
  const key = JSON.stringify([selector, field, limit]);
  const window = await newestWindow(probes, selector, field, limit, nowIso, hints.get(key));
  if (window.since) hints.set(key, window.since);
  // The window holds the newest page and a few more: all are read, the merge keeps the page.
  return window.skip > 0 ? { ...query, selector: window.selector, skip: window.skip } : { ...unlimited, selector: window.selector };
}

/** The last window of each list, per collection: a list that changed usually still fits it. */
const HINTS = new WeakMap<RxCollection<TicketDoc>, Map<string, string>>();
