/**
 * The holder's desk folds other units' steps into an order, and never writes an order it does not
 * hold or from fewer events than the order was stored from; events and their order arrive in any
 * order. Each desk is a real RxDB database: the steps are written by one, then given to another
 * in the order a sync might bring them.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createTicket, performAction, type WorkorderStore } from '../../../../core/workorders/commands';
import { materializeTicket, startMaterializer } from '../../../../core/workorders/materializer';
import { orderOfReport, PROJECTED_FIELDS, replayTicket } from '../../../../core/workorders/projection';
import type { TicketDoc } from '../../../../core/schema';
import { checkWrite, roleOfUnit } from '../../../../core/rules';
import { generateDemoDistrict } from '../../../../district/demo';
import { advance, context, desk, draft, eventsOf, intercepted, otherDesk, returnedThenVoided, ticketOf, town, useDesks, village, type Desk } from '../../../support/workorderDesks';

useDesks();

/** The desk's collections, whose events queries answer `delay.ms` later (the order's reads are not slowed). */
function withSlowEventReads(db: Desk): { store: WorkorderStore; delay: { ms: number } } {
  const delay = { ms: 0 };
  const events = intercepted(db.events, 'find', (find) => ((...args: Parameters<typeof find>) => {
    const query = find(...args);
    return { exec: async () => (await new Promise((r) => setTimeout(r, delay.ms)), query.exec()) };
  }) as unknown as typeof find);
  return { store: { tickets: db.tickets, events }, delay };
}

const FILING = { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 };

/**
 * A village desk records an order and escalates it; a second desk holds the order as first
 * stored and every event: the escalate step arrived ahead of the order it made.
 */
