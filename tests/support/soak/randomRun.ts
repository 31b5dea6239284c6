/**
 * The randomized convergence run: a provisioned district (one town, two villages) on the test
 * server, two desks per village and one at the town, each its own Chromium with the real engine
 * and the app's own commands. For the run's budget every desk, at once, records orders, takes
 * steps, records mediation sessions, loses and regains its network and restarts; one village
 * desk is SIGKILLed in the middle of a command. Then the network heals, the run waits until
 * nothing moves, and checks.ts judges what every replica holds.
 *
 * One seed makes the same choices (each desk draws from its own seeded stream); what the
 * network and the processes make of them differs from run to run, which is the point.
 */
import { writeFileSync } from 'node:fs';
import { allDemoDocs } from '../../../district/demo';
import { CATALOG_ITEMS } from '../../../district/demo/catalog';
import { DEPARTMENTS } from '../../../district/demo/departments';
import { Random } from '../../../district/demo/random';
import { userNameOf } from '../../../district/topologyPlan';
import { fromCouchDoc, toCouchDoc } from '../../../core/couchDoc';
import { databaseOfUnit } from '../../../core/org';
import { flowsDownTo } from '../../../core/topology';
import type { AnyDoc } from '../../../core/schema';
import { bulkWrite } from '../couchServer';
import { eventually, provisionedDistrict, type ProvisionedDistrict } from '../provisionedDistrict';
import { buildHarness, serveHarness } from '../syncHarness/harness';
import type { DeskOutcome } from '../syncHarness/page/desk';
import { checkWorld, canonical, type Acknowledged, type ServerReplica, type World } from './checks';
import { DeskProcess } from './deskProcess';

export interface RunOptions {
  seed: number;
  /** How long the desks work before the network heals. */
  budgetMs: number;
  /** How long the healed world may take to come to rest. */
  healMs?: number;
  log?: (line: string) => void;
  /** When a check fails: what every replica held, as JSON in this file (the evidence). */
  evidenceFile?: string;
}

export interface RunReport {
  seed: number;
  server: 'embedded' | 'couchdb';
  desks: number;
  /** Commands run, by kind (create, a step's name, session) and what came of them. */
  ops: Record<string, number>;
  /** Docs the desks were told they had stored. */
  writes: number;
  cuts: number;
  restarts: number;
  kills: number;
  /** From the heal to the world at rest. */
  settleMs: number;
  ms: number;
  /** By check: what failed (empty: every replica converged). */
  failures: Record<string, string[]>;
}

/** Small enough to judge in seconds, with open cases and orders to act on from the start. */
const DISTRICT = { towns: 1, villagesPerTown: 2, ticketsPerVillage: 3, casesPerVillage: 6, componentsPerVillage: 1, staffPerVillage: 1 };

/** The harness page is built once per process and served from one origin. */
let site: Promise<{ url: string; close(): Promise<void> }> | null = null;
export function harnessSite(): Promise<{ url: string; close(): Promise<void> }> {
  site ??= buildHarness().then(() => serveHarness());
  return site;
}

interface Desk {
  process: DeskProcess;
  random: Random;
  grids: string[];
  village: boolean;
}

