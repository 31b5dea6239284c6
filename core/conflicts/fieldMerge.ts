/**
 * Three-way field merge: the common ancestor (what this station last saw on the server), the
 * local edit and the server's current state. A field changed on one side only takes that
 * side's value. A field changed on both sides to different values takes the value of the later
 * write (`updatedAt`; on a tie the server's) and the other value is returned as a loser, so the
 * caller keeps it in a conflict record: no value is dropped silently.
 */
import { deepEqual } from 'rxdb';
import type { DocState } from '../couchDoc';

export type { DocState };

/** Bookkeeping fields that are not merged as data. */
const NOT_MERGED = new Set(['id', '_deleted', '_attachments', '_meta', '_rev', 'updatedAt', 'updatedBy']);

export interface LosingValue {
  field: string;
  /** The value that did not make it into the merged doc (undefined: the field was removed). */
  losingValue: unknown;
  /** Whose value lost. */
  loser: 'local' | 'server';
  /** Who wrote the losing value, and when. */
  losingUpdatedBy?: string;
  losingUpdatedAt?: string;
}

export interface MergeResult<T extends DocState> {
  merged: T;
  losers: LosingValue[];
}

export interface MergeOptions {
  /** Fields whose value is decided elsewhere (e.g. rebuilt from events): merged, never recorded. */
  derived?: ReadonlySet<string>;
}

const same = (a: unknown, b: unknown) => (a === undefined || b === undefined ? a === b : deepEqual(a, b));

export function threeWayMerge<T extends DocState>(base: T | undefined, local: T, server: T, options: MergeOptions = {}): MergeResult<T> {
  const localIsLater = (local.updatedAt ?? '') > (server.updatedAt ?? '');
  const later = localIsLater ? local : server;
  const earlier = localIsLater ? server : local;
  const merged: Record<string, unknown> = { ...server };
  const losers: LosingValue[] = [];
  const fields = new Set([...Object.keys(base ?? {}), ...Object.keys(local), ...Object.keys(server)]);
  for (const field of fields) {
    if (NOT_MERGED.has(field)) continue;
    const baseValue = base?.[field];
    const localValue = local[field];
    const serverValue = server[field];
    let value: unknown;
    if (same(localValue, serverValue)) value = serverValue;
    else if (base && same(localValue, baseValue)) value = serverValue;
    else if (base && same(serverValue, baseValue)) value = localValue;
    else {
      value = later[field];
      if (!options.derived?.has(field)) {
        losers.push({
          field,
          losingValue: earlier[field],
          loser: localIsLater ? 'server' : 'local',
          losingUpdatedBy: earlier.updatedBy,
          losingUpdatedAt: earlier.updatedAt,
        });
      }
    }
    if (value === undefined) delete merged[field];
    else merged[field] = value;
  }
  merged.updatedAt = later.updatedAt;
  merged.updatedBy = later.updatedBy;
  merged.id = server.id;
  merged._deleted = server._deleted === true || local._deleted === true;
  return { merged: merged as T, losers };
}

/** Every field where `local` differs from `server` (for policies where the server wins outright). */
export function overriddenFields<T extends DocState>(local: T, server: T): LosingValue[] {
  const fields = new Set([...Object.keys(local), ...Object.keys(server)]);
  const losers: LosingValue[] = [];
  for (const field of fields) {
    if (NOT_MERGED.has(field)) continue;
    if (!same(local[field], server[field])) {
      losers.push({ field, losingValue: local[field], loser: 'local', losingUpdatedBy: local.updatedBy, losingUpdatedAt: local.updatedAt });
    }
  }
  return losers;
}
