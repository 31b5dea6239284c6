/**
 * What an upload's outcome does to the local copy: accepted, it is marked as the server's state
 * (a merge becomes it); refused, the refused state is quarantined and the copy goes back to the
 * server's; found on the server already, it becomes the server's state. A local edit that lands
 * meanwhile is never overwritten: the outcome is built again on it, or left for the next upload.
 */
import { defaultHashSha256, type RxCollection } from 'rxdb';
import type { QuarantineDoc } from '../core/schema';
import type { LocalStore, StoredDoc } from './localStore';
import { storeQuarantine } from './quarantine';
import { serverStateDoc, stateOf, type DocState } from './serverMark';

/** A write to send, and what it means for the local copy once accepted. */
export interface PlannedWrite {
  id: string;
  couch: Record<string, unknown>;
  /** The state written. */
  state: DocState;
  /** The local doc it was planned on (the copy the outcome is stored over, if still current). */
  local: StoredDoc | undefined;
  /** A merge of the local edit (`merged`) with the server's state, rather than the edit itself. */
  merged?: DocState;
  /** The server's doc at planning (null: the server has none). */
  server: DocState | null;
  serverRev: string;
}

export interface OutcomeContext {
  store: LocalStore;
  quarantine?: RxCollection<QuarantineDoc>;
  createOnly: boolean;
  isEqual(a: DocState, b: DocState): boolean;
  onSettled(ids: string[]): void;
}

export function localOutcomes(context: OutcomeContext) {
  const { store } = context;

  /** The server took `write` at `rev`: the local copy is marked (or, for a merge, becomes it). */
  async function accepted(write: PlannedWrite, rev: string): Promise<void> {
    context.onSettled([write.id]);
    if (context.createOnly) return;
    if (write.merged) {
      // The merge is now the server's state. A local copy edited meanwhile is left as it is:
      // its edit descends from the merged local state, not from the merge, so the next upload
      // merges it again (from the base it keeps) instead of writing it over the merge.
      await storeOutcome(write.id, write.local, (current) => (sameRevision(current, write.local) ? serverStateDoc(store.databaseToken, write.state, rev, current) : null));
      return;
    }
    await storeOutcome(write.id, write.local, (current) => {
      const same = !!current && context.isEqual(stateOf(current), withoutAttachments(write.state));
      return serverStateDoc(store.databaseToken, current ? stateOf(current) : write.state, rev, current, { attachments: current?._attachments, base: same ? undefined : withoutAttachments(write.state) });
    });
  }

  /**
   * Refused: the state is quarantined with the reason, and the local copy goes back to the
   * server's (or leaves, when the server has none) unless it was edited again meanwhile.
   */
  async function refuse(write: PlannedWrite, reason: string): Promise<void> {
    const state = withoutAttachments(write.merged ?? write.state);
    const hash = await defaultHashSha256(JSON.stringify(state));
    await storeQuarantine(context.quarantine, [
      {
        id: `rejectedPush:${hash.slice(0, 32)}`,
        kind: 'rejectedPush',
        docId: write.id,
        doc: JSON.parse(JSON.stringify(state)) as Record<string, unknown>,
        reason,
        at: new Date().toISOString(),
      },
    ]);
    context.onSettled([write.id]);
    if (!write.local) return;
    await storeOutcome(write.id, write.local, (current) => {
      if (!sameRevision(current, write.local)) return null;
      return write.server
        ? serverStateDoc(store.databaseToken, write.server, write.serverRev, current)
        : serverStateDoc(store.databaseToken, { ...stateOf(current!), _deleted: true }, '', current);
    });
  }

  /** Stores the server's state over `mine` if it is still the current local copy. */
  async function storeServerState(id: string, state: DocState, rev: string, mine: StoredDoc | undefined): Promise<void> {
    if (context.createOnly && !mine) return;
    await storeOutcome(id, mine, (current) => (sameRevision(current, mine) ? serverStateDoc(store.databaseToken, state, rev, current, { attachments: current?._attachments }) : null));
  }

  /**
   * Writes what `make` builds over the current local doc; when a local edit lands in between,
   * reads it again and asks `make` once more (null: leave the local doc as it is).
   */
  async function storeOutcome(id: string, start: StoredDoc | undefined, make: (current: StoredDoc | undefined) => StoredDoc | null): Promise<void> {
    let current = start;
    for (let attempt = 0; attempt < 5; attempt++) {
      const document = make(current);
      if (!document) return;
      const { conflicts } = await store.write([{ previous: current, document }]);
      if (!conflicts.has(id)) return;
      current = conflicts.get(id);
    }
  }

  return { accepted, refuse, storeServerState };
}

function sameRevision(a: StoredDoc | undefined, b: StoredDoc | undefined): boolean {
  return !!a && !!b && a._rev === b._rev;
}

export function withoutAttachments(doc: DocState): DocState {
  const { _attachments: _a, ...rest } = doc as DocState & { _attachments?: unknown };
  return rest as DocState;
}

