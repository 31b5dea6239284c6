/**
 * The station's open conflict records (core/conflicts/conflictRecords.ts): the records are
 * audit events, read by their id range (the primary index), and the steps that settled some of
 * them are events of the records' docs (the `subjectId` index). No index on `action`: it would
 * cost every event the station stores (measured: a tenth of an initial sync) for a list of a few.
 */
import { useMemo } from 'react';
import { openConflicts, SETTLING_ACTIONS, type ConflictRecord } from '../../core/conflicts/conflictRecords';
import type { EventDoc } from '../../core/schema';
import { useDatabase } from './session';
import { useLive } from './useLive';

export function useOpenConflicts(): ConflictRecord[] {
  const db = useDatabase();
  const audit$ = useMemo(() => db.events.find({ selector: { id: { $gte: 'auditEvent:', $lt: 'auditEvent:\uffff' } } }).$, [db]);
  const audit = useLive(audit$);
  const subjects = useMemo(() => [...new Set((audit ?? []).map((e) => e.subjectId))].sort(), [audit]);
  const key = subjects.join('\n');
  const settling$ = useMemo(() => db.events.find({ selector: { subjectId: { $in: key ? key.split('\n') : [] }, action: { $in: [...SETTLING_ACTIONS] } } }).$, [db, key]);
  const settling = useLive(settling$);
  return useMemo(() => openConflicts([...(audit ?? []), ...(settling ?? [])].map((e) => e.toJSON() as EventDoc)), [audit, settling]);
}
