import { describe, expect, it } from 'vitest';
import { closedOnTime } from '../../../../core/workorders/orderClock';
import { CalendarConfigError, countdownOf, DEFAULT_CALENDAR, parseCalendarConfig, WorkdayCalendar } from '../../../../core/workorders/workdayCalendar';

/** China time (UTC+8) written as such, so the cases read like a clerk's calendar. */
const cst = (local: string) => new Date(`${local}+08:00`);
const calendar = new WorkdayCalendar();

describe('working-hour deadlines', () => {
  it('an 8-hour limit from Friday afternoon ends on Monday afternoon, skipping the weekend and the lunch break', () => {
    // Fri 15:00–18:00 (3 h), Mon 09:00–12:00 (3 h), 13:00–15:00 (2 h)
    expect(calendar.addWorkingHours(cst('2025-06-13T15:00:00'), 8)).toEqual(cst('2025-06-16T15:00:00'));
  });

  it('the May Day holiday is skipped: dispatched the afternoon before, due on the first day back', () => {
    // Wed 30 Apr 16:00–18:00 (2 h), 1–5 May off, Tue 6 May 09:00–12:00 (3 h) + 13:00–16:00 (3 h)
    expect(calendar.addWorkingHours(cst('2025-04-30T16:00:00'), 8)).toEqual(cst('2025-05-06T16:00:00'));
  });

  it('a make-up working Saturday (调休) counts, the Spring Festival does not', () => {
    // Fri 7 Feb 17:00–18:00 (1 h), Sat 8 Feb is worked: 09:00–12:00 (3 h)
    expect(calendar.addWorkingHours(cst('2025-02-07T17:00:00'), 4)).toEqual(cst('2025-02-08T12:00:00'));
    // Mon 27 Jan 17:00–18:00 (1 h), 28 Jan – 4 Feb off, Wed 5 Feb 09:00–11:00
    expect(calendar.addWorkingHours(cst('2025-01-27T17:00:00'), 3)).toEqual(cst('2025-02-05T11:00:00'));
  });

  it('an order reported at night starts its clock next morning', () => {
    expect(calendar.addWorkingHours(cst('2025-06-16T22:30:00'), 2)).toEqual(cst('2025-06-17T11:00:00'));
  });

  it('working hours between two instants undo the deadline arithmetic', () => {
    const start = cst('2025-09-30T10:15:00');
    for (const hours of [1, 8, 24, 72, 120]) {
      const due = calendar.addWorkingHours(start, hours);
      expect(calendar.workingHoursBetween(start, due)).toBeCloseTo(hours, 6);
      expect(calendar.workingHoursBetween(due, start)).toBeCloseTo(-hours, 6);
    }
  });

  it('is the same instant whatever time zone the workstation runs in', () => {
    expect(calendar.deadlineOf('2025-06-13T07:00:00.000Z', 8)).toBe('2025-06-16T07:00:00.000Z');
  });
});

describe('the district decides its calendar', () => {
  it('a district holiday and its own office hours move deadlines', () => {
    const local = new WorkdayCalendar({ ...DEFAULT_CALENDAR, periods: [{ start: '08:30', end: '17:30' }], holidays: [...DEFAULT_CALENDAR.holidays, '2025-06-16'] });
    expect(local.isWorkday('2025-06-16')).toBe(false);
    expect(local.addWorkingHours(cst('2025-06-13T16:30:00'), 2)).toEqual(cst('2025-06-17T09:30:00'));
  });

  it('a broken calendar is refused with a message naming the problem', () => {
    expect(() => parseCalendarConfig({ ...DEFAULT_CALENDAR, holidays: ['2025-02-30'] })).toThrow(CalendarConfigError);
    expect(() => parseCalendarConfig({ ...DEFAULT_CALENDAR, holidays: ['2025-02-30'] })).toThrow('工作日历配置有误：holidays.0。');
    expect(() => parseCalendarConfig({ ...DEFAULT_CALENDAR, periods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }] })).toThrow('工作时段「11:00–17:00」有误');
    const never = new WorkdayCalendar({ ...DEFAULT_CALENDAR, weekend: [0, 1, 2, 3, 4, 5, 6], workdays: [] });
    expect(() => never.addWorkingHours(cst('2025-06-13T09:00:00'), 1)).toThrow('没有任何工作时间');
  });
});

describe('countdown and closing on time', () => {
  const order = { deadline: cst('2025-06-16T15:00:00').toISOString(), state: 'handling' };

  it('counts working hours left, then overdue, never weekend hours', () => {
    expect(countdownOf(order, cst('2025-06-13T15:00:00'), calendar)).toEqual({ kind: 'left', hours: 8 });
    expect(countdownOf(order, cst('2025-06-14T12:00:00'), calendar)).toEqual({ kind: 'left', hours: 5 });
    expect(countdownOf(order, cst('2025-06-17T10:00:00'), calendar)).toEqual({ kind: 'overdue', hours: 4 });
  });

  it('says 按期 or 超期 once closed, and nothing before dispatch', () => {
    expect(countdownOf({ ...order, state: 'closed', onTime: true }, new Date(), calendar).kind).toBe('closedOnTime');
    expect(countdownOf({ ...order, state: 'closed', onTime: false }, new Date(), calendar).kind).toBe('closedLate');
    expect(countdownOf({ deadline: '', state: 'pendingDispatch' }, new Date(), calendar).kind).toBe('none');
    expect(closedOnTime(order.deadline, cst('2025-06-16T15:00:00').toISOString())).toBe(true);
    expect(closedOnTime(order.deadline, cst('2025-06-16T15:00:01').toISOString())).toBe(false);
  });
});
