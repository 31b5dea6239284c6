/**
 * What a provisioned district looks like, computed from its org tree alone: the databases,
 * their `_security`, the replication jobs and the unit users. Provisioning compares the server
 * with this plan and changes only what differs.
 */
import { databaseOfUnit, isUnitCode, levelOfUnit, type OrgTree } from '../core/org';
import { DISTRICT_ADMIN_ROLE, roleOfUnit } from '../core/rules';
import { downSelector, type MangoSelector } from '../core/topology';
import { unitsOfTree } from './orgTreeFile';

export interface SecurityObject {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
}

/**
 * Members of a unit's database: the unit's own users and the district's (the district center
 * and the district admin). A town's database is not readable by its villages: it holds every
 * village's cases, and a village may read only its own.
 */
export function securityOf(unitCode: string, districtCode: string): SecurityObject {
  const roles = [roleOfUnit(unitCode)];
  if (unitCode !== districtCode) roles.push(roleOfUnit(districtCode));
  roles.push(DISTRICT_ADMIN_ROLE);
  return { admins: { names: [], roles: [] }, members: { names: [], roles } };
}

export interface ReplicationEndpoint {
  url: string;
  headers: { Authorization: string };
}

export interface ReplicationJob {
  _id: string;
  source: ReplicationEndpoint;
  target: ReplicationEndpoint;
  continuous: true;
  selector: MangoSelector;
}

/**
 * Up jobs pass every data doc and tombstone but not design docs: each database gets its own
 * `_design/gridlink` from provisioning, and replicating them upward would only pile up
 * conflicting revisions of the same rules.
 */
export const UP_SELECTOR: MangoSelector = { _id: { $regex: '^[a-zA-Z]' } };

export type JobKind = 'up' | 'down';

export function jobId(kind: JobKind, unitCode: string): string {
  return `gridlink-${kind}-${databaseOfUnit(unitCode)}`;
}

/** `gridlink-up-gl-station-…` → its kind and unit, or null for a job that is not ours. */
export function parseJobId(id: string): { kind: JobKind; database: string } | null {
  const match = /^gridlink-(up|down)-(gl-.+)$/.exec(id);
  return match ? { kind: match[1] as JobKind, database: match[2] } : null;
}

function endpoint(base: string, db: string, auth: string): ReplicationEndpoint {
  return { url: `${base}/${db}`, headers: { Authorization: auth } };
}

/**
 * Two jobs per town and village: up (its database → its parent's) and down (the parent's →
 * its database, filtered by `downSelector`). The credentials are the admin's: the replicator
 * must write docs of every unit, which no unit user may.
 */
export function replicationJobsOf(tree: OrgTree, replicationUrl: string, adminAuth: string): ReplicationJob[] {
  const jobs: ReplicationJob[] = [];
  for (const code of unitsOfTree(tree)) {
    if (levelOfUnit(code) === 'district') continue;
    const parent = code.slice(0, code.length - 3);
    const own = databaseOfUnit(code);
    const above = databaseOfUnit(parent);
    jobs.push({
      _id: jobId('up', code),
      source: endpoint(replicationUrl, own, adminAuth),
      target: endpoint(replicationUrl, above, adminAuth),
      continuous: true,
      selector: UP_SELECTOR,
    });
    jobs.push({
      _id: jobId('down', code),
      source: endpoint(replicationUrl, above, adminAuth),
      target: endpoint(replicationUrl, own, adminAuth),
      continuous: true,
      selector: downSelector(code),
    });
  }
  return jobs;
}

/** User names: `station-<12>`, `town-<9>`, `district-<6>`; extra users add `-<n>`. */
export function userNameOf(unitCode: string, index = 1): string {
  const level = levelOfUnit(unitCode);
  const prefix = level === 'village' ? 'station' : level;
  return index === 1 ? `${prefix}-${unitCode}` : `${prefix}-${unitCode}-${index}`;
}

/** The unit a unit user's name carries (`station-<12>`, `town-<9>`, `district-<6>`, each maybe `-<suffix>`), or null. */
export function unitOfUserName(name: string): string | null {
  const match = /^(station|town|district)-([0-9]+)(?:-[a-z0-9]+)?$/.exec(name);
  if (!match || !isUnitCode(match[2])) return null;
  const prefix = { village: 'station', town: 'town', district: 'district' }[levelOfUnit(match[2])];
  return prefix === match[1] ? match[2] : null;
}

export function userDocId(name: string): string {
  return `org.couchdb.user:${name}`;
}
