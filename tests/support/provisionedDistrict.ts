/**
 * A provisioned district on a real CouchDB-API server for the district tests: the embedded
 * pouchdb-server (one per test file), or Apache CouchDB from COUCHDB_URL. Each file's district
 * has a code of its own (reserveDistrictCode), and with it its own databases, users and jobs,
 * so files run in parallel on one CouchDB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoDistrict, type DemoDistrict, type DemoOptions } from '../../district/demo';
import { connect, type Connection } from '../../district/connection';
import { provision, type ProvisionReport } from '../../district/provision';
import { readStatus } from '../../district/status';
import { userNameOf } from '../../district/topologyPlan';
import { databaseOfUnit } from '../../core/org';
import { basicAuth, removeDistrict, reserveDistrictCode, startTestCouch, type TestCouch } from './couchServer';

export interface ProvisionedDistrict {
  couch: TestCouch;
  connection: Connection;
  demo: DemoDistrict;
  /** The district's own database (`gl-district-<code>`). */
  districtDb: string;
  report: ProvisionReport;
  /** Temporary folder for password files and import files. */
  dir: string;
  /** user name → password, from the passwords file of the first provisioning. */
  passwords: Map<string, string>;
  /** fetch as the first user of a unit: `asUnit('320506001001', '/gl-station-…/doc')`. */
  asUnit(unitCode: string, path: string, init?: RequestInit): Promise<Response>;
  /**
   * Where a doc is on its way down or up, for a timed-out wait: its revision in each unit's
   * database, and this district's replication jobs that `district status` does not call ok.
   */
  whereIs(docId: string, unitCodes: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

export function readPasswordsFile(path: string): Map<string, string> {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((line) => line.split(',')).map(([, user, password]) => [user, password]));
}

/** A small demo district: 1 district, `towns` towns, `villagesPerTown` villages, no bulk data. */
export const SMALL_DISTRICT: DemoOptions = { towns: 2, villagesPerTown: 2, ticketsPerVillage: 2, casesPerVillage: 1, componentsPerVillage: 1, staffPerVillage: 1 };
/** One town with a village and its sibling, one doc of each kind: the cross-station suites' district. */
export const TWO_VILLAGES: DemoOptions = { towns: 1, villagesPerTown: 2, ticketsPerVillage: 1, casesPerVillage: 1, componentsPerVillage: 1, staffPerVillage: 1 };

export async function provisionedDistrict(options: DemoOptions = SMALL_DISTRICT): Promise<ProvisionedDistrict> {
  const couch = await startTestCouch();
  const dir = mkdtempSync(join(tmpdir(), 'gridlink-district-'));
  const demo = generateDemoDistrict({ ...options, districtCode: options.districtCode ?? (await reserveDistrictCode(couch)) });
  const connection = await connect({ server: couch.url, user: couch.admin.username, password: couch.admin.password, district: demo.orgTree.code });
  const passwordsFile = join(dir, 'passwords.csv');
  // Browser tests call the server from pages on random loopback ports.
  const report = await provision(connection, demo.orgTree, { passwordsFile, corsOrigins: ['*'] });
  const passwords = readPasswordsFile(passwordsFile);
  const asUnit = (unitCode: string, path: string, init: RequestInit = {}) => {
    const user = userNameOf(unitCode);
    return fetch(couch.url + path, {
      cache: 'no-store',
      ...init,
      headers: { authorization: basicAuth(user, passwords.get(user) ?? ''), 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  };
  const whereIs = async (docId: string, unitCodes: readonly string[]) => {
    const places = await Promise.all(
      unitCodes.map(async (unit) => {
        const response = await couch.adminFetch(`/${databaseOfUnit(unit)}/${encodeURIComponent(docId)}`).catch(() => null);
        const rev = response?.ok ? ((await response.json()) as { _rev: string })._rev : `missing (${response?.status ?? 'no answer'})`;
        return `${databaseOfUnit(unit)}: ${rev}`;
      }),
    );
    // The jobs as `district status` reports them to IT (the scheduler, or each doc's state).
    const { jobs } = await readStatus(connection, { staleAfterMs: 60_000 });
    const unwell = jobs.filter((job) => job.health !== 'ok').map((job) => `${job.id} ${job.health} (${job.state}${job.error ? `: ${job.error.slice(0, 120)}` : ''})`);
    return `${docId}: ${places.join('; ')}; jobs not ok: ${unwell.length > 0 ? unwell.join('; ') : 'none'}`;
  };
  return {
    couch,
    connection,
    demo,
    districtDb: databaseOfUnit(demo.orgTree.code),
    report,
    dir,
    passwords,
    asUnit,
    whereIs,
    stop: async () => {
      await removeDistrict(couch, demo.orgTree.code);
      await couch.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls until `check` returns a value (not undefined/false), or fails after `ms`; the failure
 * says what `explain` finds then (where the data got stuck).
 */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 15_000, what = 'condition', explain?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  const found = explain ? await explain().catch((err: unknown) => `(could not tell: ${String(err)})`) : '';
  throw new Error(`timed out after ${ms} ms waiting for ${what}${found ? `: ${found}` : ''}`);
}
