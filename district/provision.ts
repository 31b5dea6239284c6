/**
 * Provisioning: makes the server match the org tree's plan (topologyPlan.ts), idempotently.
 * Whatever is already right is left alone; what is missing is created and what drifted
 * (a deleted `_security`, an edited or deleted replication job, an older design doc, a user
 * who lost its role) is restored. The report lists every change; a second run lists none.
 */
import type { DocumentScope } from 'nano';
import { databaseOfUnit, type OrgTree } from '../core/org';
import { rolesOfUnit } from '../core/rules';
import type { Connection } from './connection';
import { isConflict } from './connection';
import { ensureDatabase, ensureDesignDoc } from './ensure';
import { gridlinkDesignDoc } from './designDoc';
import { ensureStatsViews, STATS_DESIGN_DOC_ID } from './reportViews';
import { AUDIT_DESIGN_DOC_ID, ensureAuditViews } from './audit';
import { alignCluster, applyServerSettings, nodesOf, serverSettingsOf, shardsPerDatabaseOf, type ServerSetting } from './serverSettings';
import { SYSTEM_DATABASES } from './systemDatabases';
import { districtInfoOf, ensureDistrictInfo } from './districtInfo';
import { unitsOfTree } from './orgTreeFile';
import { unitOfPersonName } from '../core/people';
import { parseJobId, replicationJobsOf, securityOf, userDocId, userNameOf, type ReplicationJob, type SecurityObject } from './topologyPlan';
import { generatePassword, newUserDoc, usersDb, writePasswordsFile, type NewCredential, type UnitUserDoc } from './unitUsers';

export type ChangeAction = 'created' | 'restored' | 'updated';
export type ChangeSubject = 'database' | 'security' | 'designDoc' | 'user' | 'job' | 'districtInfo' | 'setting';

export interface Change {
  action: ChangeAction;
  subject: ChangeSubject;
  name: string;
}

export interface ProvisionReport {
  changes: Change[];
  /** Items checked and found right. */
  unchanged: number;
  /** Where new passwords went, when users were created. */
  passwordsFile: string | null;
  newUsers: number;
  /** False when the server has no config API (the embedded server): its settings were not applied. */
  settingsApplied: boolean;
}

export interface ProvisionOptions {
  passwordsFile: string;
  /** Parallel requests; CouchDB copes with more, pouchdb-server and small machines with less. */
  concurrency?: number;
  /** Browser origins allowed besides the app's own (a web build for district staff, tests). */
  corsOrigins?: readonly string[];
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}

/** JSON with keys sorted, so two docs compare equal whatever order the server keeps. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function normalSecurity(raw: Partial<SecurityObject> | undefined): string {
  const side = (s?: { names?: string[]; roles?: string[] }) => ({ names: [...(s?.names ?? [])].sort(), roles: [...(s?.roles ?? [])].sort() });
  return canonical({ admins: side(raw?.admins), members: side(raw?.members) });
}

function jobFields(job: Partial<ReplicationJob>): string {
  return canonical({ source: job.source, target: job.target, continuous: job.continuous, selector: job.selector });
}

class Reporter {
  readonly changes: Change[] = [];
  unchanged = 0;
  note(subject: ChangeSubject, name: string, action: ChangeAction | null) {
    if (action) this.changes.push({ action, subject, name });
    else this.unchanged++;
  }
}

/** `_users`, `_replicator` and the update feed: present, closed to stations (systemDatabases.ts). */
async function ensureSystemDatabases(connection: Connection, existing: Set<string>, report: Reporter) {
  for (const system of SYSTEM_DATABASES) {
    const fresh = !existing.has(system.name) && (await ensureDatabase(connection.couch, system.name));
    if (fresh) report.note('database', system.name, 'created');
    if (system.security) await ensureSecurity(connection, system.name, system.security, fresh, report);
    report.note('designDoc', system.name, await ensureDesignDoc(connection.couch, system.name, system.designDoc));
  }
}

