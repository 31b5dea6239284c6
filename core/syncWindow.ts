/**
 * What flows down to a workstation over the years: the sync window.
 *
 * A busy town's desk receives every order of its villages, about 50,000 a year with five or so
 * steps each; without a window a desk set up in its fifth year would first store a quarter of a
 * million orders it will never open. With the district's `syncWindowMonths` setting (N > 0), a
 * desk keeps:
 * - every order still open, however old (a desk must be able to act on it);
 * - every order settled (closed or voided) within the window;
 * - every step taken within the window;
 * - every other kind of doc (grids, staff, cases, settings …), all of them small in number.
 * Older settled orders and older steps stay on the server, and are fetched when someone opens
 * one (sync/stationSync.ts `fetchFromServer`). The window starts on the first day of the month
 * N months back (China time), so 本年, 本季度 and 上月 always lie inside a 12-month window.
 *
 * An order's replay needs no step older than its stored state (core/workorders/projection.ts
 * starts from the ticket when the report is absent), so a missing old step changes nothing but
 * the history shown, which the order page fetches.
 *
 * The window only moves forward, so a desk never lacks a doc an earlier session's window
 * included; what a desk already has stays (nothing is purged locally).
 */
import { monthPeriod } from './stats/period';

/** CouchDB's `_selector` filter (Mango), which pouchdb-server's `_changes` also applies. */
export type PullSelector = Record<string, unknown>;

const SETTLED_STATES = ['closed', 'voided'];

/** The first instant inside a window of `months` months (0 or less: null, no window). */
export function syncWindowStart(months: number | undefined, now: Date = new Date()): string | null {
  if (months === undefined || !Number.isInteger(months) || months <= 0) return null;
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const index = local.getUTCFullYear() * 12 + local.getUTCMonth() - months;
  const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return monthPeriod(month).from;
}

/** The `_changes` selector of a window starting at `start`: everything but what it leaves on the server. */
export function syncWindowSelector(start: string): PullSelector {
  return {
    $nor: [
      { type: 'ticketEvent', at: { $lt: start } },
      { type: 'ticket', state: { $in: SETTLED_STATES }, updatedAt: { $lt: start } },
    ],
  };
}

/** The `_changes` selector the district's settings ask for at `now` (null: no window). */
export function pullSelectorOf(settings: { syncWindowMonths?: number }, now: Date = new Date()): PullSelector | null {
  const start = syncWindowStart(settings.syncWindowMonths, now);
  return start === null ? null : syncWindowSelector(start);
}

/** The same rule in code: true for a doc the window leaves on the server. */
export function outsideSyncWindow(doc: { type?: unknown; at?: unknown; state?: unknown; updatedAt?: unknown }, start: string): boolean {
  if (doc.type === 'ticketEvent') return typeof doc.at === 'string' && doc.at < start;
  if (doc.type === 'ticket') return SETTLED_STATES.includes(String(doc.state)) && typeof doc.updatedAt === 'string' && doc.updatedAt < start;
  return false;
}
