/**
 * The demo district is generated once, with its data ending at a fixed moment (so the generator
 * stays deterministic and its tests do not change with the calendar). Shown on `?demo=1` as is,
 * a year later every open order read 超期 368 个工作日. The page moves every time in it forward
 * by whole weeks, so the data ends in the week before today: weekdays stay weekdays and office
 * hours stay office hours, deadlines and overdue counts look like a real station's.
 */

const WEEK_MS = 7 * 24 * 3_600_000;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Whole weeks that bring `endsAt` to within the last week before `now` (never past it). */
export function demoShiftMs(endsAt: number, now: number): number {
  return Math.max(0, Math.floor((now - endsAt) / WEEK_MS)) * WEEK_MS;
}

/** `value` with every ISO time in it (at any depth) moved by `shiftMs`; the rest untouched. */
export function shiftDates<T>(value: T, shiftMs: number): T {
  if (shiftMs === 0) return value;
  return move(value, shiftMs) as T;
}

function move(value: unknown, shiftMs: number): unknown {
  if (typeof value === 'string') return ISO_TIME.test(value) ? new Date(Date.parse(value) + shiftMs).toISOString() : value;
  if (Array.isArray(value)) return value.map((item) => move(item, shiftMs));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, move(item, shiftMs)]));
  return value;
}
