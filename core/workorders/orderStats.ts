/**
 * What the statistics need of an order, derived once from its replay and kept on the ticket
 * (`ticket.stats`): how far up it went, when it was escalated, extended, supervised, reworked,
 * first dispatched and first fed back, its handling time in working hours, and the state it was
 * in after each step. Each fact carries the time it became true, so the figures of any moment
 * (a past month's report made today) are read off the ticket without replaying its events:
 * core/stats/orderFacts.ts reads them with `statsAt` (and builds the same record from a replay
 * for an order written before its ticket carried it), and the district's views emit them
 * (district/reportViews.ts). One fold, here, defines them all.
 *
 * Kept only when its facts answer every moment exactly: the order's history starts with its
 * report and its steps were folded in time order (a fold out of time order, e.g. an offline
 * desk's step committed after a later one, makes "the events up to a moment" something other
 * than a prefix of the fold). Otherwise the ticket carries no `stats` and the figures replay it.
 */
import type { TicketDoc, TicketState } from '../schema';
import { resolveAction, type Loop } from './stateMachine';
import { WorkdayCalendar } from './workdayCalendar';

/** The definition's version: a reader falls back to the replay for a record of another. */
export const ORDER_STATS_VERSION = 1;

/** The calendar the stored handling hours are counted in: the app's (useWorkorderSession). */
export const STATS_CALENDAR = new WorkdayCalendar();

/** The order's state after a step, as far as the figures read it. */
export interface StatsState {
  /** When (ISO, UTC `Z`: compared as text). */
  at: string;
  state: TicketState;
  deadline: string;
  departmentCode?: string;
  closedAt?: string;
  onTime?: boolean;
  selfHandled?: boolean;
}

export type TicketStats = NonNullable<TicketDoc['stats']>;

/** A replayed step, as ./projection folds it: the event and the loop after it (when effective). */
export interface StatsStep {
  event: { at: string; action: string; payload?: unknown };
  after?: Loop;
}

const utc = (iso: string): string => new Date(Date.parse(iso)).toISOString();

function stateOf(at: string, loop: Loop): StatsState {
  const f = loop.fields;
  const s: StatsState = { at, state: f.state, deadline: f.deadline };
  if (f.departmentCode !== undefined) s.departmentCode = f.departmentCode;
  if (f.closedAt !== undefined) s.closedAt = f.closedAt;
  if (f.onTime !== undefined) s.onTime = f.onTime;
  if (f.selfHandled !== undefined) s.selfHandled = f.selfHandled;
  return s;
}

function sameState(a: StatsState, b: StatsState): boolean {
  return a.state === b.state && a.deadline === b.deadline && a.departmentCode === b.departmentCode && a.closedAt === b.closedAt && a.onTime === b.onTime && a.selfHandled === b.selfHandled;
}

/**
 * The statistics record of a replay: `steps` in fold order, `start` the loop before the first
 * (null when the history starts with its report), `report` the order's report event when there.
 * Times are those of the steps; the caller decides whether the record answers every moment.
 */
export function statsOfSteps(
  base: Pick<TicketDoc, 'ownerCode' | 'reportedAt' | 'updatedBy'>,
  start: Loop | null,
  steps: readonly StatsStep[],
  report: { at: string; by: string } | undefined,
  calendar: WorkdayCalendar = STATS_CALENDAR,
): TicketStats {
  const reportedAt = report?.at ?? base.reportedAt;
  const states: StatsState[] = start ? [stateOf(utc(reportedAt), start)] : [];
  const reached: { at: string; code: string }[] = [];
  const seen = new Set<string>([base.ownerCode]);
  const reach = (at: string, code: string | undefined) => {
    if (code === undefined || code === '' || seen.has(code)) return;
    seen.add(code);
    reached.push({ at, code });
  };
  const stats: TicketStats = { v: ORDER_STATS_VERSION, reporter: report?.by ?? base.updatedBy, reportedAt, reached, reworkAt: [], states };
  for (const step of steps) {
    if (!step.after) continue;
    const at = utc(step.event.at);
    const loop = step.after;
    const resolved = resolveAction(step.event.action, step.event.payload as Record<string, unknown> | undefined);
    if (!resolved) continue;
    reach(at, loop.fields.holderCode);
    switch (resolved.action) {
      case 'escalate':
        stats.escalatedAt ??= at;
        break;
      case 'dispatch':
        stats.firstDispatchAt ??= at;
        reach(at, typeof resolved.payload.assignee === 'string' ? resolved.payload.assignee : undefined);
        break;
      case 'feedback':
        stats.firstFeedbackAt ??= at;
        break;
      case 'extend':
        stats.extendedAt ??= at;
        break;
      case 'supervise':
        stats.supervisedAt ??= at;
        break;
      case 'verify':
        if (resolved.payload.passed === false) stats.reworkAt.push(at);
        break;
      default:
        break;
    }
    const state = stateOf(at, loop);
    const last = states[states.length - 1];
    if (!last || !sameState(last, state)) states.push(state);
  }
  if (stats.firstDispatchAt && stats.firstFeedbackAt) stats.handlingWorkHours = calendar.workingHoursBetween(stats.firstDispatchAt, stats.firstFeedbackAt);
  return stats;
}

/** Whether the events were folded in time order (then the events up to any moment are a prefix of the fold). */
export function foldedInTimeOrder(events: readonly { at: string }[]): boolean {
  let last = -Infinity;
  for (const event of events) {
    const at = Date.parse(event.at);
    if (!(at >= last)) return false;
    last = at;
  }
  return true;
}

/** The record's state as of `asOf` (ISO UTC), or undefined before its first. */
export function stateAt(stats: TicketStats, asOf: string): StatsState | undefined {
  let found: StatsState | undefined;
  for (const state of stats.states) {
    if (state.at > asOf) break;
    found = state as StatsState;
  }
  return found;
}

/** Whether the stored record can be read: present and of this definition. */
export function usableStats(ticket: Pick<TicketDoc, 'stats'>): TicketStats | undefined {
  return ticket.stats?.v === ORDER_STATS_VERSION ? ticket.stats : undefined;
}
