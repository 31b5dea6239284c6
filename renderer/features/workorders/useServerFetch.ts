/**
 * Fetches from the district what the sync window (core/syncWindow.ts) left on the server: an
 * old settled order someone opens, or the early steps of an order kept here. Stored like the
 * feed's docs, so the screen's live queries show them as soon as they land.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FetchRequest } from '../../../sync';
import { useStationSync } from '../../data/session';

/** idle: nothing to fetch (no request, or demo mode); found/absent: the server had it or not. */
export type ServerFetchState = 'idle' | 'fetching' | 'found' | 'absent' | 'offline';

/** `request` null: nothing to fetch. Keep the request stable (useMemo) or it is fetched again. */
export function useServerFetch(request: FetchRequest | null): { state: ServerFetchState; retry: () => void } {
  const sync = useStationSync();
  const [attempt, setAttempt] = useState(0);
  // The answer, with what it answers: a new request or a retry is 'fetching' until its own comes.
  const [answer, setAnswer] = useState<{ request: FetchRequest; attempt: number; state: ServerFetchState } | null>(null);
  useEffect(() => {
    if (!sync || !request) return;
    let current = true;
    sync.fetchFromServer(request).then(
      (count) => current && setAnswer({ request, attempt, state: count > 0 ? 'found' : 'absent' }),
      () => current && setAnswer({ request, attempt, state: 'offline' }),
    );
    return () => {
      current = false;
    };
  }, [sync, request, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (!sync || !request) return { state: 'idle', retry };
  return { state: answer?.request === request && answer.attempt === attempt ? answer.state : 'fetching', retry };
}
