import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { provision } from '../../../district/provision';
import { formatStatusTable, readStatus } from '../../../district/status';
import { toCouchDoc } from '../../../core/couchDoc';
import { databaseOfUnit, scopeOfUnit } from '../../../core/org';
import { eventually, provisionedDistrict, type ProvisionedDistrict } from '../../support/provisionedDistrict';

let district: ProvisionedDistrict;

beforeAll(async () => {
  district = await provisionedDistrict();
});
afterAll(async () => {
  await district?.stop();
});

const HOUR = 3_600_000;

/** A station reports itself as the app does: its stationStatus doc, in its own database. */
async function report(station: string, fields: { lastSyncAt: string; pendingUploads: number; rejectedDocs: number; appVersion: string }) {
  const now = new Date().toISOString();
  const doc = {
    _id: `stationStatus:${station}`,
    type: 'stationStatus',
    scope: scopeOfUnit(station),
    createdAt: now,
    updatedAt: now,
    updatedBy: `station-${station}`,
    stationCode: station,
    ...fields,
  };
  const res = await district.asUnit(station, `/${databaseOfUnit(station)}/${doc._id}`, { method: 'PUT', body: JSON.stringify(doc) });
  expect(res.status).toBe(201);
}

/**
 * Two hops of replication on a server other suites load at the same time: CouchDB starts at most
 * 20 jobs a minute (`max_churn`), so a restored job or a first report can take a while.
 */
const REPLICATION_MS = 60_000;

describe('the health report', { timeout: 4 * REPLICATION_MS }, () => {
  it('lists every station with its last sync, pending and rejected docs and version, troubled ones first', async () => {
    const [healthy, behind, rejecting, silent] = district.demo.orgTree.towns.flatMap((t) => t.villages.map((v) => v.code));
    await report(healthy, { lastSyncAt: new Date().toISOString(), pendingUploads: 0, rejectedDocs: 0, appVersion: '0.1.0' });
    await report(behind, { lastSyncAt: new Date(Date.now() - 72 * HOUR).toISOString(), pendingUploads: 12, rejectedDocs: 0, appVersion: '0.0.9' });
    await report(rejecting, { lastSyncAt: new Date().toISOString(), pendingUploads: 0, rejectedDocs: 3, appVersion: '0.1.0' });
    // The reports travel up the topology to the district database.
    await eventually(async () => {
      const res = await district.couch.adminFetch(`/${district.districtDb}/stationStatus:${rejecting}`);
      return res.status === 200;
    }, REPLICATION_MS, 'the station reports at the district');
    await eventually(async () => (await district.couch.adminFetch(`/${district.districtDb}/stationStatus:${behind}`)).status === 200, REPLICATION_MS);
    await eventually(async () => (await district.couch.adminFetch(`/${district.districtDb}/stationStatus:${healthy}`)).status === 200, REPLICATION_MS);

    const status = await readStatus(district.connection, { staleAfterMs: 24 * HOUR });
    // Town sub-centers are workstations too; these have not reported (yet).
    const towns = district.demo.orgTree.towns.map((town) => town.code);
    const behindOrSilent = [[behind, 'stale'], [silent, 'neverReported'], ...towns.map((code) => [code, 'neverReported'])].sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(status.stations.map((s) => [s.station, s.health])).toEqual([[rejecting, 'rejecting'], ...behindOrSilent, [healthy, 'ok']]);
    expect(status.stations.find((s) => s.station === behind)).toMatchObject({ pendingUploads: 12, appVersion: '0.0.9' });

    // Every replication job is listed: 2 per town and village.
    const units = district.demo.orgTree.towns.length + district.demo.orgTree.towns.reduce((n, t) => n + t.villages.length, 0);
    expect(status.jobs).toHaveLength(2 * units);
    expect(status.jobs.every((job) => job.health === 'ok')).toBe(true);
    // pouchdb-server has no _scheduler API: the report says where the states came from.
    expect(status.jobSource).toBe(district.couch.kind === 'embedded' ? 'docState' : 'scheduler');
    if (district.couch.kind === 'embedded') expect(status.note).toContain('_replication_state');

    const table = formatStatusTable(status);
    expect(table).toContain(`站点与工作站（${4 + towns.length} 行，异常在前）`);
    expect(table.split('\n').find((line) => line.includes(behind))).toMatch(/^滞后/);
  });

  it('names each unit by its name from the grids the district database holds, not by its code alone', async () => {
    const town = district.demo.orgTree.towns[0]!;
    const village = town.villages[0]!;
    // The district's grids, as `district import` loads them: a unit's own grid carries its code.
    const grids = district.demo.docs.grids.filter((grid) => grid.level <= 2);
    const loaded = await district.couch.adminFetch(`/${district.districtDb}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: grids.map((doc) => toCouchDoc(doc)) }) });
    expect(loaded.status).toBe(201);

    const status = await readStatus(district.connection, { staleAfterMs: 24 * HOUR });
    const nameOf = (code: string) => status.stations.find((s) => s.station === code)?.stationName;
    expect(nameOf(village.code)).toBe(`${town.name} ${village.name}`);
    expect(nameOf(town.code)).toBe(town.name);
    const line = formatStatusTable(status).split('\n').find((row) => row.includes(village.code));
    expect(line).toContain(`${village.code}  ${town.name} ${village.name}`);
  });

  it('puts a job that was deleted at the top of the report, until provisioning restores it', async () => {
    const [town] = district.demo.orgTree.towns;
    const id = `gridlink-up-${databaseOfUnit(town.code)}`;
    const doc = (await (await district.couch.adminFetch(`/_replicator/${id}`)).json()) as { _rev: string };
    expect((await district.couch.adminFetch(`/_replicator/${id}?rev=${doc._rev}`, { method: 'DELETE' })).ok).toBe(true);
    const status = await readStatus(district.connection, { staleAfterMs: 24 * 3_600_000 });
    expect(status.jobs[0]).toMatchObject({ id, health: 'missing', state: 'absent' });
    expect(status.jobs.slice(1).every((job) => job.health === 'ok')).toBe(true);
    expect(formatStatusTable(status).split('\n').find((line) => line.includes(id))).toMatch(/^未运行/);

    const repair = await provision(district.connection, district.demo.orgTree, { passwordsFile: join(district.dir, 'repair.csv') });
    expect(repair.changes).toEqual([{ action: 'restored', subject: 'job', name: id }]);
    await eventually(async () => {
      const current = await readStatus(district.connection, { staleAfterMs: 24 * 3_600_000 });
      return current.jobs.every((job) => job.health === 'ok');
    }, REPLICATION_MS, 'every job running again');
  });
});
