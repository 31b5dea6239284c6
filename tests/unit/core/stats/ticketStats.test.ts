/**
 * The statistics record the projection keeps on the ticket (core/workorders/orderStats.ts)
 * answers every moment exactly as the replay of the order's events up to that moment does: on
 * the hand-worked fixture and on a generated demo district, at every event's time and just
 * around it. Orders without the record, or whose ticket lags its events, are replayed and counted.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf, inPeriodFacts } from '../../../../core/stats/indicators';
import { orderFactsOf, ordersFactsOf, type FactsContext } from '../../../../core/stats/orderFacts';
import { monthPeriod } from '../../../../core/stats/period';
import type { EventDoc, TicketDoc } from '../../../../core/schema';
import { replayTicket } from '../../../../core/workorders/projection';
import { WorkdayCalendar } from '../../../../core/workorders/workdayCalendar';
import { generateDemoDistrict } from '../../../../district/demo';
import { cst, departmentKind, fixtureEvents, fixtureTickets, VILLAGE_A } from './statsFixture';

const calendar = new WorkdayCalendar();
const context = (asOf: string, kind: FactsContext['departmentKind'] = departmentKind): FactsContext => ({ calendar, asOf: new Date(asOf), departmentKind: kind });

function project(tickets: readonly TicketDoc[], events: readonly EventDoc[]): TicketDoc[] {
  return tickets.map((t) => replayTicket(t, events).ticket);
}

/** Every event's time, a millisecond before and after it. */
function momentsOf(events: readonly EventDoc[]): string[] {
  const out = new Set<string>();
  for (const e of events) for (const d of [-1, 0, 1]) out.add(new Date(Date.parse(e.at) + d).toISOString());
  return [...out].sort();
}

function replayedFacts(tickets: readonly TicketDoc[], events: readonly EventDoc[], ctx: FactsContext) {
  return tickets.flatMap((t) => {
    const f = orderFactsOf(t, events, ctx);
    return f ? [f] : [];
  });
}

describe('the ticket\'s statistics record', () => {
  const projected = project(fixtureTickets, fixtureEvents);

  it('is written by the projection for every fixture order, with its facts\' times', () => {
    expect(projected.every((t) => t.stats?.v === 1)).toBe(true);
    const reworked = projected.find((t) => (t.stats?.reworkAt.length ?? 0) > 0)!;
    expect(reworked.stats!.reworkAt.length).toBeGreaterThan(0);
    expect(projected.some((t) => t.stats?.escalatedAt !== undefined)).toBe(true);
  });

  it('gives, at every moment, the facts the replay of the events up to it gives (fixture), without replaying', () => {
    const moments = momentsOf(fixtureEvents);
    expect(moments.length).toBeGreaterThan(60);
    for (const moment of moments) {
      const tally = { replayed: 0 };
      const fromRecord = ordersFactsOf(projected, fixtureEvents, context(moment), tally);
      expect(tally.replayed, moment).toBe(0);
      expect(fromRecord, moment).toEqual(replayedFacts(fixtureTickets, fixtureEvents, context(moment)));
    }
  });

  it('keeps the hand-worked October figures of 10 November exact', () => {
    const asOf = cst('2026-11-10 00:00');
    const fromRecord = figuresOf(inPeriodFacts(ordersFactsOf(projected, fixtureEvents, context(asOf)), monthPeriod('2026-10')));
    expect(fromRecord.counts).toMatchObject({ reports: 7, voided: 1, valid: 6, selfHandled: 1, closed: 5, dispatched: 5, fedBack: 4, extended: 1 });
    expect(fromRecord.counts).toMatchObject({ levelVillage: 4, levelTown: 1, levelDistrict: 0, levelEnforcement: 1 });
    expect(fromRecord).toEqual(figuresOf(inPeriodFacts(ordersFactsOf(fixtureTickets, fixtureEvents, context(asOf)), monthPeriod('2026-10'))));
  });

  it('equals the replay on a generated district at every event time, per order', () => {
    const demo = generateDemoDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 60, casesPerVillage: 0, componentsPerVillage: 0, staffPerVillage: 2 });
    const kinds = new Map(demo.docs.departments.map((d) => [d.code, d.kind]));
    const kind = (code: string) => kinds.get(code);
    const { tickets, ticketEvents } = demo.docs;
    expect(tickets.every((t) => t.stats !== undefined)).toBe(true);
    const bare = tickets.map(({ stats: _stats, ...t }) => t as TicketDoc);
    const byOrder = new Map<string, EventDoc[]>();
    for (const e of ticketEvents) byOrder.set(e.subjectId, [...(byOrder.get(e.subjectId) ?? []), e]);
    let compared = 0;
    for (const [i, ticket] of tickets.entries()) {
      const events = byOrder.get(ticket.id) ?? [];
      for (const moment of momentsOf(events)) {
        const ctx = context(moment, kind);
        expect(ordersFactsOf([ticket], events, ctx), `${ticket.number} ${moment}`).toEqual(replayedFacts([bare[i]], events, ctx));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('is not used when the ticket has not folded every event here: that order is replayed, and counted', () => {
    const order = projected.find((t) => t.id === `ticket:GD${VILLAGE_A}O5`)!;
    const events = fixtureEvents.filter((e) => e.subjectId === order.id);
    const lagging = replayTicket(fixtureTickets.find((t) => t.id === order.id)!, events.slice(0, 2)).ticket;
    expect(lagging.stats).toBeDefined();
    const tally = { replayed: 0 };
    const asOf = cst('2026-11-30 00:00');
    const [facts] = ordersFactsOf([lagging], events, context(asOf), tally);
    expect(tally.replayed).toBe(1);
    expect(facts).toEqual(orderFactsOf(order, events, context(asOf)));
    expect(facts.escalated).toBe(true);
  });

  it('is left off an order whose steps were folded out of time order', () => {
    const order = projected.find((t) => t.id === `ticket:GD${VILLAGE_A}O5`)!;
    const events = fixtureEvents.filter((e) => e.subjectId === order.id);
    // The holder committed the last step first (an offline desk's step arriving late).
    const committed = [events[0].id, events[events.length - 1].id, ...events.slice(1, -1).map((e) => e.id)];
    const { ticket } = replayTicket({ ...order, eventIds: committed }, events);
    expect(ticket.stats).toBeUndefined();
  });
});
