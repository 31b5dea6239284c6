import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCouchDoc } from '../../../core/couchDoc';
import { databaseOfUnit } from '../../../core/org';
import { checkWrite, roleOfUnit, type RuleUserCtx } from '../../../core/rules';
import type { TicketDoc } from '../../../core/schema';
import { userNameOf } from '../../../district/topologyPlan';
import { provisionedDistrict, type ProvisionedDistrict } from '../../support/provisionedDistrict';

let district: ProvisionedDistrict;
let villageA: string;
let villageB: string;
let town: string;
let stationDb: string;

beforeAll(async () => {
  district = await provisionedDistrict();
  const [firstTown] = district.demo.orgTree.towns;
  town = firstTown.code;
  [villageA, villageB] = firstTown.villages.map((v) => v.code);
  stationDb = databaseOfUnit(villageA);
});
afterAll(async () => {
  await district?.stop();
});

const userCtx = (unit: string): RuleUserCtx => ({ name: userNameOf(unit), roles: [roleOfUnit(unit)] });

interface Refusal {
  status: number;
  error?: string;
  reason?: string;
}

/** PUT as the station's user; the server's status and reason. */
async function putAsStation(doc: Record<string, unknown>): Promise<Refusal & { rev?: string }> {
  const res = await district.asUnit(villageA, `/${stationDb}/${encodeURIComponent(doc._id as string)}`, { method: 'PUT', body: JSON.stringify(doc) });
  const body = (await res.json()) as { error?: string; reason?: string; rev?: string };
  return { status: res.status, ...body };
}

function ticketHeldBy(holder: string): TicketDoc {
  const ticket = district.demo.docs.tickets.find((t) => t.ownerCode === villageA)!;
  return { ...ticket, holderCode: holder };
}

describe('write rules enforced by the server', () => {
  it('accept a station’s own ticket', async () => {
    const ticket = ticketHeldBy(villageA);
    expect(checkWrite(ticket, null, userCtx(villageA))).toEqual({ ok: true });
    expect((await putAsStation(toCouchDoc(ticket))).status).toBe(201);
  });

  it('refuse a write outside the station’s scope, with the app’s explanation', async () => {
    const event = district.demo.docs.ticketEvents.find((e) => e.byUnit === villageB)!;
    const app = checkWrite(event, null, userCtx(villageA));
    expect(app.ok).toBe(false);
    const server = await putAsStation(toCouchDoc(event));
    expect(server).toMatchObject({ status: 403, error: 'forbidden' });
    expect(server.reason).toBe(app.ok ? '' : app.message);
  });

  it('refuse a change to a ticket held by another unit, with the app’s explanation', async () => {
    // The town holds this one (escalated); it reached the station by replication, as admin.
    const held = ticketHeldBy(town);
    const id = `ticket:${held.number}-escalated`;
    const stored = { ...toCouchDoc({ ...held, id }) };
    const put = await district.couch.adminFetch(`/${stationDb}/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(stored) });
    const { rev } = (await put.json()) as { rev: string };
    const edited = { ...stored, _rev: rev, state: 'closed' };
    const app = checkWrite(edited, { ...stored, _rev: rev }, userCtx(villageA));
    expect(app).toMatchObject({ ok: false, reason: 'notHolder' });
    const server = await putAsStation(edited);
    expect(server.status).toBe(403);
    expect(server.reason).toBe(app.ok ? '' : app.message);
  });

  it('refuse changing an event once written, with the app’s explanation', async () => {
    const event = toCouchDoc({ ...district.demo.docs.ticketEvents.find((e) => e.byUnit === villageA && e.action !== 'report')!, by: userNameOf(villageA) });
    const created = await putAsStation(event);
    expect(created.status).toBe(201);
    const changed = { ...event, _rev: created.rev, note: '改写' };
    const app = checkWrite(changed, { ...event, _rev: created.rev }, userCtx(villageA));
    expect(app).toMatchObject({ ok: false, reason: 'createOnly' });
    const server = await putAsStation(changed);
    expect(server.status).toBe(403);
    expect(server.reason).toBe(app.ok ? '' : app.message);
  });

  it('refuse any delete by a station, with the app’s explanation', async () => {
    const ticket = toCouchDoc(ticketHeldBy(villageA));
    const stored = (await (await district.asUnit(villageA, `/${stationDb}/${encodeURIComponent(ticket._id)}`)).json()) as { _rev: string };
    const app = checkWrite({ _id: ticket._id, _rev: stored._rev, _deleted: true }, stored, userCtx(villageA));
    expect(app).toMatchObject({ ok: false, reason: 'deleteForbidden' });
    const res = await district.asUnit(villageA, `/${stationDb}/${encodeURIComponent(ticket._id)}?rev=${stored._rev}`, { method: 'DELETE' });
    const server = (await res.json()) as Refusal;
    expect(res.status).toBe(403);
    expect(server.reason).toBe(app.ok ? '' : app.message);
    // The ticket is still there.
    expect((await district.couch.adminFetch(`/${stationDb}/${encodeURIComponent(ticket._id)}`)).status).toBe(200);
  });

  it('refuse reference data from a station, with the app’s explanation', async () => {
    const grid = toCouchDoc(district.demo.docs.grids.find((g) => g.code === villageA)!);
    const app = checkWrite(grid, null, userCtx(villageA));
    expect(app).toMatchObject({ ok: false, reason: 'districtOnly' });
    const server = await putAsStation(grid);
    expect(server.status).toBe(403);
    expect(server.reason).toBe(app.ok ? '' : app.message);
  });
});
