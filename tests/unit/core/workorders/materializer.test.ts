/**
 * The holder's desk folds other units' steps into an order, and never writes an order it does not
 * hold or from fewer events than the order was stored from; events and their order arrive in any
 * order. Each desk is a real RxDB database: the steps are written by one, then given to another
 * in the order a sync might bring them.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type PartialGridlinkDatabase } from '../../../../sync/database';
import type { EventDoc, TicketDoc } from '../../../../core/schema';
import { createTicket, performAction, type TicketDraft, type WorkorderActor } from '../../../../core/workorders/commands';
import { materializeTicket, startMaterializer } from '../../../../core/workorders/materializer';
import { orderOfReport, PROJECTED_FIELDS, replayTicket } from '../../../../core/workorders/projection';
import { WorkdayCalendar } from '../../../../core/workorders/workdayCalendar';
import { generateDemoDistrict } from '../../../../district/demo';

const village: WorkorderActor = { unit: '320506001001', name: 'station-320506001001' };
const otherDesk: WorkorderActor = { unit: '320506001001', name: 'station-320506001001-2' };
const town: WorkorderActor = { unit: '320506001', name: 'town-320506001' };

let clock = Date.parse('2025-06-13T07:00:00Z');
const context = { calendar: new WorkdayCalendar(), now: () => new Date((clock += 60_000)) };
const draft: TicketDraft = {
  source: 'patrol',
  gridCode: '320506001001001',
  location: { lng: 120.6, lat: 31.3 },
  address: '木渎镇金山路 18 号',
  description: '宿舍群租，消防隐患',
  reporterName: '王网格',
  reporterPhone: '',
  priority: 'urgent',
  photoIds: [],
};

type Desk = PartialGridlinkDatabase<'tickets' | 'events'>;
const desks: Desk[] = [];
async function desk(): Promise<Desk> {
  const db = await openDatabase({ name: `mat-${Date.now()}-${Math.random()}`, collections: ['tickets', 'events'] });
  desks.push(db);
  return db;
}
beforeEach(() => {
  clock = Date.parse('2025-06-13T07:00:00Z');
});
afterEach(async () => {
  await Promise.all(desks.splice(0).map((db) => db.close()));
});

const json = <T>(docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as T);
async function eventsOf(db: Desk, id: string): Promise<EventDoc[]> {
  return json<EventDoc>(await db.events.find({ selector: { subjectId: id } }).exec());
}
async function ticketOf(db: Desk, id: string): Promise<TicketDoc> {
  return (await db.tickets.findOne(id).exec())!.toJSON() as TicketDoc;
}

describe('the holder folds in other units’ steps, and only what it may', () => {
  it('(4) the town does not undo an escalation whose order and report arrived before the escalate step', async () => {
    const source = await desk();
    const ticket = await createTicket(source, draft, village, context);
    await performAction(source, ticket.id, { action: 'escalate', note: '需镇里协调' }, village, context);
    const [report, escalate] = (await eventsOf(source, ticket.id)).sort((a, b) => a.at.localeCompare(b.at));
    const escalated = await ticketOf(source, ticket.id);

    const townDesk = await desk();
    await townDesk.tickets.insert(escalated);
    await townDesk.events.insert(report);
    expect(await materializeTicket(townDesk, ticket.id, town)).toBe(false);
    expect((await ticketOf(townDesk, ticket.id)).holderCode).toBe(town.unit);
    await townDesk.events.insert(escalate);
    expect(await materializeTicket(townDesk, ticket.id, town)).toBe(false);
    expect((await ticketOf(townDesk, ticket.id)).holderCode).toBe(town.unit);
  });

  it('(3) a desk does not write an order another desk of its unit handed on, whose step arrived before the order', async () => {
    const first = await desk();
    const ticket = await createTicket(first, draft, village, context);
    const stale = await ticketOf(first, ticket.id);
    await performAction(first, ticket.id, { action: 'escalate', note: '需镇里协调' }, village, context);

    const second = await desk();
    await second.tickets.insert(stale);
    await second.events.bulkInsert(await eventsOf(first, ticket.id));
    expect(await materializeTicket(second, ticket.id, otherDesk)).toBe(false);
    expect(await ticketOf(second, ticket.id)).toEqual(stale);
  });

  it('a desk that lacks a step the order was stored from does not take it back when the town supervises', async () => {
    const first = await desk();
    const ticket = await createTicket(first, draft, village, context);
    await performAction(first, ticket.id, { action: 'file', payload: { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 } }, village, context);
    await performAction(first, ticket.id, { action: 'dispatch', payload: { assignee: 'staff:w1' } }, village, context);
    clock += 96 * 3_600_000;
    await performAction(first, ticket.id, { action: 'supervise', note: '请加快' }, town, context);
    const all = await eventsOf(first, ticket.id);
    // The second desk got the order as stored after dispatch, the report and the 督办, not the
    // filing or the dispatch themselves yet.
    const second = await desk();
    const dispatched = { ...(await ticketOf(first, ticket.id)) };
    await second.tickets.insert(dispatched);
    await second.events.bulkInsert(all.filter((e) => e.action === 'report' || e.action === 'supervise'));
    expect(await materializeTicket(second, ticket.id, otherDesk)).toBe(false);
    expect((await ticketOf(second, ticket.id)).state).toBe('handling');
    // Acting on it is refused until the steps are here, rather than acted on fewer of them.
    await expect(performAction(second, ticket.id, { action: 'feedback', note: '已处置' }, otherDesk, context)).rejects.toThrow('正在从服务器同步');
    await second.events.bulkInsert(all.filter((e) => e.action !== 'report' && e.action !== 'supervise'));
    expect(await materializeTicket(second, ticket.id, otherDesk)).toBe(true);
    expect(await ticketOf(second, ticket.id)).toMatchObject({ state: 'handling', supervised: true });
  });

  it('(5) a desk that died between storing a new order’s events and the order rebuilds it at its next start; a refused one is not rebuilt', async () => {
    const source = await desk();
    const ticket = await createTicket(source, draft, village, context);
    await performAction(source, ticket.id, { action: 'escalate', note: '需镇里协调' }, village, context);
    const crashed = await desk();
    await crashed.events.bulkInsert(await eventsOf(source, ticket.id));
    const stop = startMaterializer(crashed, village);
    try {
      await expect.poll(async () => (await crashed.tickets.findOne(ticket.id).exec())?.holderCode ?? null, { timeout: 3000 }).toBe(town.unit);
      const rebuilt = await ticketOf(crashed, ticket.id);
      const original = await ticketOf(source, ticket.id);
      for (const field of [...PROJECTED_FIELDS, 'description', 'address', 'number', 'gridCode']) expect(rebuilt[field as keyof TicketDoc], field).toEqual(original[field as keyof TicketDoc]);
    } finally {
      stop();
    }
    // The server refused this one: its copy here is deleted (the refusal waits in quarantine).
    const refused = await desk();
    await refused.events.bulkInsert(await eventsOf(source, ticket.id));
    await refused.tickets.insert(await ticketOf(source, ticket.id));
    await (await refused.tickets.findOne(ticket.id).exec())!.remove();
    expect(await materializeTicket(refused, ticket.id, village)).toBe(false);
    expect(await refused.tickets.findOne(ticket.id).exec()).toBeNull();
  });

  it('an order is a function of the set of its events, whatever order they arrive in', () => {
    const demo = generateDemoDistrict({ towns: 1, villagesPerTown: 1, ticketsPerVillage: 40, casesPerVillage: 0, componentsPerVillage: 0, staffPerVillage: 1 });
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const ticket of demo.docs.tickets) {
      const events = demo.docs.ticketEvents.filter((e) => e.subjectId === ticket.id);
      const base = orderOfReport(events.find((e) => e.action === 'report')!)!;
      for (let round = 0; round < 3; round++) {
        const shuffled = [...events].sort(() => random() - 0.5);
        const { ticket: projected } = replayTicket(base, shuffled);
        for (const field of PROJECTED_FIELDS) expect(projected[field as keyof TicketDoc], `${ticket.number} ${field}`).toEqual(ticket[field as keyof TicketDoc]);
      }
    }
  });
});
