/**
 * The inbox's lists as RxDB queries: one bucket per thing a clerk has to do (待立案, 待派遣 …),
 * narrowed by the filters, each sorted so that overdue orders come first.
 *
 * Queries follow the ticket schema's indexes ([holderCode, state, deadline], [state, deadline],
 * reportedAt) so a district-size database (100k orders) still answers at once; counts use only
 * selectors those indexes satisfy, summed where a bucket spans several states.
 */
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import type { TicketDoc, TicketSource, TicketState } from '../../../sync/schema';
import { OPEN_STATES } from '../../../sync/workorders/stateMachine';

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
}

type Selector = MangoQuerySelector<TicketDoc>;

const HOLDER_BUCKETS: readonly Bucket[] = ['pendingFiling', 'pendingDispatch', 'handling', 'pendingVerification'];

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
      // Open orders of this unit (or below) now held above it: sent up, still to come back.
      return { state: { $in: [...OPEN_STATES] }, holderCode: { $not: { $regex: `^${escapeRegex(unit)}` } } } as Selector;
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
  if (filters.source) parts.push({ source: filters.source });
  if (filters.major) parts.push({ catalogItemCode: { $regex: `^${escapeRegex(filters.major)}` } });
  if (filters.gridCode) parts.push({ gridCode: { $regex: `^${escapeRegex(filters.gridCode)}` } });
  if (filters.from || filters.to) {
    parts.push({ reportedAt: { ...(filters.from ? { $gte: chinaDayStart(filters.from) } : {}), ...(filters.to ? { $lt: chinaDayStart(filters.to, 1) } : {}) } });
  }
  const text = filters.text?.trim();
  if (text) {
    const pattern = escapeRegex(text);
    parts.push({ $or: [{ number: { $regex: pattern } }, { description: { $regex: pattern } }, { address: { $regex: pattern } }] } as Selector);
  }
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { $and: parts };
}

function both(a: Selector, b: Selector): Selector {
  if (Object.keys(a).length === 0) return b;
  if (Object.keys(b).length === 0) return a;
  return { $and: [a, b] };
}

export function hasFilters(filters: InboxFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined && value !== '');
}

/**
 * The list as two queries: the overdue part by deadline (most overdue first), then the rest.
 * A bucket sorted by deadline already puts overdue first and needs only the first.
 */
export function inboxQueries(bucket: Bucket, unit: string, nowIso: string, filters: InboxFilters, limit: number): { overdue: MangoQuery<TicketDoc> | null; rest: MangoQuery<TicketDoc> } {
  const selector = both(bucketSelector(bucket, unit, nowIso), filterSelector(filters));
  if (bucket === 'all' || bucket === 'escalated') {
    const overdue = both(selector, { state: { $in: [...OPEN_STATES] }, deadline: { $gt: '', $lt: nowIso } });
    return {
      overdue: { selector: overdue, sort: [{ deadline: 'asc' }], limit },
      rest: { selector, sort: [{ reportedAt: 'desc' }], limit },
    };
  }
  if (bucket === 'closed') return { overdue: null, rest: { selector, sort: [{ reportedAt: 'desc' }], limit } };
  return { overdue: null, rest: { selector, sort: [{ deadline: 'asc' }, { reportedAt: 'desc' }], limit } };
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
    case 'all':
      return [{}];
    default:
      return null;
  }
}

/** A stable name of a list (bucket + filters), for the DOM and the benchmark. */
export function inboxListKey(bucket: Bucket, filters: InboxFilters): string {
  const set = Object.entries(filters).filter(([, v]) => v !== undefined && v !== '').sort(([a], [b]) => a.localeCompare(b));
  return [bucket, ...set.map(([k, v]) => `${k}=${String(v)}`)].join('|');
}
