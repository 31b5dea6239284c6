/**
 * The engine's side of a conflict: a local edit met a different server state. The collection's
 * policy (handed in by whoever started the sync) decides the resolved state; the engine gives it
 * the base the edit started from and a way to read the server, and records every value the
 * resolution did not keep. A collection without a policy keeps the server's state and records
 * what that overrode: nothing is dropped silently, whatever the caller forgot.
 */
import { defaultConflictHandler, type RxConflictHandler, type WithDeleted } from 'rxdb';
import type { DocState } from '../core/couchDoc';
import { serverWins, type ConflictPolicy, type ServerDocs } from '../core/conflicts/policies';
import type { LosingValue } from '../core/conflicts/fieldMerge';

export interface ConflictRecorder {
  (docId: string, winner: DocState, losers: readonly LosingValue[]): Promise<void>;
}

export interface ResolvingHandler {
  handler: RxConflictHandler<DocState>;
  /** The state a conflicting local edit started from (known to the push, not to RxDB). */
  noteBase(id: string, base: DocState | undefined): void;
}

const isEqual = defaultConflictHandler.isEqual as RxConflictHandler<DocState>['isEqual'];

export function resolvingHandler(policy: ConflictPolicy = serverWins, server: ServerDocs, record: ConflictRecorder): ResolvingHandler {
  // RxDB hands the handler its record of the last upload as the base; the push knows better
  // where a local edit started (the doc's server mark), and notes that here first.
  const bases = new Map<string, DocState>();
  return {
    handler: {
      isEqual,
      async resolve(input) {
        const id = input.realMasterState.id;
        const base = bases.get(id) ?? input.assumedMasterState;
        bases.delete(id);
        const { doc, losers } = await policy.resolve({ base, local: input.newDocumentState, server: input.realMasterState }, server);
        await record(id, doc, losers);
        return doc as WithDeleted<DocState>;
      },
    },
    noteBase(id, base) {
      if (base) bases.set(id, base);
    },
  };
}
