/**
 * Working-hour time limits: a catalog item allows N working hours from dispatch, so a deadline
 * skips nights, weekends and public holidays, and counts the make-up working days (调休) China
 * moves onto weekends around long holidays.
 *
 * The calendar is the district's to configure (its office hours, and each year's holiday
 * notice); `DEFAULT_CALENDAR` carries the State Council's 2025 and 2026 arrangements. All
 * arithmetic is in the district's wall-clock time at a fixed UTC offset (China has no daylight
 * saving), so a deadline is the same instant on every station whatever its OS time zone.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { z } from 'zod';
import { t } from '../i18n';

dayjs.extend(utc);

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** No time limit in the catalog reaches this far; a longer search means a broken calendar. */
const MAX_DAYS_SEARCHED = 3 * 366;

export interface WorkdayCalendarConfig {
  /** Office hours of a working day, local time, e.g. [{ start: '09:00', end: '12:00' }, …]. */
  periods: { start: string; end: string }[];
  /** Days of the week off (0 = Sunday … 6 = Saturday). */
  weekend: number[];
  /** Public holidays (YYYY-MM-DD): off even on a weekday. */
  holidays: string[];
  /** Make-up working days (调休, YYYY-MM-DD): worked even on a weekend. */
  workdays: string[];
  /** The district's offset from UTC in minutes (China: 480). */
  utcOffsetMinutes: number;
}

const dateList = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = dayjs.utc(from); !d.isAfter(dayjs.utc(to)); d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
  return days;
};

/** 国务院办公厅 holiday notices for 2025 and 2026; a district replaces or extends them. */
export const DEFAULT_CALENDAR: WorkdayCalendarConfig = {
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  weekend: [0, 6],
  holidays: [
    ...['2025-01-01'],
    ...dateList('2025-01-28', '2025-02-04'),
    ...dateList('2025-04-04', '2025-04-06'),
    ...dateList('2025-05-01', '2025-05-05'),
    ...dateList('2025-05-31', '2025-06-02'),
    ...dateList('2025-10-01', '2025-10-08'),
    ...dateList('2026-01-01', '2026-01-03'),
    ...dateList('2026-02-15', '2026-02-23'),
    ...dateList('2026-04-04', '2026-04-06'),
    ...dateList('2026-05-01', '2026-05-05'),
    ...dateList('2026-06-19', '2026-06-21'),
    ...dateList('2026-09-25', '2026-09-27'),
    ...dateList('2026-10-01', '2026-10-07'),
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  utcOffsetMinutes: 480,
};

export class CalendarConfigError extends Error {
  override readonly name = 'CalendarConfigError';
}

const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/);
const day = z.string().regex(/^[0-9]{4}-[01][0-9]-[0-3][0-9]$/).refine((value) => dayjs.utc(value).format('YYYY-MM-DD') === value);
const configSchema = z.object({
  periods: z.array(z.object({ start: clock, end: clock })).min(1),
  weekend: z.array(z.number().int().min(0).max(6)),
  holidays: z.array(day),
  workdays: z.array(day),
  utcOffsetMinutes: z.number().int().min(-720).max(840),
});

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A district's calendar from JSON (a config file or doc), or a CalendarConfigError in Chinese. */
export function parseCalendarConfig(value: unknown): WorkdayCalendarConfig {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.')).join('、');
    throw new CalendarConfigError(t('workorders:calendar.badConfig', { where }));
  }
  const periods = [...parsed.data.periods].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let i = 0; i < periods.length; i++) {
    const { start, end } = periods[i];
    if (minutesOf(end) <= minutesOf(start) || (i > 0 && minutesOf(start) < minutesOf(periods[i - 1].end))) {
      throw new CalendarConfigError(t('workorders:calendar.badPeriod', { period: `${start}–${end}` }));
    }
  }
  return { ...parsed.data, periods };
}

export class WorkdayCalendar {
  private readonly offsetMs: number;
  private readonly periods: { start: number; end: number }[];
  private readonly weekend: Set<number>;
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;

  constructor(config: WorkdayCalendarConfig = DEFAULT_CALENDAR) {
    const valid = parseCalendarConfig(config);
    this.offsetMs = valid.utcOffsetMinutes * MINUTE_MS;
    this.periods = valid.periods.map((p) => ({ start: minutesOf(p.start) * MINUTE_MS, end: minutesOf(p.end) * MINUTE_MS }));
    this.weekend = new Set(valid.weekend);
    this.holidays = new Set(valid.holidays);
    this.workdays = new Set(valid.workdays);
  }

