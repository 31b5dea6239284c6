/**
 * The dev district's data folder across starts (district/devServer/devDistrict.ts): its
 * replication jobs carry the admin login and the server's URL, so a start on another port must
 * re-point them, and never send that login to whatever now listens on the old port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../district/devServer/embeddedServer';
import { startDevDistrict, type DevDistrict } from '../../../district/devServer/devDistrict';
import { basicAuth } from '../../support/couchServer';
import { fakeCouch, type FakeCouch } from '../../support/fakeCouch';
import { cleanUp, dataFolder } from './devProcesses';

/** A district small enough to provision in seconds, from the same generator. */
const SMALL = { towns: 1, villagesPerTown: 2, ticketsPerVillage: 2, casesPerVillage: 1, componentsPerVillage: 2, staffPerVillage: 1 };

let district: DevDistrict | null = null;
let couch: FakeCouch | null = null;

afterEach(async () => {
  await district?.server.stop();
  district = null;
  await couch?.close();
  couch = null;
  cleanUp();
});

async function jobOrigins(d: DevDistrict): Promise<string[]> {
  const response = await fetch(`${d.server.url}/_replicator/_all_docs?include_docs=true&startkey="gridlink-"&endkey="gridlink-\ufff0"`, {
    headers: { authorization: basicAuth(d.admin.user, d.admin.password) },
  });
  const { rows } = (await response.json()) as { rows: { doc: { source: { url: string }; target: { url: string } } }[] };
  expect(rows.length).toBeGreaterThan(0);
  return [...new Set(rows.flatMap(({ doc }) => [new URL(doc.source.url).origin, new URL(doc.target.url).origin]))];
}

describe('a dev district data folder served again on another port', () => {
  it('sends no login to the old port, and its replication jobs follow the server', { timeout: 60_000 }, async () => {
    const data = dataFolder();
    const [before, after] = [await freePort(), await freePort()];
    district = await startDevDistrict({ dataDir: data, port: before, demo: SMALL });
    expect(await jobOrigins(district)).toEqual([`http://127.0.0.1:${before}`]);
    await district.server.stop();

    // Another server now answers on the old port, as a real CouchDB on 5984 would.
    couch = await fakeCouch(before);
    district = await startDevDistrict({ dataDir: data, port: after, demo: SMALL });
    expect(await jobOrigins(district)).toEqual([`http://127.0.0.1:${after}`]);
    // The replicator had the old jobs running from its first moment: give it time to call out.
    await new Promise((r) => setTimeout(r, 3000));
    expect(couch.logins).toEqual([]);
    expect((await fetch(district.server.url)).ok).toBe(true);
  });
});

describe('the dev district’s people', () => {
  it('gives each station and town personal accounts that sign in with their password from passwords.csv, named on the station’s roster', { timeout: 60_000 }, async () => {
    district = await startDevDistrict({ dataDir: dataFolder(), port: await freePort(), demo: { ...SMALL, staffPerVillage: 3 } });
    const stations = district.credentials.filter((c) => c.unit.length === 12 && c.user.startsWith('station-'));
    const people = district.credentials.filter((c) => c.user.startsWith('person-'));
    expect(stations.length).toBe(2);
    for (const station of stations) expect(people.filter((p) => p.unit === station.unit).length).toBe(2);
    const [person] = people.filter((p) => p.unit === stations[0]!.unit);
    const session = (await (await fetch(`${district.server.url}/_session`, { headers: { authorization: basicAuth(person!.user, person!.password) } })).json()) as { userCtx: { name: string; roles: string[] } };
    expect(session.userCtx).toEqual({ name: person!.user, roles: [`person:${person!.unit}`] });
    const admin = { authorization: basicAuth(district.admin.user, district.admin.password) };
    const roster = (await (await fetch(`${district.server.url}/gl-station-${person!.unit}/_all_docs?include_docs=true&startkey="staff:"&endkey="staff:\ufff0"`, { headers: admin })).json()) as { rows: { doc: { account?: string } }[] };
    expect(roster.rows.map((r) => r.doc.account)).toContain(person!.user);
    const security = (await (await fetch(`${district.server.url}/gl-station-${person!.unit}/_security`, { headers: admin })).json()) as { members: { names: string[] } };
    expect(security.members.names).toContain(person!.user);
  });
});
