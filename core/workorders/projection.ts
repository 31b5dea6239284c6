/**
 * A work order (ticket) as a projection of its events.
 *
 * Events are create-only and replicate without conflict; the ticket doc is a cache of what its
 * events say. When two units changed the same ticket, the ticket is rebuilt from the union of
 * both sides' events (core/conflicts), so no step of the closed loop is lost.
 *
 * There is one table of what an action does: the state machine (./stateMachine). Replaying
 * folds the events through it in the order the holder committed them (the ticket's
 * `eventIds`), then the ones not yet folded in time order. An event the machine refuses at its
 * place (written offline by a desk whose unit had meanwhile lost the order, a second dispatch
 * from another workstation …) stays in the timeline, marked with its reason, and changes
 * nothing; so every station derives the same order from the same ticket and events.
 *
 * Why the committed order and not time alone: a step that reaches the holder after a
 * conflicting one must not undo it. In time order, a desk's 立案 recorded offline a minute
 * before another desk's 作废 would reopen a voided order when it arrives, or take back an
 * escalation the town has acted on; the server refuses such writes (core/rules: no reopened
 * order, handovers only as a step makes them), and the randomized run found both. Folding what
 * was committed first, and everything after it, makes the projection grow only forward: a
 * final order stays final, and every holder change is a step taken from the state before it.
 */
import type { EventDoc, TicketDoc } from '../schema';
import { foldedInTimeOrder, statsOfSteps } from './orderStats';
import { actsAsHolder, checkAction, emptyLoop, resolveAction, WORKORDER_MACHINE, type Loop, type LoopFields, type Refusal, type WorkorderAction } from './stateMachine';

export { WORKORDER_ACTIONS as TICKET_ACTIONS, type WorkorderAction as TicketAction } from './stateMachine';

/** Fields the projection decides; a conflict merge never records them as lost (they are rebuilt). */
export const PROJECTED_FIELDS: ReadonlySet<string> = new Set([
  'state', 'holderCode', 'assignee', 'selfHandled', 'supervised', 'timeLimitHours', 'dispatchedAt', 'deadline',
  'closedAt', 'onTime', 'reportedAt', 'lastEventAt', 'photoIds', 'catalogItemCode', 'componentCode', 'departmentCode', 'eventIds', 'stats',
]);

/** The order's own fields: what its report records and no later step changes. */
export const ORDER_FIELDS = ['number', 'source', 'gridCode', 'location', 'address', 'description', 'reporterName', 'reporterPhone', 'priority'] as const;
type OrderFields = Pick<TicketDoc, (typeof ORDER_FIELDS)[number]>;

/** The order's own fields, as its report event carries them (`payload.order`). */
export function orderFieldsOf(ticket: TicketDoc): OrderFields {
  const fields: Record<string, unknown> = {};
  for (const key of ORDER_FIELDS) if (ticket[key] !== undefined) fields[key] = ticket[key];
  return fields as OrderFields;
}

/**
 * The order as its report recorded it, before any step: with this, the order is a function of
 * its events alone (a desk that died between writing the events and the order rebuilds it).
 * Null for a report that does not carry the order (records from before the app wrote them).
 */
export function orderOfReport(report: EventDoc): TicketDoc | null {
  const order = (report.payload as { order?: OrderFields } | undefined)?.order;
  if (!order || typeof order.number !== 'string') return null;
  return {
    ...order,
    id: report.subjectId,
    type: 'ticket',
    scope: [...report.scope],
    createdAt: report.at,
    updatedAt: report.at,
    updatedBy: report.by,
    photoIds: [...(report.photoIds ?? [])],
    state: 'pendingFiling',
    holderCode: report.byUnit,
    deadline: '',
    reportedAt: report.at,
    lastEventAt: report.at,
    ownerCode: report.byUnit,
  } as TicketDoc;
}

/**
 * Whether `events` hold every event the stored order was folded from: only then may a desk write
 * the order again (a replay of fewer events would take back a step another desk recorded).
 */
export function hasAllEvents(stored: TicketDoc, events: readonly EventDoc[]): boolean {
  const have = new Set(events.map((e) => e.id));
  return (stored.eventIds ?? []).every((id) => have.has(id));
}

/** The loop fields a replay starts over (`ownerCode` is the order's own and never changes). */
const LOOP_FIELDS: readonly (keyof LoopFields)[] = [
  'state', 'holderCode', 'deadline', 'reportedAt', 'assignee', 'selfHandled', 'supervised', 'timeLimitHours', 'dispatchedAt', 'closedAt', 'onTime',
  'catalogItemCode', 'componentCode', 'departmentCode',
];

