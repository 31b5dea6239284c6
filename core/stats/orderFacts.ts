/**
 * What one work order contributes to the statistics as of a moment: how far up it went, whether
 * it was reworked, supervised, extended, how long its handling took in working hours. Read off
 * the statistics record the projection keeps on the ticket (../workorders/orderStats: each fact
 * with its time), or, for an order whose ticket has none or lags its events, off the same record
 * built from a replay of its events up to the moment: one definition either way. The indicators
 * (./indicators) only count these facts, so a screen, the monthly report and the district's
 * tool cannot define a rate two ways.
 */
import { isUnitCode, levelOfUnit } from '../org';
import type { EventDoc, TicketDoc } from '../schema';
import { isOverdue, OPEN_STATES } from '../workorders/orderClock';
import { stateAt, statsOfSteps, usableStats, type TicketStats } from '../workorders/orderStats';
import { loopOfTicket, replayTicket } from '../workorders/projection';
import type { WorkdayCalendar } from '../workorders/workdayCalendar';

/** How far up an order went: the grid (village), the town, the district, or law enforcement. */
export const REACHED_LEVELS = ['village', 'town', 'district', 'enforcement'] as const;
export type ReachedLevel = (typeof REACHED_LEVELS)[number];

export interface OrderFacts {
  id: string;
  number: string;
  /** The unit that reported (owns) the order. */
  ownerCode: string;
  gridCode: string;
  /** The account that recorded the report (the grid worker on patrol, or the clerk). */
  reporter: string;
  /** The handling department, once filed. */
  departmentCode?: string;
  reportedAt: string;
  voided: boolean;
  selfHandled: boolean;
  closed: boolean;
  closedAt?: string;
  /** Closed no later than its working-hour deadline (self-handled: on time). */
  onTime?: boolean;
  /** A deadline was set (dispatched at least once). */
  dispatched: boolean;
  /** Closed late, or still open past its deadline at the moment of the figures. */
  overdue: boolean;
  /** Escalated at least once (上报), whether or not it came back. */
  escalated: boolean;
  reachedLevel: ReachedLevel;
  extended: boolean;
  reworkCount: number;
  supervised: boolean;
  /** Given feedback at least once. */
  fedBack: boolean;
  /** Working hours from the first dispatch to the first feedback. */
  handlingHours?: number;
}

export interface FactsContext {
  calendar: WorkdayCalendar;
  /** The moment the figures describe: events after it are not folded in. */
  asOf: Date;
  /** A department's kind (enforcement, bureau …), to tell 执法 from other departments. */
  departmentKind?: (code: string) => string | undefined;
}

const LEVEL_RANK: Record<ReachedLevel, number> = { village: 0, town: 1, district: 2, enforcement: 3 };

/** The level a holder or assignee stands for: a unit's, a department's by its kind; null for others (staff). */
export function levelOfHolder(holder: string | undefined, context: FactsContext): ReachedLevel | null {
  if (!holder) return null;
  if (isUnitCode(holder)) return levelOfUnit(holder);
  const kind = context.departmentKind?.(holder);
  // A department as holder or assignee: the order went through the district center to it.
  return kind === undefined ? null : kind === 'enforcement' ? 'enforcement' : 'district';
}

export function higher(a: ReachedLevel, b: ReachedLevel | null): ReachedLevel {
  return b !== null && LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}

/** Levels of the codes met, per call over many orders (a code's level is looked up once). */
function levelCache(context: FactsContext): (code: string) => ReachedLevel | null {
  const cache = new Map<string, ReachedLevel | null>();
  return (code) => {
    let level = cache.get(code);
    if (level === undefined) {
      level = levelOfHolder(code, context);
      cache.set(code, level);
    }
    return level;
  };
}

/**
 * The order's facts as of `context.asOf` read off its statistics record (the ticket's own, or
 * one built from a replay): the one definition of each fact. Null when it was not reported by then.
 * `asOf` and `levelOf` are the context's moment as ISO text and its level lookup, when the
 * caller reads many orders.
 */
