/**
 * Which documents flow down to which unit. Everything goes up (station → town → district);
 * down-replication (district → town → station) passes a unit:
 * - every doc whose `scope` names the unit (its own tickets, cases, grids …), and
 * - shared reference data scoped at one of its ancestors: the catalog, departments, the
 *   district's and its town's staff, components, level-1 grids and the district's settings. Personal data (cases,
 *   tickets, events, photos) never flows sideways or down by ancestry: only by explicit scope.
 *
 * `downSelector` is the Mango selector CouchDB's replicator applies; `flowsDownTo` is its
 * twin for code that decides the same thing in JavaScript (dev loading, tests). A test runs
 * both against the server to keep them equal.
 */
import { scopeOfUnit } from './org';
import type { DocType } from './schema/common';

/** Types that every unit below the scoping unit receives. */
export const SHARED_DOWN_TYPES: readonly DocType[] = ['catalogItem', 'department', 'staff', 'component', 'grid', 'setting'];

export type MangoSelector = Record<string, unknown>;

export function downSelector(unitCode: string): MangoSelector {
  const ancestors = scopeOfUnit(unitCode).slice(0, -1);
  const byAncestry = ancestors.map((ancestor, depth) => ({
    type: { $in: SHARED_DOWN_TYPES },
    scope: { $size: depth + 1, $all: [ancestor] },
  }));
  return { $or: [{ scope: { $all: [unitCode] } }, ...byAncestry] };
}

interface Scoped {
  type?: unknown;
  scope?: unknown;
}

export function flowsDownTo(doc: Scoped, unitCode: string): boolean {
  if (!Array.isArray(doc.scope)) return false;
  const scope = doc.scope as unknown[];
  if (scope.includes(unitCode)) return true;
  if (!SHARED_DOWN_TYPES.includes(doc.type as DocType)) return false;
  const ancestors = scopeOfUnit(unitCode).slice(0, -1);
  return ancestors.some((ancestor, depth) => scope.length === depth + 1 && scope.includes(ancestor));
}
