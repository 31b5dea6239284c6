/**
 * The bench district on the bench server: the demo generator's district (the bench preset, or
 * a smaller one) with every unit database holding what it holds after a year (the docs that
 * flow down to it: a village's own orders, events, cases and components, the shared reference
 * data), then provisioned as district IT does (`provision`: rules, `_security`, unit users,
 * replication jobs, server settings). The year is loaded before the rules are installed, as
 * an import would: through `validate_doc_update` the load ran at ~150 docs/s on this machine.
 * The replication jobs then start, find every doc already there and catch up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCouchDoc } from '../../../core/couchDoc';
import { databaseOfUnit } from '../../../core/org';
import { flowsDownTo } from '../../../core/topology';
import type { AnyDoc } from '../../../core/schema';
import { allDemoDocs, generateDemoDistrict, type DemoDistrict, type DemoOptions } from '../../../district/demo';
import { connect } from '../../../district/connection';
import { ensureDatabase } from '../../../district/ensure';
import { alignCluster, applyServerSettings, type ServerSetting } from '../../../district/serverSettings';
import { provision, wantedSettings } from '../../../district/provision';
import { unitsOfTree } from '../../../district/orgTreeFile';
import { userNameOf } from '../../../district/topologyPlan';
import { bulkWrite, removeDistrict, reserveDistrictCode, startTestCouch, type TestCouch } from '../couchServer';
import { readPasswordsFile } from '../provisionedDistrict';
import type { BenchServer } from './servers';
import type { StationSpec } from './protocol';

export interface BenchDistrict {
  couch: TestCouch;
  demo: DemoDistrict;
  /** Docs seeded per database. */
  seeded: Map<string, number>;
  jobs: number;
  /** The villages, spread over the towns (the first of each town, then the second …). */
  villages: StationSpec[];
  /** Removes the district's jobs, databases and users from the server. */
  remove(): Promise<void>;
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** The test support's server handle (couchServer.ts) on the bench server. */
async function couchOf(server: BenchServer): Promise<TestCouch> {
  const before = process.env.COUCHDB_URL;
  process.env.COUCHDB_URL = server.adminUrl;
  try {
    return await startTestCouch();
  } finally {
    if (before === undefined) delete process.env.COUCHDB_URL;
    else process.env.COUCHDB_URL = before;
  }
}

/** A server setting a bench run tries: `[section] key = value` on every node. */
export type ExtraSetting = Pick<ServerSetting, 'section' | 'key' | 'value'>;

export async function provisionBenchDistrict(server: BenchServer, size: DemoOptions, log: (line: string) => void, extraSettings: readonly ExtraSetting[] = []): Promise<BenchDistrict> {
  const couch = await couchOf(server);
  const demo = generateDemoDistrict({ ...size, districtCode: await reserveDistrictCode(couch) });
  const tree = demo.orgTree;
  const units = unitsOfTree(tree);
  const all = [...allDemoDocs(demo)] as AnyDoc[];
  const connection = await connect({ server: couch.url, user: couch.admin.username, password: couch.admin.password, district: tree.code });
  if (extraSettings.length > 0) {
    const changed = await applyServerSettings(connection, extraSettings.map((setting) => ({ ...setting, compare: 'equal' as const, why: 'bench' })));
    log(`server settings tried: ${extraSettings.map((x) => `[${x.section}] ${x.key} = ${x.value}`).join(', ')} (${changed === null ? 'no config API: not applied' : `${changed.length} node values changed`})`);
  }
  log(`seeding ${units.length} databases from ${all.length} generated docs …`);
  const seeded = new Map<string, number>();
  const seedStarted = Date.now();
  await inPool(units, 4, async (unit) => {
    const docs = all.filter((doc) => flowsDownTo(doc, unit));
    await ensureDatabase(connection.couch, databaseOfUnit(unit));
    await bulkWrite(couch, databaseOfUnit(unit), docs.map((doc) => toCouchDoc(doc)));
    seeded.set(databaseOfUnit(unit), docs.length);
  });
  const total = [...seeded.values()].reduce((a, b) => a + b, 0);
  log(`seeded ${total} docs in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; provisioning …`);
  const dir = mkdtempSync(join(tmpdir(), 'gridlink-bench-district-'));
  const passwordsFile = join(dir, 'passwords.csv');
  await provision(connection, tree, { passwordsFile, corsOrigins: ['*'] });
  const passwords = readPasswordsFile(passwordsFile);
  // Read once and deleted at once: a bench stopped midway leaves no password file behind.
  rmSync(dir, { recursive: true, force: true });
  const villagesByTown = tree.towns.map((town) => town.villages);
  const ordered = [];
  for (let i = 0; ordered.length < units.length - 1 - tree.towns.length; i++) {
    for (const villages of villagesByTown) if (villages[i]) ordered.push(villages[i]);
  }
  const villages: StationSpec[] = ordered.map((village) => {
    const username = userNameOf(village.code);
    // The finest grid of the village: where a grid worker records an order.
    const grid = demo.docs.grids.filter((g) => g.divisionCode === village.code).sort((a, b) => b.level - a.level)[0];
    if (!grid) throw new Error(`no grid of village ${village.code}`);
    return { code: village.code, dbName: databaseOfUnit(village.code), username, password: passwords.get(username) ?? '', gridCode: grid.code };
  });
  return {
    couch,
    demo,
    seeded,
    jobs: 2 * (units.length - 1),
    villages,
    remove: () => removeDistrict(couch, tree.code),
  };
}

