/** Every doc of a collection, live, sorted by one field: for the station's registries and lookups. */
import { useMemo } from 'react';
import type { RxCollection } from 'rxdb';
import { useLive } from './useLive';

/** undefined until the first query result. */
export function useAllDocs<T>(collection: RxCollection<T>, sortField: string): T[] | undefined {
  const docs$ = useMemo(() => collection.find({ selector: {}, sort: [{ [sortField]: 'asc' }] as never }).$, [collection, sortField]);
  const docs = useLive(docs$);
  return useMemo(() => docs?.map((doc) => doc.toJSON() as T), [docs]);
}
