/**
 * The inbox's lists as RxDB queries: one bucket per thing a clerk has to do (待立案, 待派遣 …),
 * narrowed by the filters, each sorted so that overdue orders come first.
 *
 * Queries follow the ticket schema's indexes ([holderCode, state, deadline], [state, deadline],
 * reportedAt) so a district-size database (100k orders) still answers at once; counts use only
 * selectors those indexes satisfy, summed where a bucket spans several states.
 */
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import type { TicketDoc, TicketSource, TicketState } from '../../../core/schema';
import { isOverdue, OPEN_STATES } from '../../../core/workorders/orderClock';

export const BUCKETS = ['pendingFiling', 'pendingDispatch', 'handling', 'pendingVerification', 'escalated', 'overdue', 'longStanding', 'closed', 'all'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface InboxFilters {
  text?: string;
  state?: TicketState;
  /** Event-list major category, '01'–'04'. */
  major?: string;
  /** A grid and everything inside it. */
  gridCode?: string;
  source?: TicketSource;
  /** Reported from / to, YYYY-MM-DD (China time). */
  from?: string;
  to?: string;
  /** Exactly these orders (a number clicked on 统计). */
  ids?: string[];
}

type Selector = MangoQuerySelector<TicketDoc>;

const HOLDER_BUCKETS: readonly Bucket[] = ['pendingFiling', 'pendingDispatch', 'handling', 'pendingVerification'];

/** The units above `unit`: a village's town and district, a town's district. */
export function ancestorsOf(unit: string): string[] {
  return [6, 9].filter((length) => unit.length > length).map((length) => unit.slice(0, length));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Local midnight (UTC+8) of a YYYY-MM-DD date, as an ISO instant. */
function chinaDayStart(date: string, plusDays = 0): string {
  const ms = Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000;
  return new Date(ms).toISOString();
}

/** The bucket's own condition, before filters. */
export function bucketSelector(bucket: Bucket, unit: string, nowIso: string): Selector {
  if ((HOLDER_BUCKETS as readonly string[]).includes(bucket)) return { holderCode: unit, state: bucket as TicketState };
  switch (bucket) {
    case 'escalated':
      // Open orders sent up and now held by a unit above this one (its town, the district).
      return { state: { $in: [...OPEN_STATES] }, holderCode: { $in: ancestorsOf(unit) } };
    case 'overdue':
      return { state: { $in: [...OPEN_STATES] }, deadline: { $gt: '', $lt: nowIso } };
    case 'longStanding':
      return { state: 'longStanding' };
    case 'closed':
      return { state: 'closed' };
    default:
      return {};
  }
}

export function filterSelector(filters: InboxFilters): Selector {
  const parts: Selector[] = [];
  if (filters.state) parts.push({ state: filters.state });
  if (filters.ids) parts.push({ id: { $in: filters.ids } });
  if (filters.source) parts.push({ source: filters.source });
  if (filters.major) parts.push({ catalogItemCode: { $regex: `^${escapeRegex(filters.major)}` } });
  // A grid and the grids inside it share its code as prefix: a range on the gridCode index.
  if (filters.gridCode) parts.push({ gridCode: { $gte: filters.gridCode, $lt: `${filters.gridCode}\uffff` } });
  if (filters.from || filters.to) {
    parts.push({ reportedAt: { ...(filters.from ? { $gte: chinaDayStart(filters.from) } : {}), ...(filters.to ? { $lt: chinaDayStart(filters.to, 1) } : {}) } });
  }
  const text = filters.text?.trim();
  if (text) {
    const pattern = escapeRegex(text);
    parts.push({ $or: [{ number: { $regex: pattern } }, { description: { $regex: pattern } }, { address: { $regex: pattern } }] } as Selector);
  }
  return parts.reduce<Selector>((all, part) => both(all, part), {});
}

/**
 * Both conditions, as one flat selector where their fields differ: RxDB's query planner takes
 * index ranges from top-level fields only, so `$and` would turn an indexed query into a scan.
 */
function both(a: Selector, b: Selector): Selector {
  const shared = Object.keys(a).some((key) => key in b);
  return shared ? { $and: [a, b] } : { ...a, ...b };
}

export function hasFilters(filters: InboxFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined && value !== '');
}

export type ListOrder = 'deadlineAsc' | 'deadlineDesc' | 'overdueThenNewest';

/**
 * A query of the list. `tail`: the last `limit` rows of an ascending, fully indexed query
 * (read through its newest window, see newestWindow.ts), because RxDB re-sorts every match of a
 * descending sort: "newest first" over 40k closed orders would sort them all.
 */
export type InboxQuery = MangoQuery<TicketDoc> & { tail?: boolean };

/**
 * The list as a few indexed queries (each at most `limit` rows), merged and ordered in memory
 * by `order`: a bucket spanning several states or holders asks each one through the index
 * rather than scanning, and "overdue first" holds in every list.
 */
export function inboxQueries(bucket: Bucket, unit: string, nowIso: string, filters: InboxFilters, limit: number): { queries: InboxQuery[]; order: ListOrder; whole?: boolean } {
  const narrow = filterSelector(filters);
  // Lists that fix the state themselves take the state filter as "this state or nothing", so
  // the selector stays flat (and indexed) instead of a `$and` of two states.
  const unstated = filterSelector({ ...filters, state: undefined });
  const allows = (state: TicketState) => !filters.state || filters.state === state;
  // A grid filter is the narrowest index a whole-district list has.
  const byGrid = filters.gridCode && !filters.text ? { index: ['gridCode', 'id'] } : {};
  const plain = !hasFilters(filters);
  // Within a grid the list is read whole, once, on the grid index: its rows give the page (merged
  // in memory, overdue first) and the list's size, instead of one grid scan per state and another
  // for the count.
  if (byGrid.index && (bucket === 'all' || bucket === 'closed' || bucket === 'longStanding')) {
    const own = bucket === 'all' ? undefined : (bucket as TicketState);
    if (own && !allows(own)) return { queries: [], order: 'deadlineDesc', whole: true };
    const selector = own ? both({ state: own }, unstated) : narrow;
    return { queries: [{ selector, sort: [{ gridCode: 'asc' }], ...byGrid }], order: own === 'closed' ? 'deadlineDesc' : own ? 'deadlineAsc' : 'overdueThenNewest', whole: true };
  }
  const overdueParts = (): InboxQuery[] =>
    OPEN_STATES.filter(allows).map((state) => ({ selector: both({ state, deadline: { $gt: '', $lt: nowIso } }, unstated), sort: [{ deadline: 'asc' }], limit, ...byGrid }));
  if ((HOLDER_BUCKETS as readonly string[]).includes(bucket)) {
    const state = bucket as TicketState;
    return { queries: allows(state) ? [{ selector: both({ holderCode: unit, state }, unstated), sort: [{ deadline: 'asc' }], limit }] : [], order: 'deadlineAsc' };
  }
  switch (bucket) {
    case 'overdue':
      return { queries: overdueParts(), order: 'deadlineAsc' };
    case 'escalated':
      return {
        queries: ancestorsOf(unit).flatMap((holderCode) => OPEN_STATES.filter(allows).map((state) => ({ selector: both({ holderCode, state }, unstated), sort: [{ deadline: 'asc' as const }], limit }))),
        order: 'deadlineAsc',
      };
    case 'longStanding':
      return { queries: allows('longStanding') ? [{ selector: both({ state: 'longStanding' }, unstated), sort: [{ deadline: 'asc' }], limit, ...byGrid }] : [], order: 'deadlineAsc' };
    case 'closed':
      return {
        queries: !allows('closed') ? [] : plain ? [{ selector: { state: 'closed' }, sort: [{ deadline: 'asc' }], limit, tail: true }] : [{ selector: both({ state: 'closed' }, unstated), sort: [{ deadline: 'desc' }], limit, ...byGrid }],
        order: 'deadlineDesc',
      };
    default:
      return {
        queries: [...overdueParts(), plain ? { selector: {}, sort: [{ reportedAt: 'asc' }], limit, tail: true } : { selector: narrow, sort: [{ reportedAt: 'desc' }], limit, ...byGrid }],
        order: 'overdueThenNewest',
      };
  }
}

/** Merges the queries' rows into the list: unique, ordered, at most `limit`. */
export function mergeRows(results: readonly (readonly TicketDoc[])[], order: ListOrder, nowIso: string, limit: number): TicketDoc[] {
  const byId = new Map<string, TicketDoc>();
  for (const rows of results) for (const row of rows) byId.set(row.id, row);
  const overdue = (t: TicketDoc) => isOverdue(t, nowIso);
  const rows = [...byId.values()];
  const compare: Record<ListOrder, (a: TicketDoc, b: TicketDoc) => number> = {
    deadlineAsc: (a, b) => a.deadline.localeCompare(b.deadline) || b.reportedAt.localeCompare(a.reportedAt),
    deadlineDesc: (a, b) => b.deadline.localeCompare(a.deadline) || b.reportedAt.localeCompare(a.reportedAt),
    overdueThenNewest: (a, b) =>
      Number(overdue(b)) - Number(overdue(a)) || (overdue(a) && overdue(b) ? a.deadline.localeCompare(b.deadline) : b.reportedAt.localeCompare(a.reportedAt)),
  };
  return rows.sort(compare[order]).slice(0, limit);
}

/** The whole list's selector (for counting and export). */
export function listSelector(bucket: Bucket, unit: string, nowIso: string, filters: InboxFilters): Selector {
  return both(bucketSelector(bucket, unit, nowIso), filterSelector(filters));
}

/**
 * Selectors whose counts add up to the bucket's size, each satisfied by an index (RxDB counts
 * those natively, without loading documents); null when the bucket needs a full query.
 */
export function countSelectors(bucket: Bucket, unit: string, nowIso: string): Selector[] | null {
  if ((HOLDER_BUCKETS as readonly string[]).includes(bucket)) return [{ holderCode: unit, state: bucket as TicketState }];
  switch (bucket) {
    case 'overdue':
      return OPEN_STATES.map((state) => ({ state, deadline: { $gt: '', $lt: nowIso } }));
    case 'longStanding':
    case 'closed':
      return [{ state: bucket }];
    case 'escalated':
      return ancestorsOf(unit).flatMap((holderCode) => OPEN_STATES.map((state) => ({ holderCode, state })));
    case 'all':
      return [{}];
    default:
      return null;
  }
}

/** A stable name of a list (bucket + filters), for the DOM and the benchmark. */
export function inboxListKey(bucket: Bucket, filters: InboxFilters): string {
  const set = Object.entries(filters).filter(([, v]) => v !== undefined && v !== '').sort(([a], [b]) => a.localeCompare(b));
  return [bucket, ...set.map(([k, v]) => (Array.isArray(v) ? `${k}=${v.length}` : `${k}=${String(v)}`))].join('|');
}
