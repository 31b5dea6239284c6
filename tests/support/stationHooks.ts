/** The hooks the station app (renderer/app/startStation.ts) hands the sync engine, for tests that start it themselves. */
import type { RxCollection } from 'rxdb';
import type { Actor } from '../../core/actor';
import { stationConflictRecorder } from '../../core/conflicts/conflictRecords';
import { stationConflictPolicies } from '../../core/conflicts/policies';
import type { EventDoc } from '../../core/schema';

/** What the station app hands the engine: its conflict policies, and conflict records that sync up. */
export function stationHooks(events: RxCollection<EventDoc> | undefined, actor: Actor) {
  return { policies: stationConflictPolicies(actor.unit, events), ...(events ? { recordConflicts: stationConflictRecorder(events, actor) } : {}) };
}
