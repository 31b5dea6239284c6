/**
 * What happens when this station's edit meets a different server state (DESIGN.md table):
 * - reference data (grids, catalog, departments, staff, components): the server wins; a
 *   local value it overrides is kept in a conflict record;
 * - tickets: rebuilt from the union of both sides' events; other fields merged three-way;
 * - events and photos are create-only: a different doc under the same id is a broken rule, the
 *   server's stays and the local one is kept in a conflict record;
 * - mediation cases: three-way field merge, later `updatedAt` wins, the loser is recorded;
 * - station status: last write wins (a heartbeat: an older one has no value to keep).
 *
 * Policies are built per running sync because the ticket policy needs the local events and a
 * way to ask the server for its events.
 */
import { defaultConflictHandler, type RxConflictHandler, type RxConflictHandlerInput, type WithDeleted } from 'rxdb';
import type { EventDoc, SyncedCollectionName, TicketDoc } from '../schema';
import { projectTicket, PROJECTED_FIELDS, unionEvents } from '../workorders/projection';
import { overriddenFields, threeWayMerge, type DocState } from './fieldMerge';
import { recordConflicts, type QuarantineCollection } from '../../sync/conflictRecords';

export interface ConflictContext {
  quarantine?: QuarantineCollection;
  /** Events of a subject known locally. */
  localEvents?(subjectId: string): Promise<EventDoc[]>;
  /** Events of a subject on the server (may not have replicated down yet). */
  serverEvents?(subjectId: string): Promise<EventDoc[]>;
}

export type ConflictPolicy = 'serverWins' | 'createOnly' | 'ticketProjection' | 'fieldMerge' | 'lastWriteWins';

export const POLICY_OF_COLLECTION: Record<SyncedCollectionName, ConflictPolicy> = {
  grids: 'serverWins',
  catalog: 'serverWins',
  departments: 'serverWins',
  staff: 'serverWins',
  components: 'serverWins',
  tickets: 'ticketProjection',
  events: 'createOnly',
  photos: 'createOnly',
  cases: 'fieldMerge',
  stationStatus: 'lastWriteWins',
};

type State = WithDeleted<DocState>;
type Input = RxConflictHandlerInput<DocState>;

const isEqual = defaultConflictHandler.isEqual as RxConflictHandler<DocState>['isEqual'];

function handler(resolve: (input: Input) => Promise<State>): RxConflictHandler<DocState> {
  return { isEqual, resolve };
}

export function conflictHandlerFor(policy: ConflictPolicy, context: ConflictContext): RxConflictHandler<DocState> {
  switch (policy) {
    case 'serverWins':
    case 'createOnly':
      return handler(async ({ newDocumentState, realMasterState }) => {
        await recordConflicts(context.quarantine, realMasterState.id, realMasterState, overriddenFields(newDocumentState, realMasterState));
        return realMasterState;
      });
    case 'lastWriteWins':
      return handler(async ({ newDocumentState, realMasterState }) =>
        (newDocumentState.updatedAt ?? '') > (realMasterState.updatedAt ?? '') ? newDocumentState : realMasterState,
      );
    case 'fieldMerge':
      return handler(async ({ assumedMasterState, newDocumentState, realMasterState }) => {
        const { merged, losers } = threeWayMerge(assumedMasterState, newDocumentState, realMasterState);
        await recordConflicts(context.quarantine, realMasterState.id, merged, losers);
        return merged as State;
      });
    case 'ticketProjection':
      return handler(async ({ assumedMasterState, newDocumentState, realMasterState }) => {
        const subjectId = realMasterState.id;
        const [local, server] = await Promise.all([
          context.localEvents?.(subjectId).catch(() => []) ?? [],
          context.serverEvents?.(subjectId).catch(() => []) ?? [],
        ]);
        const events = unionEvents(local, server);
        const { merged, losers } = threeWayMerge(assumedMasterState, newDocumentState, realMasterState, {
          derived: events.length > 0 ? PROJECTED_FIELDS : undefined,
        });
        const projected = events.length > 0 ? (projectTicket(merged as unknown as TicketDoc, events) as unknown as State) : merged;
        await recordConflicts(context.quarantine, subjectId, projected, losers);
        return { ...projected, _deleted: merged._deleted } as State;
      });
  }
}
