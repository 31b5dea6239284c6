/**
 * A work order (ticket) as a projection of its events.
 *
 * Events are create-only and replicate without conflict; the ticket doc is a cache of what its
 * events say. When two units changed the same ticket, the ticket is rebuilt from the union of
 * both sides' events (sync/conflicts), so no step of the closed loop is lost.
 *
 * The table maps each event action to the fields it sets. The work-order feature extends it
 * (new actions, richer payloads) in this one place; unknown actions only move `lastEventAt`.
 */
import type { EventDoc, TicketDoc, TicketState } from '../schema';

export const TICKET_ACTIONS = [
  'report', 'file', 'void', 'dispatch', 'handle', 'feedback', 'verifyPass', 'verifyFail',
  'close', 'escalate', 'return', 'extend', 'supervise', 'register',
  // Spellings the demo district (and older records) use for the same steps.
  'selfHandle', 'verify', 'longStanding',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

type Payload = Record<string, unknown>;
type TicketChange = Partial<TicketDoc>;
type Projector = (event: EventDoc, ticket: TicketDoc, payload: Payload) => TicketChange;

const text = (payload: Payload, key: string): string | undefined => (typeof payload[key] === 'string' ? (payload[key] as string) : undefined);
const integer = (payload: Payload, key: string): number | undefined => (Number.isInteger(payload[key]) ? (payload[key] as number) : undefined);
const flag = (payload: Payload, key: string): boolean | undefined => (typeof payload[key] === 'boolean' ? (payload[key] as boolean) : undefined);
const state = (value: TicketState): TicketChange => ({ state: value });

/** Drops undefined entries so a payload without a field leaves the ticket's value alone. */
function defined(change: Record<string, unknown>): TicketChange {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as TicketChange;
}

/** Event action → the ticket fields it sets. */
export const TICKET_PROJECTION: Record<TicketAction, Projector> = {
  // 信息采集: the reporting unit holds the order; a problem solved on the spot is closed at once.
  report: (e, _t, p) =>
    p.selfHandled === true
      ? { state: 'closed', selfHandled: true, reportedAt: e.at, closedAt: e.at, onTime: true, holderCode: e.byUnit }
      : { state: 'pendingFiling', reportedAt: e.at, holderCode: e.byUnit },
  // 立案: the item sets the handling department and the time limit.
  file: (_e, _t, p) =>
    defined({
      state: 'pendingDispatch',
      catalogItemCode: text(p, 'catalogItemCode'),
      componentCode: text(p, 'componentCode'),
      departmentCode: text(p, 'departmentCode'),
      timeLimitHours: integer(p, 'timeLimitHours'),
    }),
  void: () => state('voided'),
  // 派遣: the clock starts.
  dispatch: (e, t, p) =>
    defined({
      state: 'handling',
      assignee: text(p, 'assignee'),
      holderCode: text(p, 'holderCode'),
      departmentCode: text(p, 'departmentCode'),
      dispatchedAt: e.at,
      deadline: text(p, 'deadline') ?? t.deadline,
    }),
  handle: (_e, _t, p) => defined({ state: 'handling', assignee: text(p, 'assignee') }),
  // 反馈: the handler reports back (with photos); the order waits for verification.
  feedback: () => state('pendingVerification'),
  // 核查通过: nothing changes until the order is closed.
  verifyPass: () => ({}),
  // 核查不通过 → 返工 (rework).
  verifyFail: () => state('handling'),
  close: (e, t, p) =>
    defined({ state: 'closed', closedAt: e.at, onTime: flag(p, 'onTime') ?? (t.deadline === '' || e.at <= t.deadline), selfHandled: flag(p, 'selfHandled') }),
  // 上报 / 退回 move the holder, not the state.
  escalate: (_e, _t, p) => defined({ holderCode: text(p, 'toUnit') ?? text(p, 'to') }),
  return: (_e, _t, p) => defined({ holderCode: text(p, 'toUnit') ?? text(p, 'to') }),
  // The new deadline is computed in working hours by the work-order feature and carried in the
  // payload; an extension without one keeps the deadline and adds to the time limit.
  extend: (_e, t, p) =>
    defined({
      deadline: text(p, 'deadline'),
      timeLimitHours: integer(p, 'timeLimitHours') ?? (integer(p, 'hours') !== undefined && t.timeLimitHours !== undefined ? t.timeLimitHours + (integer(p, 'hours') ?? 0) : undefined),
    }),
  supervise: () => ({ supervised: true }),
  // 挂账: a long-standing problem kept on the register.
  register: () => state('longStanding'),
  longStanding: () => state('longStanding'),
  // 自处置: solved on the spot; the close event that follows closes it.
  selfHandle: () => ({ selfHandled: true }),
  verify: (_e, _t, p) => (p.passed === false ? state('handling') : {}),
};

/** Fields the projection decides; a conflict merge never records them as lost (they are rebuilt). */
export const PROJECTED_FIELDS: ReadonlySet<string> = new Set([
  'state', 'holderCode', 'assignee', 'selfHandled', 'supervised', 'timeLimitHours', 'dispatchedAt', 'deadline',
  'closedAt', 'onTime', 'reportedAt', 'lastEventAt', 'photoIds', 'catalogItemCode', 'componentCode', 'departmentCode',
]);

function isTicketAction(action: string): action is TicketAction {
  return (TICKET_ACTIONS as readonly string[]).includes(action);
}

/** Events in the order they happened (ties: by id, so every station sorts them alike). */
export function orderEvents(events: readonly EventDoc[]): EventDoc[] {
  return [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The ticket as its events make it: `base` supplies what events do not carry (number,
 * description, location …); each event of the ticket applies its action's changes in order.
 * Photos are the union of the base's and every event's; `lastEventAt` the latest event's time.
 */
export function projectTicket(base: TicketDoc, events: readonly EventDoc[]): TicketDoc {
  const own = orderEvents(events.filter((e) => e.type === 'ticketEvent' && e.subjectId === base.id));
  let ticket: TicketDoc = { ...base };
  const photos = new Set(base.photoIds);
  for (const event of own) {
    const payload = (event.payload ?? {}) as Payload;
    const change = isTicketAction(event.action) ? TICKET_PROJECTION[event.action](event, ticket, payload) : {};
    ticket = { ...ticket, ...change };
    for (const photo of event.photoIds ?? []) photos.add(photo);
    if (event.at > ticket.lastEventAt) ticket.lastEventAt = event.at;
  }
  ticket.photoIds = [...photos];
  return ticket;
}

/** Unique events by id: the union of two sides' event lists. */
export function unionEvents(...lists: readonly (readonly EventDoc[])[]): EventDoc[] {
  const byId = new Map<string, EventDoc>();
  for (const list of lists) for (const event of list) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
}
