import { describe, expect, it } from 'vitest';
import { DEMO_NOW_MS, generateDemoDistrict } from '../../../../district/demo';
import { demoShiftMs, shiftDates } from '../../../../renderer/demo/demoDates';
import { isOverdue, OPEN_STATES } from '../../../../core/workorders/orderClock';

const WEEK = 7 * 24 * 3_600_000;
const district = generateDemoDistrict({ towns: 1, villagesPerTown: 2, endsAt: DEMO_NOW_MS });
/** A fixed "today", a year and a half after the generator's end: what the demo page met. */
const TODAY = Date.parse('2026-12-05T04:00:00.000Z');

describe('the demo page’s dates', () => {
  it('move by whole weeks to end within the week before today, never after it', () => {
    const shift = demoShiftMs(DEMO_NOW_MS, TODAY);
    expect(shift % WEEK).toBe(0);
    expect(DEMO_NOW_MS + shift).toBeLessThanOrEqual(TODAY);
    expect(TODAY - (DEMO_NOW_MS + shift)).toBeLessThan(WEEK);
    expect(demoShiftMs(DEMO_NOW_MS, DEMO_NOW_MS - 1000)).toBe(0);
  });

  it('keep weekdays and times of day, and leave everything that is not a time alone', () => {
    const shift = demoShiftMs(DEMO_NOW_MS, TODAY);
    const [ticket] = shiftDates(district.docs.tickets.slice(0, 1), shift);
    const original = district.docs.tickets[0];
    expect(Date.parse(ticket.reportedAt) - Date.parse(original.reportedAt)).toBe(shift);
    expect(new Date(ticket.reportedAt).getUTCDay()).toBe(new Date(original.reportedAt).getUTCDay());
    expect(new Date(ticket.reportedAt).getUTCHours()).toBe(new Date(original.reportedAt).getUTCHours());
    // The statistics record's times move with the order's (at any depth).
    expect(Date.parse(ticket.stats!.states[0].at) - Date.parse(original.stats!.states[0].at)).toBe(shift);
    expect(ticket.stats!.reporter).toBe(original.stats!.reporter);
    expect({ ...ticket, reportedAt: '', lastEventAt: '', deadline: '', dispatchedAt: '', closedAt: '', updatedAt: '', createdAt: '', stats: undefined }).toEqual({
      ...original, reportedAt: '', lastEventAt: '', deadline: '', dispatchedAt: '', closedAt: '', updatedAt: '', createdAt: '', stats: undefined,
    });
    expect(shiftDates(original, 0)).toBe(original);
  });

  it('make today’s overdue orders as many as on the day the data was generated', () => {
    const shift = demoShiftMs(DEMO_NOW_MS, TODAY);
    const open = district.docs.tickets.filter((t) => OPEN_STATES.includes(t.state));
    const overdueThen = open.filter((t) => isOverdue(t, new Date(DEMO_NOW_MS).toISOString())).length;
    const overdueToday = shiftDates(open, shift).filter((t) => isOverdue(t, new Date(DEMO_NOW_MS + shift).toISOString())).length;
    expect(overdueToday).toBe(overdueThen);
    expect(overdueThen).toBeLessThan(open.length);
    // unshifted, a year on, every open order with a deadline is overdue
    expect(open.filter((t) => isOverdue(t, new Date(TODAY).toISOString())).length).toBeGreaterThan(overdueThen);
  });
});