export async function runConvergence(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const { url } = await harnessSite();
  const district = await provisionedDistrict({ ...DISTRICT, seed: options.seed });
  const desks: Desk[] = [];
  const report: RunReport = { seed: options.seed, server: district.couch.kind, desks: 0, ops: {}, writes: 0, cuts: 0, restarts: 0, kills: 0, settleMs: 0, ms: 0, failures: {} };
  try {
    await seedDistrict(district);
    const town = district.demo.orgTree.towns[0];
    const catalog = { code: CATALOG_ITEMS[0].code, departmentCode: CATALOG_ITEMS[0].departmentCode, otherDepartmentCode: DEPARTMENTS.find((d) => d.code !== CATALOG_ITEMS[0].departmentCode)!.code };
    const plan = [...town.villages.flatMap((v, i) => ['1', '2'].map((n) => ({ name: `${'AB'[i]}${n}`, unit: v.code }))), { name: 'T', unit: town.code }];
    for (const [index, { name, unit }] of plan.entries()) {
      const username = userNameOf(unit);
      const setup = { dbName: databaseOfUnit(unit), credentials: { username, password: district.passwords.get(username) ?? '' }, localName: `desk-${name}`, actor: { unit, name: username }, catalog };
      const process = await DeskProcess.start(name, setup, district.couch.url, url);
      const grids = district.demo.docs.grids.filter((g) => g.level === 3 && g.code.startsWith(unit)).map((g) => g.code);
      desks.push({ process, random: new Random(options.seed * 100 + index), grids, village: unit !== town.code });
    }
    report.desks = desks.length;
    log(`seed ${options.seed}: ${desks.length} desks on ${district.couch.kind}, working ${options.budgetMs} ms`);

    const acknowledged: Acknowledged[] = [];
    const opErrors: string[] = [];
    const record = (desk: Desk, outcome: DeskOutcome) => {
      const key = `${outcome.what}${outcome.done ? '' : ' (not possible)'}`;
      report.ops[key] = (report.ops[key] ?? 0) + 1;
      if (!outcome.done) return;
      acknowledged.push({ desk: desk.process.name, what: outcome.what, subjectId: outcome.subjectId, eventIds: outcome.eventIds, ...(outcome.token ? { token: outcome.token } : {}) });
      report.writes += outcome.eventIds.length + (outcome.what === 'create' ? 1 : 0) + (outcome.what === 'session' ? 1 : 0);
    };

    const master = new Random(options.seed);
    const victim = master.pick(desks.filter((d) => d.village));
    const working = Date.now();
    const killAt = working + options.budgetMs * master.between(0.3, 0.6);
    const end = working + options.budgetMs;
    await Promise.all(desks.map((desk) => workLoop(desk, end, desk === victim ? killAt : null, { record, report, opErrors, log })));

    // The network heals; every desk syncs until nothing moves any more.
    for (const desk of desks) await desk.process.restore();
    const healed = Date.now();
    const world = await worldAtRest(district, desks, acknowledged, options.healMs ?? 120_000);
    report.settleMs = Date.now() - healed;
    for (const desk of desks) if (desk.process.reopened > 0) log(`${desk.process.name}: page found without its desk ${desk.process.reopened}× while settling, opened again`);
    report.failures = checkWorld(world);
    if (opErrors.length) report.failures.commandErrors = opErrors;
    if (!world.atRest) report.failures.neverAtRest = [`the world still moved ${report.settleMs} ms after the network healed`];
    if (options.evidenceFile && Object.keys(report.failures).length > 0) {
      writeFileSync(options.evidenceFile, JSON.stringify({ report, world }, null, 1));
      log(`seed ${options.seed}: what every replica held is in ${options.evidenceFile}`);
    }
    return report;
  } finally {
    report.ms = Date.now() - started;
    await Promise.all(desks.map((d) => d.process.close().catch(() => undefined)));
    await district.stop();
  }
}

/** The demo district's docs into the district's database; replication takes each unit's down. */
async function seedDistrict(district: ProvisionedDistrict): Promise<void> {
  const docs = [...allDemoDocs(district.demo)] as AnyDoc[];
  await bulkWrite(district.couch, district.districtDb, docs.map((d) => toCouchDoc(d)));
  for (const village of district.demo.orgTree.towns[0].villages) {
    const expected = docs.filter((d) => flowsDownTo(d, village.code)).length;
    await eventually(async () => (await serverReplica(district, village.code)).docs.length >= expected, 60_000, `the demo docs in ${village.code}'s database`);
  }
}

interface LoopContext {
  record(desk: Desk, outcome: DeskOutcome): void;
  report: RunReport;
  opErrors: string[];
  log(line: string): void;
}