/**
 * `keepMember`: names among the current members that stay (a unit's enrolled personal accounts,
 * district/people.ts), so provisioning again does not sign everyone out of the server's rules.
 */
async function ensureSecurity(connection: Connection, db: string, planned: SecurityObject, fresh: boolean, report: Reporter, keepMember?: (name: string) => boolean) {
  const current = (await connection.couch.request({ db, path: '_security' })) as Partial<SecurityObject>;
  const kept = keepMember ? (current.members?.names ?? []).filter(keepMember) : [];
  const wanted = kept.length > 0 ? { ...planned, members: { ...planned.members, names: [...planned.members.names, ...kept] } } : planned;
  if (normalSecurity(current) === normalSecurity(wanted)) return report.note('security', db, null);
  const hadAny = (current.members?.roles?.length ?? 0) + (current.members?.names?.length ?? 0) > 0;
  await connection.couch.request({ db, path: '_security', method: 'put', body: wanted });
  // An empty `_security` on an existing database means anyone may read it: say "restored".
  report.note('security', db, fresh ? 'created' : hadAny ? 'updated' : 'restored');
}


async function ensureUsers(connection: Connection, units: string[], options: ProvisionOptions, report: Reporter) {
  const listing = await usersDb(connection).list({ include_docs: true, startkey: 'org.couchdb.user:', endkey: 'org.couchdb.user:\ufff0' });
  const byId = new Map<string, UnitUserDoc>();
  for (const row of listing.rows) if (row.doc) byId.set(row.id, row.doc);
  const created: NewCredential[] = [];
  const writes: UnitUserDoc[] = [];
  for (const unit of units) {
    const name = userNameOf(unit);
    const existing = byId.get(userDocId(name));
    const roles = rolesOfUnit(unit);
    if (!existing) {
      const credential = { unit, user: name, password: generatePassword() };
      created.push(credential);
      writes.push(await newUserDoc(connection, unit, name, credential.password));
      report.note('user', name, 'created');
    } else if (!existing.gridlink?.disabledAt && canonical([...existing.roles].sort()) !== canonical([...roles].sort())) {
      // A disabled user stays disabled; an active one gets exactly its unit's roles back.
      writes.push({ ...existing, roles });
      report.note('user', name, 'restored');
    } else {
      report.note('user', name, null);
    }
  }
  if (created.length > 0) writePasswordsFile(options.passwordsFile, created);
  if (writes.length > 0) await usersDb(connection).bulk({ docs: writes });
  return created.length;
}

type StoredJob = ReplicationJob & { _rev?: string; _deleted?: boolean; [field: string]: unknown };

function failedWrite(results: { id?: string; error?: string; reason?: string }[]): void {
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`replication job ${failed.id}: ${failed.error} ${failed.reason ?? ''}`);
}

async function deleteFresh(replicator: DocumentScope<StoredJob>, id: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const fresh = await replicator.get(id);
    try {
      await replicator.destroy(id, fresh._rev);
      return;
    } catch (err) {
      if (!isConflict(err) || attempt >= 5) throw err;
    }
  }
}

/**
 * A changed job is deleted and written anew rather than edited: CouchDB 1.x and pouchdb-server
 * refuse edits to a running ("triggered") job doc, and on CouchDB 3 the effect is the same
 * (the job restarts). The new doc holds only our fields, no stale state.
 */
