/**
 * What a push writes for each local doc, from its server mark and the server's current copy:
 * the edit itself on the server's revision, the policy's resolution when the server moved on
 * (the values it does not keep recorded), or nothing when the server already holds it (settled
 * here). A photo's image goes inline.
 */
import { deepEqual } from 'rxdb';
import { toCouchDoc } from '../core/couchDoc';
import type { StoredDoc } from './localStore';
import type { PushContext } from './push';
import { withoutAttachments, type PlannedWrite, type localOutcomes } from './pushOutcomes';
import { baseOf, markOf, serverState, stateOf, type DocState } from './serverMark';

export interface AllDocsRow {
  key: string;
  error?: string;
  value?: { rev: string; deleted?: boolean };
  doc?: (Record<string, unknown> & { _id: string; _rev: string }) | null;
}

export function createPlanner(context: PushContext, { storeServerState }: ReturnType<typeof localOutcomes>) {
  /** What to write for one local doc, or null when nothing needs writing (settled here). */
  async function plan(mine: StoredDoc, row: AllDocsRow | undefined, assumed: DocState | undefined, pushed: DocState | undefined): Promise<PlannedWrite | null> {
    const id = mine.id;
    // The stored doc is the truth of what the edit is; RxDB's row adds the attachments' bytes.
    const ours = pushed && sameContent(pushed, mine) ? pushed : stateOf(mine);
    const live = row?.doc && row.value && !row.value.deleted ? row.doc : null;
    const serverRev = row?.value?.rev ?? '';
    if (!live) {
      // New, or deleted on the server: a tombstone's rev is extended so the write is accepted.
      return planCreate(ours, mine, row?.value?.deleted ? serverRev : '');
    }
    const real = serverState(live);
    if (context.isEqual(real, withoutAttachments(ours))) {
      // The server already holds this state (an upload whose answer was lost).
      await storeServerState(id, real, live._rev, mine);
      context.onSettled([id]);
      return null;
    }
    if (context.createOnly) {
      // A different doc under a create-only id: the server's stays, the local one is recorded.
      await resolveAgainst(mine, real, live._rev, undefined);
      return null;
    }
    // The server is still where this station's edit started (its mark, or RxDB's record of the
    // last upload): ours follows on.
    const unchanged = markOf(mine)?.rev === live._rev || (!!assumed && context.isEqual(real, withoutAttachments(assumed)));
    // (the edit itself goes up whole, attachments included)
    if (unchanged) return { id, couch: await toServer(ours, live._rev), state: ours, local: mine, server: real, serverRev: live._rev };
    return resolveAgainst(mine, real, live._rev, baseOf(mine) ?? assumed);
  }

  async function planCreate(state: DocState, mine: StoredDoc | undefined, rev: string): Promise<PlannedWrite> {
    return { id: state.id, couch: await toServer(state, rev || undefined), state, local: mine, server: null, serverRev: rev };
  }

  /**
   * The local edit met a different server state: the policy resolves, the losers are recorded,
   * and the resolution is stored here (equal to the server's) or planned for the server.
   */
  async function resolveAgainst(mine: StoredDoc, real: DocState, rev: string, base: DocState | undefined): Promise<PlannedWrite | null> {
    const ours = stateOf(mine);
    const { doc: resolution, losers } = await context.policy.resolve({ base, local: withoutAttachments(ours), server: real }, context.server);
    const resolved = { ...withoutAttachments(resolution), _deleted: resolution._deleted === true };
    await context.recordLosers(real.id, resolved, losers);
    if (context.isEqual(resolved, real)) {
      await storeServerState(real.id, real, rev, mine);
      context.onSettled([real.id]);
      return null;
    }
    return { id: real.id, couch: await toServer(resolved, rev), state: resolved, local: mine, merged: ours, server: real, serverRev: rev };
  }

  return { plan, planCreate };
}

/** RxDB's row and the stored doc hold the same state (attachments aside). */
function sameContent(row: DocState, stored: StoredDoc): boolean {
  return deepEqual(withoutAttachments(row), withoutAttachments(stateOf(stored)));
}

/** The CouchDB form of a pushed state; a photo's image goes inline as a base64 attachment. */
async function toServer(doc: DocState, rev: string | undefined): Promise<Record<string, unknown>> {
  const couch: Record<string, unknown> = toCouchDoc(doc, rev);
  if (doc._deleted) couch._deleted = true;
  const attachments = (doc as { _attachments?: Record<string, { type: string; data?: Blob | string }> })._attachments;
  if (attachments && Object.keys(attachments).length > 0) {
    const inline: Record<string, { content_type: string; data: string }> = {};
    for (const [key, value] of Object.entries(attachments)) {
      if (value.data === undefined) continue;
      inline[key] = { content_type: value.type, data: typeof value.data === 'string' ? value.data : await blobToBase64(value.data) };
    }
    if (Object.keys(inline).length > 0) couch._attachments = inline;
  }
  return couch;
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