  /** Decided days, by local day start: countdowns of a few hundred overdue orders re-ask often. */
  private readonly dayCache = new Map<number, boolean>();

  /** Whether the local calendar day that starts at `localDayStart` (ms, shifted) is worked. */
  private isWorkingLocalDay(localDayStart: number): boolean {
    const cached = this.dayCache.get(localDayStart);
    if (cached !== undefined) return cached;
    const date = new Date(localDayStart);
    const key = date.toISOString().slice(0, 10);
    const working = this.workdays.has(key) || (!this.holidays.has(key) && !this.weekend.has(date.getUTCDay()));
    this.dayCache.set(localDayStart, working);
    return working;
  }

  /** Is the date (YYYY-MM-DD, or the local day of an instant) a working day? */
  isWorkday(date: string | Date): boolean {
    const local = typeof date === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : toMs(date) + this.offsetMs;
    return this.isWorkingLocalDay(Math.floor(local / DAY_MS) * DAY_MS);
  }

  /** The instant `hours` working hours after `start`. */
  addWorkingHours(start: string | Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a non-negative number, got ${hours}`);
    let remaining = Math.round(hours * HOUR_MS);
    let local = toMs(start) + this.offsetMs;
    for (let days = 0; days <= MAX_DAYS_SEARCHED; days++) {
      const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
      if (this.isWorkingLocalDay(dayStart)) {
        for (const period of this.periods) {
          const from = Math.max(local, dayStart + period.start);
          const until = dayStart + period.end;
          if (from >= until) continue;
          if (remaining <= until - from) return new Date(from + remaining - this.offsetMs);
          remaining -= until - from;
          local = until;
        }
      }
      local = dayStart + DAY_MS;
    }
    throw new CalendarConfigError(t('workorders:calendar.noWorkdays', { days: String(MAX_DAYS_SEARCHED) }));
  }

  /** Working hours from `from` to `to`; negative when `to` is earlier. */
  workingHoursBetween(from: string | Date, to: string | Date): number {
    const a = toMs(from);
    const b = toMs(to);
    if (b < a) return -this.workingHoursBetween(to, from);
    let total = 0;
    const localEnd = b + this.offsetMs;
    for (let dayStart = Math.floor((a + this.offsetMs) / DAY_MS) * DAY_MS; dayStart < localEnd; dayStart += DAY_MS) {
      if (!this.isWorkingLocalDay(dayStart)) continue;
      for (const period of this.periods) {
        const from = Math.max(a + this.offsetMs, dayStart + period.start);
        const until = Math.min(localEnd, dayStart + period.end);
        if (until > from) total += until - from;
      }
    }
    return total / HOUR_MS;
  }

  /** The deadline of an order dispatched at `dispatchedAt` under a `timeLimitHours` item. */
  deadlineOf(dispatchedAt: string | Date, timeLimitHours: number): string {
    return this.addWorkingHours(dispatchedAt, timeLimitHours).toISOString();
  }
}

function toMs(value: string | Date): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${String(value)}`);
  return ms;
}

export interface Countdown {
  kind: 'none' | 'left' | 'overdue' | 'closedOnTime' | 'closedLate';
  /** Working hours left (positive) or overdue (positive), for `left` / `overdue`. */
  hours: number;
}

/** What an order's clock says now: working hours left, overdue by, or how it was closed. */
export function countdownOf(
  ticket: { deadline: string; state: string; onTime?: boolean; closedAt?: string },
  now: Date,
  calendar: WorkdayCalendar,
): Countdown {
  if (ticket.state === 'closed') return { kind: ticket.onTime === false ? 'closedLate' : 'closedOnTime', hours: 0 };
  if (ticket.deadline === '' || ticket.state === 'voided') return { kind: 'none', hours: 0 };
  if (now.getTime() > Date.parse(ticket.deadline)) return { kind: 'overdue', hours: calendar.workingHoursBetween(ticket.deadline, now) };
  return { kind: 'left', hours: calendar.workingHoursBetween(now, ticket.deadline) };
}