/**
 * What `district provision` run again does to a server's config: the values a cluster's nodes
 * must share, then the district's settings on every node.
 */
export async function reapplySettings(server: BenchServer, districtCode: string): Promise<void> {
  const connection = await connect({ server: server.url, user: server.admin.username, password: server.admin.password, district: districtCode });
  await alignCluster(connection);
  await applyServerSettings(connection, await wantedSettings(connection, ['*']));
}

export interface SchedulerDoc {
  doc_id: string;
  state: string;
  info?: { error?: string } | null;
}

/** The district's replication docs as CouchDB's scheduler sees them (none without `_scheduler`). */
export async function districtJobs(couch: TestCouch, districtCode: string): Promise<SchedulerDoc[]> {
  const response = await couch.adminFetch('/_scheduler/docs/_replicator?limit=10000');
  if (!response.ok) return [];
  const body = (await response.json()) as { docs: SchedulerDoc[] };
  return body.docs.filter((d) => d.doc_id.includes(`-${districtCode}`));
}

interface ReplicationTask {
  type: string;
  doc_id?: string;
  changes_pending?: number | null;
  source_seq?: string | number;
  through_seq?: string | number;
}

/** A sequence's count: `503-g1AAA…` (single node, and a cluster's sum over its shards) → 503. */
const seqCount = (seq: string | number | undefined) => (typeof seq === 'number' ? seq : Number.parseInt(String(seq ?? '0'), 10) || 0);

/**
 * A job that has not yet read its source to where the source was at its last look. Its
 * `changes_pending` is no help there: it is null until a job's first checkpoint, and stays null
 * for one that had nothing to write (the bench's seeded targets already hold their docs). Every
 * source holds at least its `_design/gridlink`, so a seq of 0 means not looked at yet.
 */
const behind = (task: ReplicationTask) => (task.changes_pending ?? 0) > 0 || seqCount(task.source_seq) === 0 || seqCount(task.through_seq) < seqCount(task.source_seq);

/** Waits until every replication job of the district runs and has read its source; returns the ms it took. */
export async function jobsCaughtUp(couch: TestCouch, districtCode: string, jobs: number, timeoutMs: number, log: (line: string) => void): Promise<{ ms: number; running: number; /** Jobs still reading their source. */ pending: number }> {
  const started = Date.now();
  let lastLog = Date.now();
  let last = { running: 0, pending: Number.NaN };
  let quietSince: number | null = null;
  while (Date.now() - started < timeoutMs) {
    const response = await couch.adminFetch('/_active_tasks').catch(() => null);
    if (!response?.ok) {
      // A cluster answers 5xx while a node's replicator is still starting: ask again.
      await new Promise((r) => setTimeout(r, 1_000));
      continue;
    }
    const tasks = (await response.json()) as ReplicationTask[];
    const ours = tasks.filter((t) => t.type === 'replication' && (t.doc_id ?? '').includes(`-${districtCode}`));
    const pending = ours.filter(behind).length;
    last = { running: ours.length, pending };
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      const states: Record<string, number> = {};
      for (const d of await districtJobs(couch, districtCode)) {
        const state = `${d.state}${d.info?.error ? ` (${String(d.info.error).slice(0, 80)})` : ''}`;
        states[state] = (states[state] ?? 0) + 1;
      }
      log(`  jobs: ${ours.length} running tasks, ${pending} still reading their source; states ${JSON.stringify(states)}`);
    }
    if (ours.length >= jobs && pending === 0) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= 3_000) return { ms: quietSince - started, ...last };
    } else {
      quietSince = null;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return { ms: Number.NaN, ...last };
}
