/**
 * What one work order contributes to the statistics, from its events: the order is replayed
 * through the state machine (./../workorders/projection) as of a moment, and the steps that
 * took effect say how far up it went, whether it was reworked, supervised, extended, how long
 * its handling took in working hours. The indicators (./indicators) only count these facts, so
 * a screen, the monthly report and the district's tool cannot define a rate two ways.
 */
import { isUnitCode, levelOfUnit } from '../org';
import type { EventDoc, TicketDoc } from '../schema';
import { isOverdue, OPEN_STATES } from '../workorders/orderClock';
import { replayTicket } from '../workorders/projection';
import { emptyLoop, resolveAction, WORKORDER_MACHINE, type Loop } from '../workorders/stateMachine';
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

function levelOfHolder(holder: string | undefined, context: FactsContext): ReachedLevel | null {
  if (!holder) return null;
  if (isUnitCode(holder)) return levelOfUnit(holder);
  const kind = context.departmentKind?.(holder);
  // A department as holder or assignee: the order went through the district center to it.
  return kind === undefined ? null : kind === 'enforcement' ? 'enforcement' : 'district';
}

function higher(a: ReachedLevel, b: ReachedLevel | null): ReachedLevel {
  return b !== null && LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}

/**
 * The order's facts as of `context.asOf`, or null when it was not reported by then. `events`
 * may hold other orders' events too (they are ignored).
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
  const final = replay.ticket;

  let loop: Loop = emptyLoop(ticket.ownerCode);
  let level: ReachedLevel = levelOfHolder(ticket.ownerCode, context) ?? 'village';
  let escalated = false;
  let extended = false;
  let supervised = false;
  let reworkCount = 0;
  let firstDispatch: string | undefined;
  let firstFeedback: string | undefined;
  for (const step of replay.events) {
    if (step.refusal || !step.action) continue;
    const resolved = resolveAction(step.event.action, step.event.payload as Record<string, unknown> | undefined);
    if (!resolved) continue;
    const request = { action: resolved.action, actorUnit: step.event.byUnit, at: step.event.at, eventId: step.event.id, note: step.event.note, photoIds: step.event.photoIds, payload: resolved.payload };
    loop = WORKORDER_MACHINE[resolved.action].apply(loop, request, resolved.payload);
    level = higher(level, levelOfHolder(loop.fields.holderCode, context));
    switch (resolved.action) {
      case 'escalate':
        escalated = true;
        break;
      case 'dispatch':
        firstDispatch ??= step.event.at;
        level = higher(level, levelOfHolder(typeof resolved.payload.assignee === 'string' ? resolved.payload.assignee : undefined, context));
        break;
      case 'feedback':
        firstFeedback ??= step.event.at;
        break;
      case 'extend':
        extended = true;
        break;
      case 'supervise':
        supervised = true;
        break;
      case 'verify':
        if (resolved.payload.passed === false) reworkCount += 1;
        break;
      default:
        break;
    }
  }

  const closed = final.state === 'closed';
  const dispatched = final.deadline !== '' || firstDispatch !== undefined;
  const facts: OrderFacts = {
    id: ticket.id,
    number: ticket.number,
    ownerCode: ticket.ownerCode,
    gridCode: ticket.gridCode,
    reporter: report?.by ?? ticket.updatedBy,
    reportedAt: report?.at ?? ticket.reportedAt,
    voided: final.state === 'voided',
    selfHandled: closed && final.selfHandled === true,
    closed,
    dispatched,
    overdue: closed ? final.onTime === false : OPEN_STATES.includes(final.state) && isOverdue(final, context.asOf),
    escalated,
    reachedLevel: level,
    extended,
    reworkCount,
    supervised,
    fedBack: firstFeedback !== undefined,
  };
  if (final.departmentCode) facts.departmentCode = final.departmentCode;
  if (closed && final.closedAt) {
    facts.closedAt = final.closedAt;
    facts.onTime = final.onTime !== false;
  }
  if (firstDispatch && firstFeedback) facts.handlingHours = context.calendar.workingHoursBetween(firstDispatch, firstFeedback);
  return facts;
}

/** Facts of many orders at once: events grouped by order first (one pass, not one per order). */
export function ordersFactsOf(tickets: readonly TicketDoc[], events: readonly EventDoc[], context: FactsContext): OrderFacts[] {
  const byOrder = new Map<string, EventDoc[]>();
  for (const event of events) {
    if (event.type !== 'ticketEvent') continue;
    const list = byOrder.get(event.subjectId);
    if (list) list.push(event);
    else byOrder.set(event.subjectId, [event]);
  }
  const out: OrderFacts[] = [];
  for (const ticket of tickets) {
    const facts = orderFactsOf(ticket, byOrder.get(ticket.id) ?? [], context);
    if (facts) out.push(facts);
  }
  return out;
}
