import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCouchDoc } from '../../../core/couchDoc';
import { databaseOfUnit } from '../../../core/org';
import type { TicketDoc } from '../../../core/schema';
import { eventually, provisionedDistrict, type ProvisionedDistrict } from '../../support/provisionedDistrict';

let district: ProvisionedDistrict;

beforeAll(async () => {
  // 1 district, 2 towns, 2 villages each: small enough to be quick, with siblings and cousins.
  district = await provisionedDistrict();
});
afterAll(async () => {
  await district?.stop();
});

type Stored = Record<string, unknown> & { _id: string; _rev: string; holderCode?: string; state?: string };

async function adminGet(db: string, id: string): Promise<Stored | undefined> {
  const res = await district.couch.adminFetch(`/${db}/${encodeURIComponent(id)}`);
  return res.status === 200 ? ((await res.json()) as Stored) : undefined;
}

describe('a ticket through the replication topology', () => {
  it('goes up from its village, comes back down after the town acts on it, and never reaches a sibling', async () => {
    const [townA, townB] = district.demo.orgTree.towns;
    const [village, sibling] = townA.villages;
    const [cousin] = townB.villages;
    const stationDb = databaseOfUnit(village.code);
    const townDb = databaseOfUnit(townA.code);
    const demoTicket = district.demo.docs.tickets.find((t) => t.ownerCode === village.code)!;
    const ticket = { ...toCouchDoc<TicketDoc>({ ...demoTicket, id: `ticket:${demoTicket.number}-topology` }), holderCode: village.code };

    // The village files it in its own database, as the station app does.
    const filed = await district.asUnit(village.code, `/${stationDb}/${encodeURIComponent(ticket._id)}`, { method: 'PUT', body: JSON.stringify(ticket) });
    expect(filed.status).toBe(201);
    await eventually(() => adminGet(townDb, ticket._id), 15_000, 'the ticket in the town database');
    await eventually(() => adminGet(district.districtDb, ticket._id), 15_000, 'the ticket in the district database');

    // The village escalates: it still holds the ticket, and hands it to the town.
    const atStation = (await adminGet(stationDb, ticket._id))!;
    const escalate = await district.asUnit(village.code, `/${stationDb}/${encodeURIComponent(ticket._id)}`, {
      method: 'PUT',
      body: JSON.stringify({ ...atStation, holderCode: townA.code }),
    });
    expect(escalate.status).toBe(201);
    const atTown = await eventually(async () => {
      const doc = await adminGet(townDb, ticket._id);
      return doc?.holderCode === townA.code ? doc : undefined;
    }, 15_000, 'the escalation in the town database');

    // The town now holds it and acts in its own database.
    const handled = await district.asUnit(townA.code, `/${townDb}/${encodeURIComponent(ticket._id)}`, {
      method: 'PUT',
      body: JSON.stringify({ ...atTown, state: 'handling', assignee: 'ZHZF' }),
    });
    expect(handled.status).toBe(201);
    const { rev } = (await handled.json()) as { rev: string };

    // The town's change comes back down to the village, and up to the district.
    await eventually(async () => (await adminGet(stationDb, ticket._id))?._rev === rev, 15_000, "the town's change at the village");
    await eventually(async () => (await adminGet(district.districtDb, ticket._id))?._rev === rev, 15_000, "the town's change at the district");
    const back = (await adminGet(stationDb, ticket._id))!;
    expect(back).toMatchObject({ state: 'handling', holderCode: townA.code });

    // Siblings and other towns' villages never receive it (by then their jobs have run past it).
    expect(await adminGet(databaseOfUnit(sibling.code), ticket._id)).toBeUndefined();
    expect(await adminGet(databaseOfUnit(cousin.code), ticket._id)).toBeUndefined();
    expect(await adminGet(databaseOfUnit(townB.code), ticket._id)).toBeUndefined();
  }, 90_000);
});
