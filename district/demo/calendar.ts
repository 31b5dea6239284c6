/**
 * Time in the demo district: a fixed "now" (so output does not depend on the day the generator
 * runs) and a simple working-hour clock for deadlines.
 *
 * The clock is an approximation for demo data only: weekdays 09:00–17:00 China time, no public
 * holidays. The app's own working-day calendar decides real deadlines.
 */

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** China Standard Time has no daylight saving: a fixed +8 h. */
const CST_OFFSET_MS = 8 * HOUR_MS;
const OPEN_HOUR = 9;
const CLOSE_HOUR = 17;

/** Monday 30 June 2025, 17:00 China time: where the demo district's data ends by default. */
export const DEMO_NOW_MS = Date.UTC(2025, 5, 30, 9, 0, 0);

let nowMs = DEMO_NOW_MS;

/** The moment the demo's data ends: DEMO_NOW_MS unless a run asked for another (`withDemoNow`). */
export function demoNow(): number {
  return nowMs;
}

/** Runs one generation with its data ending at `endsAt` instead of the fixed default. */
export function withDemoNow<T>(endsAt: number, run: () => T): T {
  const previous = nowMs;
  nowMs = endsAt;
  try {
    return run();
  } finally {
    nowMs = previous;
  }
}

/**
 * 17:00 China time of the last weekday before `now`: a demo shown to people ends "yesterday",
 * so its deadlines and overdue orders look like a real station's, and stays the same all day.
 */
export function lastWorkdayClose(now: number = Date.now()): number {
  let dayStart = Math.floor((now + CST_OFFSET_MS) / DAY_MS) * DAY_MS - DAY_MS;
  while ([0, 6].includes(new Date(dayStart).getUTCDay())) dayStart -= DAY_MS;
  return dayStart + CLOSE_HOUR * HOUR_MS - CST_OFFSET_MS;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The instant `hours` working hours after `startMs`. */
export function addWorkingHours(startMs: number, hours: number): number {
  let remaining = hours * HOUR_MS;
  let local = startMs + CST_OFFSET_MS;
  for (;;) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const open = dayStart + OPEN_HOUR * HOUR_MS;
    const close = dayStart + CLOSE_HOUR * HOUR_MS;
    if (weekday !== 0 && weekday !== 6 && local < close) {
      const from = Math.max(local, open);
      if (remaining <= close - from) return from + remaining - CST_OFFSET_MS;
      remaining -= close - from;
    }
    local = dayStart + DAY_MS + OPEN_HOUR * HOUR_MS;
  }
}

/** A moment on a weekday during office hours, `daysAgo` calendar days before now (roughly). */
export function officeTimeDaysAgo(daysAgo: number, hourFraction: number): number {
  let dayStart = Math.floor((demoNow() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - daysAgo * DAY_MS;
  while ([0, 6].includes(new Date(dayStart).getUTCDay())) dayStart -= DAY_MS;
  const local = dayStart + (OPEN_HOUR - 0.5 + (CLOSE_HOUR - OPEN_HOUR) * hourFraction) * HOUR_MS;
  return Math.min(local - CST_OFFSET_MS, demoNow() - HOUR_MS);
}