/** Events in the order they happened (ties: by id, so every station sorts them alike). */
export function orderEvents(events: readonly EventDoc[]): EventDoc[] {
  return [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The order a replay folds `events` in: those the stored order was folded from, in the order it
 * folded them (the holder's commits), then the others in time order. An order stored before it
 * recorded its events (no `eventIds`) folds everything in time order.
 */
export function foldOrder(stored: Pick<TicketDoc, 'eventIds'>, events: readonly EventDoc[]): EventDoc[] {
  const committed = stored.eventIds ?? [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const folded = new Set(committed);
  return [...committed.flatMap((id) => byId.get(id) ?? []), ...orderEvents(events.filter((e) => !folded.has(e.id)))];
}

/** Unique events by id: the union of two sides' event lists. */
export function unionEvents(...lists: readonly (readonly EventDoc[])[]): EventDoc[] {
  const byId = new Map<string, EventDoc>();
  for (const list of lists) for (const event of list) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
}

export interface ReplayedEvent {
  event: EventDoc;
  /** The table's action for the recorded name (aliases resolved), or null for an unknown name. */
  action: WorkorderAction | null;
  /** Why the event had no effect, when it had none. */
  refusal?: Refusal;
  /** The loop after the event, when it took effect. */
  after?: Loop;
}

export interface TicketReplay {
  ticket: TicketDoc;
  loop: Loop;
  events: ReplayedEvent[];
}

/** The loop a ticket doc describes, for when its report event is not (yet) here. */
export function loopOfTicket(ticket: TicketDoc): Loop {
  const start = emptyLoop(ticket.ownerCode);
  const fields: Record<string, unknown> = { ...start.fields };
  for (const key of LOOP_FIELDS) if (ticket[key] !== undefined) fields[key] = ticket[key];
  return { fields: fields as LoopFields, facts: start.facts };
}

/**
 * Folds the ticket's events through the state machine. `base` supplies what events do not
 * carry (number, description, location …). Photos are the union of the base's and every
 * effective event's; `lastEventAt` the latest event's time.
 *
 * A history that starts with its report is replayed from nothing; without the report (events
 * still on their way) the replay starts from the base's own fields, so events it already
 * reflects are refused as repeats and change nothing.
 *
 * `asHolder`: the order as that unit's desk may write it. Of the events the base was not folded
 * from, only those taken while the unit holds the order are folded: a step that hands it on ends
 * the fold, and what follows is the new holder's to fold. The server lets a write hand an order
 * on only in the state a handover step leaves (core/rules); a desk that died after returning an
 * order, and found the lower unit's 作废 beside its 退回 at its restart, folded both into one
 * write the server refused, and the order stalled (the randomized run on CouchDB found it).
 */
export function replayTicket(base: TicketDoc, events: readonly EventDoc[], options: { asHolder?: string } = {}): TicketReplay {
  const all = foldOrder(base, events.filter((e) => e.type === 'ticketEvent' && e.subjectId === base.id));
  const hasReport = all.some((e) => e.action === 'report');
  let loop: Loop | null = hasReport ? null : loopOfTicket(base);
  const replayed: ReplayedEvent[] = [];
  const photos = new Set(base.photoIds);
  let lastEventAt = base.lastEventAt;
  const committed = new Set(base.eventIds ?? []);
  const own: EventDoc[] = [];
  for (const event of all) {
    const holder = (loop ?? loopOfTicket(base)).fields.holderCode;
    if (options.asHolder !== undefined && !committed.has(event.id) && !actsAsHolder(options.asHolder, holder)) break;
    own.push(event);
    if (event.at > lastEventAt) lastEventAt = event.at;
    const resolved = resolveAction(event.action, event.payload as Record<string, unknown> | undefined);
    if (!resolved) {
      replayed.push({ event, action: null });
      continue;
    }
    const request = {
      action: resolved.action,
      actorUnit: event.byUnit,
      at: event.at,
      eventId: event.id,
      note: event.note,
      photoIds: event.photoIds,
      payload: resolved.payload,
    };
    const verdict = checkAction(loop, request);
    if (!verdict.ok) {
      replayed.push({ event, action: resolved.action, refusal: { reason: verdict.reason, params: verdict.params, message: verdict.message } });
      continue;
    }
    loop = WORKORDER_MACHINE[resolved.action].apply(loop ?? emptyLoop(base.ownerCode), request, resolved.payload);
    for (const photo of event.photoIds ?? []) photos.add(photo);
    replayed.push({ event, action: resolved.action, after: loop });
  }
  const final = loop ?? loopOfTicket(base);
  const ticket = { ...base } as TicketDoc & Record<string, unknown>;
  for (const key of LOOP_FIELDS) delete ticket[key];
  for (const [key, value] of Object.entries(final.fields)) if (value !== undefined) ticket[key] = value;
  ticket.ownerCode = base.ownerCode;
  ticket.photoIds = [...photos];
  ticket.lastEventAt = lastEventAt;
  // What this state was folded from: the events replayed, and when the replay started from the
  // stored order (its report not here), also what that order was folded from.
  ticket.eventIds = hasReport ? own.map((e) => e.id) : [...new Set([...(base.eventIds ?? []), ...own.map((e) => e.id)])];
  // The statistics' facts (./orderStats), when they answer every moment: a history from its
  // report, folded in time order.
  const report = replayed.find((r) => r.after && r.action === 'report');
  if (hasReport && report && foldedInTimeOrder(own)) ticket.stats = statsOfSteps(base, null, replayed, report.event);
  else delete ticket.stats;
  return { ticket, loop: final, events: replayed };
}

/** The ticket as its events make it (see replayTicket). */
export function projectTicket(base: TicketDoc, events: readonly EventDoc[], options: { asHolder?: string } = {}): TicketDoc {
  return replayTicket(base, events, options).ticket;
}
