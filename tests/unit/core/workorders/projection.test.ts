import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../district/demo';
import { projectTicket } from '../../../../core/workorders/projection';
import type { EventDoc, TicketDoc } from '../../../../core/schema';

describe('a work order as the projection of its events', () => {
  const district = generateDemoDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 60 });
  const eventsOf = new Map<string, EventDoc[]>();
  for (const event of district.docs.ticketEvents) eventsOf.set(event.subjectId, [...(eventsOf.get(event.subjectId) ?? []), event]);

  it('rebuilds every demo order’s state, holder and last step from its events alone', () => {
    for (const ticket of district.docs.tickets) {
      const blank: TicketDoc = { ...ticket, state: 'pendingFiling', holderCode: '', lastEventAt: ticket.reportedAt, supervised: undefined, closedAt: undefined };
      const projected = projectTicket(blank, eventsOf.get(ticket.id) ?? []);
      expect({ id: ticket.id, state: projected.state, holder: projected.holderCode, last: projected.lastEventAt }).toEqual({
        id: ticket.id, state: ticket.state, holder: ticket.holderCode, last: ticket.lastEventAt,
      });
    }
  });
});
