/**
 * Stores the rows of `_changes` pages into the local collections: the pull side of the engine.
 *
 * Each row is routed by its id's type prefix to its collection and written as the server's
 * state with a server mark (serverMark.ts) — unless the local doc says otherwise:
 * - edited here and not yet accepted by the server: left alone; the push meets the server's
 *   newer state as a conflict and the collection's policy merges the two. The row is reported
 *   (`onHeld`): the push settles the edit against the copy it looks up, which may be older than
 *   this row, so the row is read again once the edit is settled (heldRows.ts);
 * - already at this revision or a newer one (a page read before this station's own upload):
 *   left alone, so an older snapshot never takes a doc back;
 * - create-only types (events, photos): an existing doc is never overwritten (a photo's bytes
 *   live in the local doc's attachment).
 * A doc that fails the local schema, goes beyond the limits (core/limits.ts: a 20 MB or a
 * 2,500-deep doc made the storage throw) or cannot be stored for any other reason is quarantined
 * alone, and the rest of the page is stored: one bad doc from another unit must never stop this
 * station's sync. A tombstone (no body in `_changes`) marks the local doc deleted, or is nothing
 * if this station never had the doc.
 *
 * Writes go in as inserts first: during an initial sync nearly every doc is new, and a
 * collection's storage reads each written id anyway, so reading them beforehand would cost a
 * second read per doc. Ids that exist come back as conflicts with the stored doc and are
 * decided then. The same check guards the race with local edits and push marks: a write over a
 * doc that changed meanwhile comes back and is decided again.
 */
import { deepEqual, type BulkWriteRow, type RxCollection } from 'rxdb';
import { beyondLimits, DOC_LIMITS, ID_KEY_PATTERN } from '../core/limits';
import { t } from '../core/i18n';
import { COLLECTION_OF_TYPE, typeOfId, type QuarantineDoc, type SyncedCollectionName } from '../core/schema';
import type { ChangeRow } from './changesFeed';
import type { LocalStore, StoredDoc } from './localStore';
import { generationOf, isInSync, markOf, serverState, serverStateDoc, stateOf, type DocState } from './serverMark';
import { keepable, storeQuarantine } from './quarantine';
import { fingerprint } from '../core/schema/schemaKey';
import { errorsOfDoc } from '../core/schema/validators';

export const CREATE_ONLY: ReadonlySet<SyncedCollectionName> = new Set(['events', 'photos']);

export function collectionOfId(id: string): SyncedCollectionName | null {
  const type = typeOfId(id);
  return type ? COLLECTION_OF_TYPE[type] : null;
}

export interface FeedWriterTarget {
  name: SyncedCollectionName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a collection of any of our doc types
  collection: RxCollection<any>;
  store: LocalStore;
}

/** Attempts at one row when local writes keep changing its doc in between. */
const MAX_ATTEMPTS = 10;

/**
 * `isPending(id)`: a local write of the doc waits for upload. Asked only for docs without a
 * server mark; the engine stores nothing until its first upload pass has run, so a write made
 * before this start is known by then. `onHeld(ids)`: rows left alone for a local edit, before
 * the write resolves.
 */