async function escalationAhead() {
  const source = await desk();
  const { id } = await createTicket(source, draft, village, context);
  const reported = await ticketOf(source, id);
  await performAction(source, id, { action: 'escalate', note: '需镇里协调' }, village, context);
  const escalated = await ticketOf(source, id);
  const receiver = await desk();
  await receiver.tickets.insert(reported);
  await receiver.events.bulkInsert(await eventsOf(source, id));
  return { source, id, reported, escalated, receiver };
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

  it('(3) a desk that receives another desk’s handover before that desk’s order writes the same order, never a stale one', async () => {
    const { source, id, escalated, receiver: second } = await escalationAhead();
    expect(await materializeTicket(second, id, otherDesk)).toBe(true);
    // Whichever desk's write reaches the server second finds this same order there, and settles.
    const written = await ticketOf(second, id);
    for (const field of PROJECTED_FIELDS) expect(written[field as keyof TicketDoc], field).toEqual(escalated[field as keyof TicketDoc]);
    // Now the town's: this desk writes it no more.
    const [report] = await eventsOf(source, id);
    await second.events.insert({ ...report, id: `${id.replace('ticket:', 'ticketEvent:')}-town`, action: 'supervise', byUnit: town.unit, by: town.name, at: new Date(Date.parse(escalated.lastEventAt) + 60_000).toISOString(), payload: {} });
    expect(await materializeTicket(second, id, otherDesk)).toBe(false);
  });

  it('the town acting on an escalation whose order is still on its way records its step, and folds it in once the order arrives', async () => {
    const { id, reported, escalated, receiver: townDesk } = await escalationAhead();
    await performAction(townDesk, id, { action: 'file', payload: FILING }, town, context);
    // The stored order is still the village's: the server would refuse the town's write.
    expect(await ticketOf(townDesk, id)).toEqual(reported);
    expect((await eventsOf(townDesk, id)).map((e) => e.action).sort()).toEqual(['escalate', 'file', 'report']);

    await (await townDesk.tickets.findOne(id).exec())!.incrementalModify(() => escalated);
    expect(await materializeTicket(townDesk, id, town)).toBe(true);
    expect(await ticketOf(townDesk, id)).toMatchObject({ state: 'pendingDispatch', holderCode: town.unit, catalogItemCode: '03010001' });
  });

  it('an order that arrives while the steps waiting for it are being replayed is replayed again', async () => {
    const { id, escalated, receiver: townDesk } = await escalationAhead();
    // The replay reads the order, then its events: reading the events is made slow here, so the
    // order certainly changes in between (on a desk it happens when the order arrives then).
    const slow = withSlowEventReads(townDesk);
    const stop = startMaterializer(slow.store, town);
    try {
      await new Promise((r) => setTimeout(r, 300));
      slow.delay.ms = 1500;
      await performAction(townDesk, id, { action: 'file', payload: FILING }, town, context);
      await new Promise((r) => setTimeout(r, 600));
      await (await townDesk.tickets.findOne(id).exec())!.incrementalModify(() => escalated);
      await expect.poll(async () => (await ticketOf(townDesk, id)).state, { timeout: 3000 }).toBe('pendingDispatch');
    } finally {
      stop();
    }
  });

  it('a step recorded while the order was on its way is folded in when the order arrives, also after the desk restarted in between', async () => {
    const { id, reported, escalated, receiver: townDesk } = await escalationAhead();
    const first = startMaterializer(townDesk, town);
    await performAction(townDesk, id, { action: 'file', payload: FILING }, town, context);
    await new Promise((r) => setTimeout(r, 300));
    expect(await ticketOf(townDesk, id)).toEqual(reported);
    // A restart: the step is only an event, and nothing held in memory remembers it.
    await first();
    const second = startMaterializer(townDesk, town);
    try {
      await new Promise((r) => setTimeout(r, 300));
      await (await townDesk.tickets.findOne(id).exec())!.incrementalModify(() => escalated);
      await expect.poll(async () => (await ticketOf(townDesk, id)).state, { timeout: 3000 }).toBe('pendingDispatch');
    } finally {
      await second();
    }
  });

  it('a desk that lacks a step the order was stored from does not take it back when the town supervises', async () => {
    const first = await desk();
    const ticket = await createTicket(first, draft, village, context);
    await performAction(first, ticket.id, { action: 'file', payload: FILING }, village, context);
    await performAction(first, ticket.id, { action: 'dispatch', payload: { assignee: 'staff:w1' } }, village, context);
    advance(96 * 3_600_000);
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

  it('while it runs, a desk does not rebuild an order the other desk of its unit reported and whose order is still on its way', async () => {
    const source = await desk();
    const ticket = await createTicket(source, draft, village, context);
    const sibling = await desk();
    const stop = startMaterializer(sibling, otherDesk);
    try {
      await new Promise((r) => setTimeout(r, 200));
      await sibling.events.bulkInsert(await eventsOf(source, ticket.id));
      await new Promise((r) => setTimeout(r, 600));
      expect(await sibling.tickets.findOne(ticket.id).exec()).toBeNull();
    } finally {
      await stop();
    }
  });

  it('a desk that died after handing an order back writes the handover alone; the unit it went to folds in its own later steps', async () => {
    // The randomized run on CouchDB (seed 2): the town returned an escalated order and died
    // before its order was stored; the village, holding the return but not the order, voided it
    // (an event only). At its restart the town folded both into one write — held by the
    // village, voided — which the server refuses (a handover leaves the order in a handover
    // state), and the order stalled with the town's desk for good.
    const { villageDesk, townDesk, id, escalated, voidEvent } = await returnedThenVoided();
    // Killed before its order was stored: the town's desk holds the escalated order and the return.
    await (await townDesk.tickets.findOne(id).exec())!.incrementalPatch({ ...escalated });
    expect((await ticketOf(villageDesk, id)).state).toBe('pendingFiling');
    await townDesk.events.insert(voidEvent);

    expect(await materializeTicket(townDesk, id, town)).toBe(true);
    const handedBack = await ticketOf(townDesk, id);
    expect(handedBack).toMatchObject({ holderCode: village.unit, state: 'pendingFiling' });
    expect(handedBack.eventIds).not.toContain(voidEvent.id);
    expect(checkWrite(handedBack, escalated, { name: town.name, roles: [roleOfUnit(town.unit)] }).ok).toBe(true);

    // The village receives the order handed back and folds in its void.
    await (await villageDesk.tickets.findOne(id).exec())!.incrementalPatch({ ...handedBack });
    expect(await materializeTicket(villageDesk, id, village)).toBe(true);
    const voided = await ticketOf(villageDesk, id);
    expect(voided).toMatchObject({ holderCode: village.unit, state: 'voided' });
    expect(checkWrite(voided, handedBack, { name: village.name, roles: [roleOfUnit(village.unit)] }).ok).toBe(true);
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
