/**
 * The embedded default district for development: an embedded CouchDB-API server on 127.0.0.1
 * with the demo district provisioned (databases, users, rules, replication jobs) and loaded.
 * State lives in one folder and survives restarts; only a new folder provisions again. One
 * server at a time per folder: its databases cannot be opened twice.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { flowsDownTo } from '../../core/topology';
import { databaseOfUnit } from '../../core/org';
import { toCouchDoc } from '../../core/couchDoc';
import { connect, type Connection } from '../connection';
import { provision } from '../provision';
import { enrolDemoPeople } from '../people';
import { allDemoDocs, generateDemoDistrict, lastWorkdayClose, type DemoDistrict, type DemoOptions } from '../demo';
import { startEmbeddedServer, type EmbeddedServer } from './embeddedServer';
import { lockDataFolder } from './dataFolderLock';

export interface DevCredential {
  unit: string;
  user: string;
  password: string;
}

export interface DevDistrict {
  server: EmbeddedServer;
  admin: { user: string; password: string };
  districtCode: string;
  districtName: string;
  /** Station and town logins of the demo district (dev only: kept in the data folder, mode 0600). */
  credentials: DevCredential[];
}

export interface DevDistrictOptions {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** Size of the demo district, the same on every start of a folder; the `demo` preset when absent (tests go smaller). */
  demo?: Omit<DemoOptions, 'districtCode'>;
}

/** What the `provisioned` marker holds: when, and the server URL the replication jobs were written for. */
interface Provisioned {
  at: string;
  url: string | null;
}

function readProvisioned(file: string): Provisioned | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  try {
    const parsed = JSON.parse(text) as Partial<Provisioned>;
    return { at: String(parsed.at), url: typeof parsed.url === 'string' ? parsed.url : null };
  } catch {
    // Folders provisioned before the URL was kept hold only the time.
    return { at: text.trim(), url: null };
  }
}

function readOrCreateAdmin(dataDir: string): { user: string; password: string } {
  const file = join(dataDir, 'admin.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { user: string; password: string };
  const admin = { user: 'admin', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(admin), { mode: 0o600 });
  return admin;
}

function readCredentials(file: string): DevCredential[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [unit = '', user = '', password = ''] = line.split(',');
      return { unit, user, password };
    });
}

/** Writes each unit's share of the demo district straight into its database, as replication would. */
async function loadDemo(connection: Connection, demo: DemoDistrict, log: (line: string) => void): Promise<void> {
  const docs = [...allDemoDocs(demo)];
  const units = [demo.orgTree.code, ...demo.orgTree.towns.flatMap((t) => [t.code, ...t.villages.map((v) => v.code)])];
  for (const unit of units) {
    const mine = unit === demo.orgTree.code ? docs : docs.filter((d) => flowsDownTo(d, unit));
    const db = connection.couch.use(databaseOfUnit(unit));
    for (let i = 0; i < mine.length; i += 2000) {
      const results = await db.bulk({ docs: mine.slice(i, i + 2000).map((d) => toCouchDoc(d)) });
      const failed = results.filter((r) => r.error && r.error !== 'conflict');
      if (failed.length > 0) throw new Error(`loading ${databaseOfUnit(unit)}: ${failed[0]?.error}: ${failed[0]?.reason}`);
    }
  }
  log(`loaded ${docs.length} demo documents into ${units.length} databases`);
}

export async function startDevDistrict(options: DevDistrictOptions): Promise<DevDistrict> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataFolder(dataDir);
  let admin: { user: string; password: string };
  let embedded: EmbeddedServer;
  try {
    admin = readOrCreateAdmin(dataDir);
    embedded = await startEmbeddedServer({ dir: join(dataDir, 'couch'), port: options.port, adminUser: admin.user, adminPassword: admin.password });
  } catch (err) {
    lock.release();
    throw err;
  }
  lock.note(embedded.url);
  const server: EmbeddedServer = {
    ...embedded,
    stop: async () => {
      await embedded.stop();
      lock.release();
    },
  };
  log(`embedded district server listening on ${server.url} (data in ${dataDir})`);
  try {
    const connection = await connect({ server: server.url, user: admin.user, password: admin.password });
    // The data ends on the last workday before the first start, so deadlines look current;
    // later starts regenerate only to read the org tree, which does not depend on the date.
    const demo = generateDemoDistrict({ ...options.demo, endsAt: lastWorkdayClose() });
    const passwordsFile = join(dataDir, 'passwords.csv');
    const marker = join(dataDir, 'provisioned');
    const provisioned = readProvisioned(marker);
    if (!provisioned) {
      log('provisioning the demo district (first start only)…');
      await provision(connection, demo.orgTree, { passwordsFile });
      // Two personal accounts per station and town, so people can sign in at once (issue 15).
      const people = await enrolDemoPeople(connection, demo.docs.staff, 2, passwordsFile);
      log(`${people} personal accounts, their passwords in ${passwordsFile}`);
      await loadDemo(connection, demo, log);
    } else if (provisioned.url !== server.url) {
      // The replication jobs name the server by the URL it had when they were written: on
      // another port they would replicate nothing (and requestsOnlyItself.cjs refuses to send
      // their admin login to whatever listens on the old one). Provisioning again rewrites them.
      log(`the data folder's replication jobs were written for ${provisioned.url ?? 'an address it did not record'}: pointing them at ${server.url}…`);
      await provision(connection, demo.orgTree, { passwordsFile });
    }
    if (provisioned?.url !== server.url) writeFileSync(marker, JSON.stringify({ at: provisioned?.at ?? new Date().toISOString(), url: server.url } satisfies Provisioned));
    return {
      server,
      admin,
      districtCode: demo.orgTree.code,
      districtName: demo.orgTree.name,
      credentials: readCredentials(passwordsFile),
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
