/** The update status main pushes, from the moment a component shows it. */
import { useEffect, useState } from 'react';
import type { HostUpdates, UpdateStatus } from '../../platform';

export function useUpdateStatus(updates: HostUpdates | null): [UpdateStatus | null, (status: UpdateStatus) => void] {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    if (updates === null) return;
    let live = true;
    const stop = updates.subscribe((next) => {
      if (live) setStatus(next);
    });
    updates.getStatus().then(
      // A status pushed while this was on its way is newer: keep it.
      (first) => live && setStatus((current) => current ?? first),
      () => undefined,
    );
    return () => {
      live = false;
      stop();
    };
  }, [updates]);
  return [status, setStatus];
}
