/**
 * Report periods in the district's time (China, UTC+8, no daylight saving): 本月, 上月, 本季度,
 * 本年 or any range of days. A period is [from, to) as ISO instants, so a figure computed on a
 * station in any OS time zone, and by the district's CouchDB views, falls in the same month.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface Period {
  /** Inclusive, ISO instant. */
  from: string;
  /** Exclusive, ISO instant. */
  to: string;
}

export const PERIOD_CHOICES = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'range'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** The instant local midnight starts the given local date (month 0-based, may overflow). */
function localStart(year: number, month: number, day = 1): string {
  return new Date(Date.UTC(year, month, day) - OFFSET_MS).toISOString();
}

function localParts(at: Date): { year: number; month: number } {
  const local = new Date(at.getTime() + OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() };
}

/** The month `YYYY-MM` (China time) an instant falls in: the month key of the views too. */
export function monthOf(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 7);
}

/** The local date `YYYY-MM-DD` of an instant. */
export function dayOf(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar month `YYYY-MM` as a period. */
export function monthPeriod(month: string): Period {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month (YYYY-MM): "${month}"`);
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return { from: localStart(year, index), to: localStart(year, index + 1) };
}

/** Days `from`..`to` (YYYY-MM-DD, both included) as a period. */
export function rangePeriod(from: string, to: string): Period {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) throw new RangeError(`not a range of days: ${from} – ${to}`);
  return { from: new Date(start - OFFSET_MS).toISOString(), to: new Date(end + DAY_MS - OFFSET_MS).toISOString() };
}

/** 本月, 上月, 本季度 or 本年 around `now`. */
export function periodOf(choice: Exclude<PeriodChoice, 'range'>, now: Date = new Date()): Period {
  const { year, month } = localParts(now);
  switch (choice) {
    case 'thisMonth':
      return { from: localStart(year, month), to: localStart(year, month + 1) };
    case 'lastMonth':
      return { from: localStart(year, month - 1), to: localStart(year, month) };
    case 'thisQuarter': {
      const first = Math.floor(month / 3) * 3;
      return { from: localStart(year, first), to: localStart(year, first + 3) };
    }
    case 'thisYear':
      return { from: localStart(year, 0), to: localStart(year + 1, 0) };
  }
}

/** The period's first and last local day, for titles: ['2026-11-01', '2026-11-30']. */
export function periodDays(period: Period): [string, string] {
  return [dayOf(period.from), dayOf(new Date(Date.parse(period.to) - 1).toISOString())];
}

export function inPeriod(iso: string, period: Period): boolean {
  const at = Date.parse(iso);
  return at >= Date.parse(period.from) && at < Date.parse(period.to);
}