export function createFeedWriter(
  targets: readonly FeedWriterTarget[],
  quarantine: RxCollection<QuarantineDoc> | undefined,
  isPending: (id: string) => boolean = () => true,
  onHeld: (ids: string[]) => void = () => undefined,
) {
  const byName = new Map(targets.map((target) => [target.name, target]));

  /** Stores one page's rows; resolves when all are durable. Returns the rows stored. */
  async function write(rows: readonly ChangeRow[]): Promise<number> {
    const groups = new Map<SyncedCollectionName, ChangeRow[]>();
    for (const row of rows) {
      const name = collectionOfId(row.id);
      if (!name || !byName.has(name)) continue;
      (groups.get(name) ?? groups.set(name, []).get(name)!).push(row);
    }
    const invalid: QuarantineDoc[] = [];
    const written = await Promise.all([...groups].map(([name, group]) => writeCollection(byName.get(name)!, group, invalid)));
    await storeQuarantine(quarantine, invalid);
    return written.reduce((sum, n) => sum + n, 0);
  }

  async function writeCollection(target: FeedWriterTarget, rows: ChangeRow[], invalid: QuarantineDoc[]): Promise<number> {
    const at = new Date().toISOString();
    const states = new Map<string, { row: ChangeRow; state: DocState } | { row: ChangeRow; state: null }>();
    for (const row of rows) {
      if (row.deleted) {
        states.set(row.id, { row, state: null });
        continue;
      }
      const breach = beyondLimits(row.doc, DOC_LIMITS) ?? (isValidId(row.id) ? null : { reason: 'badId' as const, detail: row.id.slice(0, 60) });
      if (breach) {
        invalid.push(quarantined(row, t('sync:rejected.beyondLimits', { reason: t(`rules:${breach.reason}`, { id: row.id.slice(0, 60), detail: breach.detail, max: '' }) }), at));
        continue;
      }
      const state = serverState(row.doc);
      const errors = errorsOfDoc(target.collection.schema.jsonSchema, state);
      if (errors.length > 0) {
        invalid.push(quarantined(row, t('sync:rejected.invalid', { reason: errors.map((e) => `${e.path ?? '#/'} ${e.message ?? ''}`.trim()).join('; ') }), at));
        continue;
      }
      states.set(row.id, { row, state });
    }
    // Tombstones need the local doc first (no local doc: nothing to store); the rest are tried as inserts.
    const tombstones = [...states.values()].filter((s) => s.state === null).map((s) => s.row.id);
    const local: Map<string, StoredDoc | undefined> = tombstones.length > 0 ? await target.store.get(tombstones) : new Map();
    for (const id of tombstones) if (!local.has(id)) local.set(id, undefined);

    let open = [...states.keys()];
    let stored = 0;
    for (let attempt = 0; open.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`${target.name}: local writes kept changing ${open.slice(0, 3).join(', ')} while storing the server's state`);
      const writes = [];
      const held: string[] = [];
      for (const id of open) {
        const { row, state } = states.get(id)!;
        const mine = local.get(id);
        const decision = shouldStore(target.name, row, state, mine, isPending);
        if (decision === 'localEdit') held.push(id);
        if (decision !== 'store') continue;
        if (state === null) {
          if (!mine || mine._deleted) continue;
          writes.push({ previous: mine, document: serverStateDoc(target.store.databaseToken, { ...stateOf(mine), _deleted: true }, row.doc._rev ?? '', mine) });
        } else {
          writes.push({ previous: mine, document: serverStateDoc(target.store.databaseToken, state, row.doc._rev ?? '', mine) });
        }
      }
      if (held.length > 0) onHeld(held);
      const { conflicts, failed } = await writeEach(target, writes);
      for (const [id, reason] of failed) invalid.push(quarantined(states.get(id)!.row, t('sync:rejected.unstorable', { reason }), at));
      stored += writes.length - conflicts.size - failed.size;
      for (const [id, doc] of conflicts) local.set(id, doc);
      open = [...conflicts.keys()];
    }
    return stored;
  }

  return { write };
}

/**
 * The page's writes in one storage call; when the storage throws on it (a doc its field
 * conversion cannot take), each doc alone, so only the ones it cannot store are left out.
 */
async function writeEach(target: FeedWriterTarget, writes: BulkWriteRow<Record<string, unknown> & { id: string }>[]): Promise<{ conflicts: Map<string, StoredDoc>; failed: Map<string, string> }> {
  const failed = new Map<string, string>();
  try {
    return { ...(await target.store.write(writes)), failed };
  } catch {
    const conflicts = new Map<string, StoredDoc>();
    for (const row of writes) {
      try {
        for (const [id, doc] of (await target.store.write([row])).conflicts) conflicts.set(id, doc);
      } catch (error) {
        failed.set(row.document.id, error instanceof Error ? error.message : String(error));
      }
    }
    return { conflicts, failed };
  }
}

/** A quarantine record of a pulled row: its id hashed into the record's, the doc kept as far as it can be. */
function quarantined(row: ChangeRow, reason: string, at = new Date().toISOString()): QuarantineDoc {
  return {
    id: `invalidPull:${fingerprint(`${row.id}\n${row.doc._rev ?? row.seq}`)}`,
    kind: 'invalidPull',
    docId: row.id.length > 1000 ? `${row.id.slice(0, 999)}…` : row.id,
    doc: keepable(row.doc),
    reason,
    at,
  };
}


const ID_KEY = new RegExp(ID_KEY_PATTERN);

/** `<type>:<key>` within the app's id limits: what the local collections can hold. */
function isValidId(id: string): boolean {
  const colon = id.indexOf(':');
  return colon > 0 && id.length <= DOC_LIMITS.maxIdChars && ID_KEY.test(id.slice(colon + 1));
}

/**
 * Whether the server's row (`state`; null for a tombstone) replaces what this station holds
 * (`mine`): `store`, `keep` what is here, or leave it to the push of a `localEdit`.
 */
function shouldStore(name: SyncedCollectionName, row: ChangeRow, state: DocState | null, mine: StoredDoc | undefined, isPending: (id: string) => boolean): 'store' | 'keep' | 'localEdit' {
  if (!mine) return 'store';
  if (CREATE_ONLY.has(name) && !mine._deleted) return 'keep';
  const mark = markOf(mine);
  // No mark: created here, or stored by an older version of the engine. Equal to the server's
  // state, it is that state (an upload whose answer was lost); not waiting for upload, it is an
  // old copy of the server's. Either way the server's state is stored with a mark.
  if (!mark) return (state !== null && deepEqual(stateOf(mine), state)) || !isPending(row.id) ? 'store' : 'localEdit';
  // Edited here and not accepted by the server yet: the push merges the server's state in.
  if (!isInSync(mine)) return 'localEdit';
  const rev = row.doc._rev ?? '';
  if (rev === mark.rev) return 'keep';
  // A snapshot older than what this station already holds (read before its own upload).
  return generationOf(rev) >= generationOf(mark.rev) ? 'store' : 'keep';
}
