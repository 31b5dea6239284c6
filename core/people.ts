/**
 * Personal accounts: one CouchDB user per person who works at a station or a town sub-center,
 * tied to the staff roster. The account's name carries its unit and its staff record
 * (`person-<unit>-<suffix>`), so nobody can move it to another unit, and its one role
 * (`person:<unit>`) is derived from that unit: it never holds a unit's write role (`station:`,
 * `town:`, `district:`), so it cannot write a document on its own; it signs steps that the
 * workstation's login writes. The write rules (core/rules/writeRules.ts) repeat the name
 * pattern, since they must stand alone.
 */
import { isUnitCode } from './org';

export const PERSON_ROLE_PREFIX = 'person:';

/** The role binding a personal account to its unit. */
export function personRoleOf(unit: string): string {
  return `${PERSON_ROLE_PREFIX}${unit}`;
}

const PERSON_NAME = /^person-([0-9]{6}(?:[0-9]{3}){0,2})-([a-z0-9]{1,40})$/;

/**
 * The account of a person on the roster: `person-<unit>-<suffix>`, the suffix being the staff
 * id's own part after `S<unit>-` (demo and imported rosters), else the staff id in lower-case
 * letters and digits. Null when the staff id leaves no usable suffix.
 */
export function personAccountName(unit: string, staffId: string): string | null {
  if (!isUnitCode(unit)) return null;
  const own = `S${unit}-`;
  const raw = staffId.startsWith(own) ? staffId.slice(own.length) : staffId;
  const suffix = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (suffix.length === 0 || suffix.length > 40) return null;
  return `person-${unit}-${suffix}`;
}

/** The unit a personal account's name carries, or null when it is no personal account. */
export function unitOfPersonName(name: string): string | null {
  const match = PERSON_NAME.exec(name);
  return match && isUnitCode(match[1]) ? match[1] : null;
}

export function isPersonName(name: string): boolean {
  return unitOfPersonName(name) !== null;
}
