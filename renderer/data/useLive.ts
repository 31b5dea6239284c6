/**
 * Subscribes a component to a live source, e.g. an RxDB query's `$`: the screen re-renders when
 * the local database changes (a sync pulling new docs, another screen writing).
 */
import { useEffect, useState } from 'react';

/** Anything with a subscribe/unsubscribe pair (RxJS observables, RxDB query streams). */
export interface Subscribable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

/** The latest value of `source`, or undefined until it first emits. Memoise `source`. */
export function useLive<T>(source: Subscribable<T> | null): T | undefined {
  const [latest, setLatest] = useState<{ source: Subscribable<T>; value: T } | null>(null);
  useEffect(() => {
    if (!source) return undefined;
    const subscription = source.subscribe((value) => setLatest({ source, value }));
    return () => subscription.unsubscribe();
  }, [source]);
  // A value of the previous source must not flash under a new one.
  return latest && latest.source === source ? latest.value : undefined;
}
