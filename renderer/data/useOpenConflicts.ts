/**
 * The station's open conflict records (core/conflicts/conflictRecords.ts): the records, and the
 * steps that settled some of them, read by action (the events' `action` index).
 */
import { useMemo } from 'react';
import { CONFLICT_ACTION, openConflicts, SETTLING_ACTIONS, type ConflictRecord } from '../../core/conflicts/conflictRecords';
import type { EventDoc } from '../../core/schema';
import { useDatabase } from './session';
import { useLive } from './useLive';

export function useOpenConflicts(): ConflictRecord[] {
  const db = useDatabase();
  const events$ = useMemo(() => db.events.find({ selector: { action: { $in: [CONFLICT_ACTION, ...SETTLING_ACTIONS] } } }).$, [db]);
  const events = useLive(events$);
  return useMemo(() => openConflicts((events ?? []).map((e) => e.toJSON() as EventDoc)), [events]);
}
