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
 * Policies are pure decisions: they return the resolved state and the values that lost; the
 * sync engine stores the one and records the others. They are handed to the engine by whoever
 * starts it (the station in the renderer, the tests), so the engine knows no document type.
 */
import type { RxCollection } from 'rxdb';
import type { DocState } from '../couchDoc';
import { keyOfId, type EventDoc, type SyncedCollectionName, type TicketDoc } from '../schema';
import { hasAllEvents, projectTicket, PROJECTED_FIELDS, unionEvents } from '../workorders/projection';
import { actsAsHolder } from '../workorders/stateMachine';
import { overriddenFields, threeWayMerge, type LosingValue } from './fieldMerge';

export interface MergeInput {
  /** The server state the local edit started from, when known. */
  base?: DocState;
  local: DocState;
  server: DocState;
}

export interface Resolution {
  doc: DocState;
  /** Values the resolution did not keep, for conflict records. */
  losers: LosingValue[];
}

/** What a policy may read from the server while resolving (the engine provides it). */
export interface ServerDocs {
  /** Every live doc whose id starts with `prefix` (`_all_docs` key range: no index needed). */
  byIdPrefix(prefix: string): Promise<DocState[]>;
}

export interface ConflictPolicy {
  resolve(input: MergeInput, server: ServerDocs): Promise<Resolution>;
}

export type ConflictPolicies = Partial<Record<SyncedCollectionName, ConflictPolicy>>;

/** The server's state stays; every local value it overrides is recorded. */
export const serverWins: ConflictPolicy = {
  async resolve({ local, server }) {
    return { doc: server, losers: overriddenFields(local, server) };
  },
};

const lastWriteWins: ConflictPolicy = {
  async resolve({ local, server }) {
    return { doc: (local.updatedAt ?? '') > ((server as { updatedAt?: string }).updatedAt ?? '') ? local : server, losers: [] };
  },
};

const fieldMerge: ConflictPolicy = {
  async resolve({ base, local, server }) {
    const { merged, losers } = threeWayMerge(base, local, server);
    return { doc: merged, losers };
  },
};

/** Every event of a work order is `ticketEvent:<order number>-…`: one key range holds them all. */
export function ticketEventIdPrefix(ticketId: string): string {
  return `ticketEvent:${keyOfId(ticketId)}-`;
}

/**
 * A ticket both sides changed: only the unit holding the server's copy writes it (the rules say
 * the same), from the union of both sides' events folded in the server's committed order, then
 * this desk's own commits, then the rest (projection.ts: foldOrder). A desk of another unit —
 * one whose order was escalated or returned meanwhile — keeps the server's copy: its steps are
 * events that upload on their own, and the holder folds them in.
 */
function ticketProjection(unit: string, localEvents: (ticketId: string) => Promise<EventDoc[]>): ConflictPolicy {
  return {
    async resolve({ base, local, server }, serverDocs) {
      const serverTicket = server as unknown as TicketDoc;
      if (server._deleted !== true && !actsAsHolder(unit, serverTicket.holderCode)) return { doc: server, losers: [] };
      const [mine, theirs] = await Promise.all([localEvents(server.id), serverDocs.byIdPrefix(ticketEventIdPrefix(server.id))]);
      const events = unionEvents(mine, theirs as unknown as EventDoc[]);
      // The server's copy was folded from a step neither side has yet (its event is still on its
      // way up from the desk that took it): a fold without it would take that step back (a
      // voided order reopened: refused). The server's copy stays; this desk's steps are events
      // that upload on their own, and the holder folds them in.
      if (server._deleted !== true && !hasAllEvents(serverTicket, events)) return { doc: server, losers: [] };
      const { merged, losers } = threeWayMerge(base, local, server, { derived: events.length > 0 ? PROJECTED_FIELDS : undefined });
      const committed = [...new Set([...(serverTicket.eventIds ?? []), ...((local as unknown as TicketDoc).eventIds ?? [])])];
      const start = { ...(merged as unknown as TicketDoc), ...(serverTicket.eventIds || (local as unknown as TicketDoc).eventIds ? { eventIds: committed } : {}) };
      const projected = events.length > 0 ? (projectTicket(start, events, { asHolder: unit }) as unknown as DocState) : merged;
      // The union of both sides' events gives what the server holds already (another desk of
      // this unit folded the same steps): the server's copy stays, nothing is written again.
      if (losers.length === 0 && sameProjection(projected, server)) return { doc: server, losers };
      return { doc: { ...projected, _deleted: merged._deleted }, losers };
    },
  };
}

/**
 * Two different docs under one event id: a broken rule, the server's stays and the local one is
 * recorded — except a conflict record, which two desks may write for the same loss with their
 * own times: the same fact, nothing to record.
 */
const createOnlyEvents: ConflictPolicy = {
  async resolve(input, server) {
    if (input.local.type === 'auditEvent') return { doc: input.server, losers: [] };
    return serverWins.resolve(input, server);
  },
};

function sameProjection(a: DocState, b: DocState): boolean {
  for (const field of PROJECTED_FIELDS) if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) return false;
  return true;
}

/** The policies of `unit`'s station database, collection by collection; `events`: its events, if open. */
export function stationConflictPolicies(unit: string, events: RxCollection<EventDoc> | undefined): ConflictPolicies {
  const localEvents = async (subjectId: string) => ((await events?.find({ selector: { subjectId } }).exec()) ?? []).map((d) => d.toMutableJSON() as EventDoc);
  return {
    grids: serverWins,
    catalog: serverWins,
    departments: serverWins,
    staff: serverWins,
    components: serverWins,
    tickets: ticketProjection(unit, localEvents),
    events: createOnlyEvents,
    photos: serverWins,
    cases: fieldMerge,
    stationStatus: lastWriteWins,
    settings: serverWins,
  };
}
