/** A live page of a collection's documents plus the collection's total, for the list screens. */
import { useMemo } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import { useLive } from './useLive';

/** How many rows a list screen shows before it says "显示前 N 条". */
export const LIST_LIMIT = 200;

export interface LiveList<T> {
  /** undefined while the first result is loading. */
  rows: readonly T[] | undefined;
  total: number | undefined;
}

export function useLiveList<T>(collection: RxCollection<T>, query: MangoQuery<T>): LiveList<T> {
  // Callers pass query literals; the key keeps the RxQuery (and its subscription) stable.
  const key = JSON.stringify(query);
  const rows$ = useMemo(
    () => collection.find({ ...(JSON.parse(key) as MangoQuery<T>), limit: LIST_LIMIT }).$,
    [collection, key],
  );
  const total$ = useMemo(() => collection.count().$, [collection]);
  const docs = useLive(rows$);
  const rows = useMemo(() => docs?.map((doc) => doc.toJSON() as T), [docs]);
  return { rows, total: useLive(total$) };
}
