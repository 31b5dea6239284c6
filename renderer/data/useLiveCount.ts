/** A live count of a collection's documents, optionally of those matching a selector. */
import { useMemo } from 'react';
import type { MangoQuerySelector, RxCollection } from 'rxdb';
import { useLive } from './useLive';

export function useLiveCount<T>(collection: RxCollection<T>, selector?: MangoQuerySelector<T>): number | undefined {
  const key = selector ? JSON.stringify(selector) : '';
  const count$ = useMemo(
    // RxDB counts only fully indexed queries natively; a filtered count is small enough at a
    // station (hundreds to a few thousand docs) to count the matching rows.
    () => (key ? collection.find({ selector: JSON.parse(key) as MangoQuerySelector<T> }).$ : collection.count().$),
    [collection, key],
  );
  const value = useLive<number | unknown[]>(count$);
  return Array.isArray(value) ? value.length : value;
}
