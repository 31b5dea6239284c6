/**
 * What the work-order screens need from the open station: the store, who acts (this unit and
 * its clerk), the district's working calendar and the photo store.
 */
import { useMemo } from 'react';
import type { PhotoStore } from '../../../core/photos/photoStore';
import type { WorkorderActor, WorkorderStore } from '../../../core/workorders/commands';
import { WorkdayCalendar } from '../../../core/workorders/workdayCalendar';
import { useSession } from '../../data/session';

/** The district's calendar; until districts ship their own, the national holiday notices. */
const CALENDAR = new WorkdayCalendar();

export interface WorkorderSession {
  store: WorkorderStore;
  actor: WorkorderActor;
  calendar: WorkdayCalendar;
  photos: PhotoStore;
}

export function useWorkorderSession(): WorkorderSession {
  const { db, actor, photos } = useSession();
  return useMemo(() => ({ store: db, actor, calendar: CALENDAR, photos }), [db, actor, photos]);
}
