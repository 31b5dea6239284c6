/**
 * The district's organisation: district → town sub-centers → village stations, and the
 * scope codes derived from them.
 *
 * Unit codes are short prefixes of the 12-digit division code: the district is its 6-digit
 * county code, a town its 9-digit township prefix, a village its full 12 digits. So the scope
 * of any unit (codes from the district down to it) follows from its own code alone.
 */
import { isUnitCode } from './rules/writeRules';

export type UnitLevel = 'district' | 'town' | 'village';

export interface OrgVillage {
  code: string;
  name: string;
}
export interface OrgTown {
  code: string;
  name: string;
  villages: OrgVillage[];
}
/** The org tree file district IT provisions from (the demo generator writes one). */
export interface OrgTree {
  code: string;
  name: string;
  towns: OrgTown[];
}

export { isUnitCode };

export function levelOfUnit(code: string): UnitLevel {
  if (!isUnitCode(code)) throw new Error(`not a unit code (6, 9 or 12 digits): "${code}"`);
  return code.length === 6 ? 'district' : code.length === 9 ? 'town' : 'village';
}

/** The unit one level up: village → town, town → district; none above the district. */
export function upperUnitOf(code: string): string | null {
  return isUnitCode(code) && code.length > 6 ? code.slice(0, code.length - 3) : null;
}

/** ["320506", "320506101", "320506101002"] for a village; shorter for a town or the district. */
export function scopeOfUnit(code: string): string[] {
  const level = levelOfUnit(code);
  const scope = [code.slice(0, 6)];
  if (level !== 'district') scope.push(code.slice(0, 9));
  if (level === 'village') scope.push(code);
  return scope;
}

/** The unit a grid belongs to: level 1 → its town, levels 2–4 → their village. */
export function unitOfGrid(gridCode: string): string {
  return gridCode.length <= 9 ? gridCode.slice(0, 9) : gridCode.slice(0, 12);
}

/** CouchDB database names of the topology (DESIGN.md): one per station, town and district. */
export function databaseOfUnit(code: string): string {
  const level = levelOfUnit(code);
  // The district's code is in its name too: one server (or cluster) may hold several districts.
  if (level === 'district') return `gl-district-${code}`;
  return level === 'town' ? `gl-town-${code}` : `gl-station-${code}`;
}