/** One desk's clerk for the run's budget: a random command, a pause, again. */
async function workLoop(desk: Desk, end: number, killAt: number | null, context: LoopContext): Promise<void> {
  const { random, process } = desk;
  let n = 0;
  while (Date.now() < end) {
    const token = `${process.name}-${++n}`;
    if (killAt !== null && Date.now() >= killAt) {
      killAt = null;
      await killMidCommand(desk, token, context);
      continue;
    }
    const roll = random.unit();
    try {
      if (desk.village && roll < 0.2) context.record(desk, await process.createOrder(random.pick(desk.grids), token));
      else if (roll < 0.55) context.record(desk, await process.act(random.unit(), random.unit(), token));
      else if (desk.village && roll < 0.7) context.record(desk, await process.recordSession(random.unit(), token));
      else if (roll < 0.92) {
        if (process.online) {
          await process.cut();
          context.report.cuts++;
        } else await process.restore();
      } else {
        await process.restart();
        context.report.restarts++;
      }
    } catch (error) {
      context.opErrors.push(`${process.name} (${token}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    await new Promise((r) => setTimeout(r, random.int(20, 300)));
  }
}

/**
 * Starts a command and SIGKILLs the desk a few milliseconds in: the command may have stored all,
 * part or none of its docs. Only an answer that came back before the kill counts as stored.
 */
async function killMidCommand(desk: Desk, token: string, context: LoopContext): Promise<void> {
  const { random, process } = desk;
  let answered: DeskOutcome | null = null;
  const command = (random.chance(0.6) ? process.createOrder(random.pick(desk.grids), token) : process.act(random.unit(), random.unit(), token)).then(
    (outcome) => (answered = outcome),
    () => undefined,
  );
  await new Promise((r) => setTimeout(r, random.int(0, 40)));
  const down = random.int(300, 2_000);
  await process.kill(down);
  await command;
  context.report.kills++;
  context.log(`${process.name} SIGKILLed ${answered ? 'after' : 'during'} ${token}, down ${down} ms`);
  if (answered) context.record(desk, answered);
}

/** Every server database of the district, as data. */
async function serverReplica(district: ProvisionedDistrict, unit: string): Promise<ServerReplica> {
  const dbName = databaseOfUnit(unit);
  const response = await district.couch.adminFetch(`/${dbName}/_all_docs?include_docs=true&conflicts=true`);
  if (!response.ok) throw new Error(`reading ${dbName}: ${response.status}`);
  const rows = ((await response.json()) as { rows: { id: string; doc: Record<string, unknown> & { _id: string; _conflicts?: string[] } }[] }).rows.filter((r) => !r.id.startsWith('_design/'));
  return { unit, dbName, docs: rows.map((r) => fromCouchDoc<AnyDoc>(r.doc)), revs: Object.fromEntries(rows.map((r) => [r.id, r.doc._rev as string])), conflicted: rows.filter((r) => r.doc._conflicts?.length).map((r) => r.id) };
}

/**
 * Waits until every desk has nothing to upload and is online, and two looks two seconds apart
 * find every replica the same; returns what they hold then (or at the deadline, `atRest` false).
 */
async function worldAtRest(district: ProvisionedDistrict, desks: Desk[], acknowledged: Acknowledged[], healMs: number): Promise<World & { atRest: boolean }> {
  const deadline = Date.now() + healMs;
  const units = [...new Set([district.demo.orgTree.code, ...desks.map((d) => d.process.unit)])];
  let previous = '';
  for (;;) {
    await Promise.all(desks.map((d) => d.process.settle(2_000)));
    const dumps = await Promise.all(desks.map(async (d) => ({ name: d.process.name, unit: d.process.unit, ...(await d.process.dump()) })));
    const servers = await Promise.all(units.map((unit) => serverReplica(district, unit)));
    const world: World = {
      districtCode: district.demo.orgTree.code,
      desks: dumps.map((d) => ({ name: d.name, unit: d.unit, docs: Object.values(d.docs).flat(), quarantine: d.quarantine, status: d.status, errors: d.errors })),
      servers,
      acknowledged,
    };
    const quiet = world.desks.every((d) => d.status?.pendingTotal === 0 && d.status.connection === 'online');
    const digest = JSON.stringify([...world.desks.map((d) => d.docs.map(canonical).sort()), ...servers.map((s) => s.docs.map(canonical).sort())]);
    if (quiet && digest === previous) return { ...world, atRest: true };
    if (Date.now() > deadline) return { ...world, atRest: false };
    previous = quiet ? digest : '';
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