async function ensureJobs(connection: Connection, jobs: ReplicationJob[], databasesBefore: Set<string>, report: Reporter) {
  const replicator: DocumentScope<StoredJob> = connection.couch.use('_replicator');
  const listing = await replicator.list({ include_docs: true, startkey: 'gridlink-', endkey: 'gridlink-\ufff0' });
  const byId = new Map<string, StoredJob>();
  for (const row of listing.rows) if (row.doc) byId.set(row.id, row.doc);
  const deletions: StoredJob[] = [];
  const writes: StoredJob[] = [];
  for (const job of jobs) {
    const existing = byId.get(job._id);
    if (existing && jobFields(existing) === jobFields(job)) {
      report.note('job', job._id, null);
      continue;
    }
    if (existing) deletions.push({ ...existing, _deleted: true });
    writes.push({ ...job });
    // A missing job of a database that was already there was lost or deleted: restored.
    const target = parseJobId(job._id)?.database ?? '';
    report.note('job', job._id, existing ? 'updated' : databasesBefore.has(target) ? 'restored' : 'created');
  }
  if (deletions.length > 0) {
    const results = await replicator.bulk({ docs: deletions });
    failedWrite(results.filter((r) => r.error !== 'conflict'));
    // The replicator writes its state into the doc while we look: delete the fresh revision.
    for (const conflicted of results.filter((r) => r.error === 'conflict')) await deleteFresh(replicator, conflicted.id);
  }
  if (writes.length === 0) return;
  // A deleted doc is written anew on top of its tombstone: CouchDB and PouchDB accept that.
  failedWrite(await replicator.bulk({ docs: writes }));
}

/** The server settings for every district on the server (its job and database counts). */
export async function wantedSettings(connection: Connection, corsOrigins?: readonly string[]): Promise<ServerSetting[]> {
  const databases = await connection.couch.db.list();
  const units = databases.filter((name) => /^gl-(town|station)-/.test(name)).length;
  return serverSettingsOf({ jobs: 2 * units, databases: databases.length, shardsPerDatabase: await shardsPerDatabaseOf(connection), ...(corsOrigins ? { corsOrigins } : {}) });
}

async function ensureSettings(connection: Connection, options: ProvisionOptions, report: Reporter): Promise<boolean> {
  // First what a cluster's nodes must share (admin hashes, cookie secret, uuid), then the settings on every node.
  const aligned = await alignCluster(connection);
  if (aligned === null) return false;
  const named = (await nodesOf(connection)).length > 1;
  const nameOf = (setting: { node: string; section: string; key: string }) => `${named ? `${setting.node} ` : ''}${setting.section}/${setting.key}`;
  for (const value of aligned) report.note('setting', nameOf(value), 'updated');
  const changed = (await applyServerSettings(connection, await wantedSettings(connection, options.corsOrigins))) ?? [];
  for (const setting of changed) report.note('setting', nameOf(setting), setting.actual === null ? 'created' : 'updated');
  return true;
}

export async function provision(connection: Connection, tree: OrgTree, options: ProvisionOptions): Promise<ProvisionReport> {
  const report = new Reporter();
  const concurrency = options.concurrency ?? 6;
  const existing = new Set(await connection.couch.db.list());
  await ensureSystemDatabases(connection, existing, report);
  const units = unitsOfTree(tree);
  const rulesDesignDoc = gridlinkDesignDoc();
  await inPool(units, concurrency, async (unit) => {
    const db = databaseOfUnit(unit);
    const fresh = !existing.has(db) && (await ensureDatabase(connection.couch, db));
    report.note('database', db, fresh ? 'created' : null);
    await ensureSecurity(connection, db, securityOf(unit, tree.code), fresh, report, (name) => unitOfPersonName(name) === unit);
    report.note('designDoc', db, await ensureDesignDoc(connection.couch, db, rulesDesignDoc));
  });
  // The statistics' views live where every unit's orders end up: the district database.
  const districtDb = databaseOfUnit(tree.code);
  report.note('designDoc', `${districtDb}/${STATS_DESIGN_DOC_ID}`, await ensureStatsViews(connection.couch, districtDb));
  report.note('designDoc', `${districtDb}/${AUDIT_DESIGN_DOC_ID}`, await ensureAuditViews(connection, districtDb));
  report.note('districtInfo', tree.code, await ensureDistrictInfo(connection, districtInfoOf(tree)));
  const newUsers = await ensureUsers(connection, units, options, report);
  await ensureJobs(connection, replicationJobsOf(tree, connection.replicationUrl, connection.adminAuth), existing, report);
  const settingsApplied = await ensureSettings(connection, options, report);
  return { changes: report.changes, unchanged: report.unchanged, passwordsFile: newUsers > 0 ? options.passwordsFile : null, newUsers, settingsApplied };
}
