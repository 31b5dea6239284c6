/** Live rows and counts of the inbox's lists (see inboxQuery for what each list is). */
import { useMemo } from 'react';
import type { MangoQuerySelector, RxCollection } from 'rxdb';
import { combineLatest, from, map, of, switchMap, type Observable } from 'rxjs';
import type { TicketDoc } from '../../../core/schema';
import { useLive } from '../../data/useLive';
import { LIST_LIMIT } from '../../data/useLiveList';
import { windowedQuery } from './newestWindow';
import { countSelectors, hasFilters, inboxQueries, listSelector, mergeRows, type Bucket, type InboxFilters, type InboxQuery } from './inboxQuery';

function countOf(tickets: RxCollection<TicketDoc>, selectors: MangoQuerySelector<TicketDoc>[] | null, fallback: MangoQuerySelector<TicketDoc>): Observable<number> {
  if (!selectors) return tickets.find({ selector: fallback }).$.pipe(map((docs) => docs.length));
  const parts = selectors.map((selector) => (Object.keys(selector).length === 0 ? tickets.count().$ : tickets.count({ selector }).$));
  return parts.length === 1 ? parts[0] : combineLatest(parts).pipe(map((counts) => counts.reduce((a, b) => a + b, 0)));
}

export function useBucketCount(tickets: RxCollection<TicketDoc>, bucket: Bucket, unit: string, nowIso: string): number | undefined {
  const count$ = useMemo(() => countOf(tickets, countSelectors(bucket, unit, nowIso), listSelector(bucket, unit, nowIso, {})), [tickets, bucket, unit, nowIso]);
  return useLive(count$);
}

export interface InboxRows {
  rows: TicketDoc[] | undefined;
  total: number | undefined;
}

/** The visible page of a list: overdue orders first, at most LIST_LIMIT rows, and the list's size. */
export function useInboxRows(tickets: RxCollection<TicketDoc>, bucket: Bucket, unit: string, nowIso: string, filters: InboxFilters): InboxRows {
  const key = JSON.stringify(filters);
  const list$ = useMemo(() => {
    const { queries, order, whole } = inboxQueries(bucket, unit, nowIso, JSON.parse(key) as InboxFilters, LIST_LIMIT);
    if (queries.length === 0) return of({ rows: [] as TicketDoc[], total: whole ? 0 : undefined });
    // A newest-first list finds its window again whenever its size changes (an order closed).
    const rowsOf = (query: InboxQuery) =>
      query.tail
        ? tickets.count({ selector: query.selector }).$.pipe(
            switchMap(() => from(windowedQuery(tickets, query, nowIso))),
            switchMap((windowed) => tickets.find(windowed).$),
          )
        : tickets.find(query).$;
    return combineLatest(queries.map(rowsOf)).pipe(
      map((results) => ({
        rows: mergeRows(results.map((docs) => docs.map((d) => d.toJSON() as TicketDoc)), order, nowIso, LIST_LIMIT),
        // A list read whole knows its size.
        total: whole ? results[0].length : undefined,
      })),
    );
  }, [tickets, bucket, unit, nowIso, key]);
  const total$ = useMemo(() => {
    const filters = JSON.parse(key) as InboxFilters;
    if (inboxQueries(bucket, unit, nowIso, filters, LIST_LIMIT).whole) return null;
    const selector = listSelector(bucket, unit, nowIso, filters);
    return hasFilters(filters) ? countOf(tickets, null, selector) : countOf(tickets, countSelectors(bucket, unit, nowIso), selector);
  }, [tickets, bucket, unit, nowIso, key]);
  const list = useLive(list$);
  const counted = useLive(total$);
  return { rows: list?.rows, total: list?.total ?? counted };
}