export function factsOfStats(
  ticket: TicketDoc,
  stats: TicketStats,
  context: FactsContext,
  asOf = context.asOf.toISOString(),
  levelOf: (code: string) => ReachedLevel | null = levelCache(context),
): OrderFacts | null {
  if (Date.parse(stats.reportedAt) > context.asOf.getTime()) return null;
  const state = stateAt(stats, asOf);
  if (!state) return null;
  let level: ReachedLevel = levelOf(ticket.ownerCode) ?? 'village';
  for (const r of stats.reached) {
    if (r.at > asOf) break;
    level = higher(level, levelOf(r.code));
  }
  let reworkCount = 0;
  for (const at of stats.reworkAt) if (at <= asOf) reworkCount += 1;
  const closed = state.state === 'closed';
  const dispatchedBy = stats.firstDispatchAt !== undefined && stats.firstDispatchAt <= asOf;
  const fedBackBy = stats.firstFeedbackAt !== undefined && stats.firstFeedbackAt <= asOf;
  const facts: OrderFacts = {
    id: ticket.id,
    number: ticket.number,
    ownerCode: ticket.ownerCode,
    gridCode: ticket.gridCode,
    reporter: stats.reporter,
    reportedAt: stats.reportedAt,
    voided: state.state === 'voided',
    selfHandled: closed && state.selfHandled === true,
    closed,
    dispatched: state.deadline !== '' || dispatchedBy,
    overdue: closed ? state.onTime === false : OPEN_STATES.includes(state.state) && isOverdue(state, context.asOf),
    escalated: stats.escalatedAt !== undefined && stats.escalatedAt <= asOf,
    reachedLevel: level,
    extended: stats.extendedAt !== undefined && stats.extendedAt <= asOf,
    reworkCount,
    supervised: stats.supervisedAt !== undefined && stats.supervisedAt <= asOf,
    fedBack: fedBackBy,
  };
  if (state.departmentCode) facts.departmentCode = state.departmentCode;
  if (closed && state.closedAt) {
    facts.closedAt = state.closedAt;
    facts.onTime = state.onTime !== false;
  }
  if (dispatchedBy && fedBackBy && stats.handlingWorkHours !== undefined) facts.handlingHours = stats.handlingWorkHours;
  return facts;
}

/**
 * The order's facts as of `context.asOf` by replaying its events up to then (for an order whose
 * ticket carries no statistics record, or has events its ticket has not folded in yet), or null
 * when it was not reported by then. `events` may hold other orders' events too (they are ignored).
 */
export function orderFactsOf(ticket: TicketDoc, events: readonly EventDoc[], context: FactsContext): OrderFacts | null {
  const asOf = context.asOf.getTime();
  const all = events.filter((e) => e.type === 'ticketEvent' && e.subjectId === ticket.id);
  const own = all.filter((e) => Date.parse(e.at) <= asOf);
  const anyReport = all.find((e) => e.action === 'report');
  // Reported after the moment: not part of these figures. Without its report event (still on
  // its way) the order's doc says when it was reported.
  if (Date.parse(anyReport?.at ?? ticket.reportedAt) > asOf) return null;
  const report = own.find((e) => e.action === 'report');
  const replay = replayTicket(ticket, own);
  const hasReport = replay.events.some((r) => r.event.action === 'report');
  const stats = statsOfSteps(ticket, hasReport ? null : loopOfTicket(ticket), replay.events, report, context.calendar);
  return factsOfStats(ticket, stats, context);
}

/**
 * The order's facts as of the moment: from its ticket's statistics record when the ticket has
 * one and has folded every event here (`events`: this order's), else replayed.
 */
export function orderFactsFast(ticket: TicketDoc, events: readonly EventDoc[], context: FactsContext): { facts: OrderFacts | null; replayed: boolean } {
  const stats = usableStats(ticket);
  if (stats && hasFoldedAll(ticket, events)) return { facts: factsOfStats(ticket, stats, context), replayed: false };
  return { facts: orderFactsOf(ticket, events, context), replayed: true };
}

function hasFoldedAll(ticket: TicketDoc, events: readonly EventDoc[]): boolean {
  const folded = ticket.eventIds;
  if (!folded) return false;
  if (events.length > folded.length) return false;
  if (events.length === 0) return true;
  return events.every((e) => folded.includes(e.id));
}

/**
 * Facts of many orders at once: each order from its ticket's statistics record where that
 * answers (a record of this definition, and every event here folded into the ticket), else
 * replayed from its events. One pass over the events finds the orders to replay; only theirs
 * are grouped. `tally.replayed` counts the replayed ones.
 */
export function ordersFactsOf(tickets: readonly TicketDoc[], events: readonly EventDoc[], context: FactsContext, tally: { replayed: number } = { replayed: 0 }): OrderFacts[] {
  const byId = new Map<string, TicketDoc>();
  const replay = new Set<string>();
  for (const ticket of tickets) {
    byId.set(ticket.id, ticket);
    if (!usableStats(ticket) || !ticket.eventIds) replay.add(ticket.id);
  }
  for (const event of events) {
    if (event.type !== 'ticketEvent' || replay.has(event.subjectId)) continue;
    const ticket = byId.get(event.subjectId);
    if (ticket && !ticket.eventIds!.includes(event.id)) replay.add(event.subjectId);
  }
  const byOrder = new Map<string, EventDoc[]>();
  if (replay.size > 0) {
    for (const event of events) {
      if (event.type !== 'ticketEvent' || !replay.has(event.subjectId)) continue;
      const list = byOrder.get(event.subjectId);
      if (list) list.push(event);
      else byOrder.set(event.subjectId, [event]);
    }
  }
  const asOfIso = context.asOf.toISOString();
  const levelOf = levelCache(context);
  const out: OrderFacts[] = [];
  for (const ticket of tickets) {
    const facts = replay.has(ticket.id) ? orderFactsOf(ticket, byOrder.get(ticket.id) ?? [], context) : factsOfStats(ticket, ticket.stats!, context, asOfIso, levelOf);
    if (facts) out.push(facts);
  }
  tally.replayed += replay.size;
  return out;
}
