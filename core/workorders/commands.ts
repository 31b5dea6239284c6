/**
 * What a station does when a clerk acts on a work order: check the step against the state
 * machine and the write rules (so a refusal is explained before anything is stored), write the
 * step as an immutable event, and — when this unit holds the order — the ticket as the replay
 * of its events. A unit that acts without holding the order (a town's 督办) writes only its
 * event; the holder's station folds it in (./materializer).
 *
 * Deadlines are computed here, in working hours, and carried in the event's payload: every
 * station then replays the same deadline, whatever calendar it has loaded.
 */
import type { RxCollection, RxJsonSchema } from 'rxdb';
import type { Actor } from '../actor';
import { scopeOfUnit } from '../org';
import { checkWrite, roleOfUnit } from '../rules';
import { docId, type EventDoc, type TicketDoc, type TicketSource } from '../schema';
import { errorsOfDoc } from '../schema/validators';
import { orderFieldsOf, replayTicket, type TicketReplay } from './projection';
import { writeIfUnchanged } from './orderWrite';
import { ActionRefusedError, actsAsHolder, checkAction, refusal, upperUnitOf, type ActionRequest, type WorkorderAction } from './stateMachine';
import type { WorkdayCalendar } from './workdayCalendar';

export interface WorkorderStore {
  tickets: RxCollection<TicketDoc>;
  events: RxCollection<EventDoc>;
}

/** The clerk at a station: the unit acts, the person is recorded. */
export type WorkorderActor = Actor;

export interface TicketDraft {
  source: TicketSource;
  catalogItem?: { code: string; departmentCode: string; timeLimitHours: number };
  componentCode?: string;
  gridCode: string;
  location?: { lng: number; lat: number };
  address: string;
  description: string;
  reporterName: string;
  reporterPhone: string;
  priority: TicketDoc['priority'];
  photoIds: string[];
  /** Solved on the spot (自处置): recorded, and closed in the same step, with what was done. */
  selfHandled?: { note: string };
}

export interface ActionInput {
  action: WorkorderAction;
  note?: string;
  photoIds?: string[];
  payload?: Record<string, unknown>;
}

export interface CommandContext {
  calendar: WorkdayCalendar;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

/** A refusal from the shared write rules, in the same shape as the machine's. */
function assertWritable(next: TicketDoc, previous: TicketDoc | null, actor: WorkorderActor): void {
  const verdict = checkWrite(next, previous, { name: actor.name, roles: [roleOfUnit(actor.unit)] });
  if (!verdict.ok) throw new ActionRefusedError({ reason: 'notHolder', params: verdict.params, message: verdict.message });
}

function stamp(now: Date): string {
  return `${now.getTime().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

/**
 * A new order's number: `GD` + the recording unit's code + 6 characters of time + 2 random
 * characters, e.g. GD320506001001 + 0ZK3QF + 7M (22 characters for a village, 19 for a town;
 * the demo's GD<unit><5-digit sequence> is 19 for a village).
 *
 * - The number is the order's id across the district, and desks record offline, so no sequence
 *   can be shared: each desk draws its own. The unit's code makes numbers of different units
 *   distinct and keeps a unit's orders one id range (the materializer reads them so).
 * - Time: seconds since 2025-01-01 00:00 Beijing, base 36, upper case, padded to 6 characters
 *   (good until 2093), so a unit's numbers sort by when they were recorded. One desk never
 *   repeats a second: a second already used by this desk moves on to the next one.
 * - Two random characters (1 in 1,296) tell apart two desks of one unit recording in the same
 *   second; the save also refuses a number this desk already holds and draws again.
 * - Older numbers (GD<unit><ms timestamp><2 digits>, the demo's GD<unit><sequence>) stay valid:
 *   nothing parses a number beyond its `GD<unit>` prefix.
 */
const NUMBER_EPOCH_MS = Date.parse('2025-01-01T00:00:00+08:00');
let lastNumberSecond = 0;

export function newTicketNumber(unit: string, now: Date): string {
  const second = Math.max(Math.floor((now.getTime() - NUMBER_EPOCH_MS) / 1000), lastNumberSecond + 1);
  lastNumberSecond = second;
  const time = second.toString(36).toUpperCase().padStart(6, '0');
  const random = Math.floor(Math.random() * 36 ** 2).toString(36).toUpperCase().padStart(2, '0');
  return `GD${unit}${time}${random}`;
}

function eventDoc(ticket: Pick<TicketDoc, 'id' | 'number' | 'scope'>, request: ActionRequest, actor: WorkorderActor, now: Date): EventDoc {
  return {
    id: docId('ticketEvent', `${ticket.number}-${stamp(now)}`),
    type: 'ticketEvent',
    scope: [...ticket.scope],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    updatedBy: actor.name,
    subjectId: ticket.id,
    action: request.action,
    at: request.at,
    by: actor.name,
    byUnit: actor.unit,
    ...(actor.person ? { person: actor.person } : {}),
    note: request.note ?? '',
    photoIds: [...(request.photoIds ?? [])],
    payload: request.payload ?? {},
  };
}

/** Records a new order (登记), or a problem solved on the spot (自处置) closed in one step. */
export async function createTicket(store: WorkorderStore, draft: TicketDraft, actor: WorkorderActor, context: CommandContext): Promise<TicketDoc> {
  // A number this desk already holds (another desk's order of the same millisecond, synced
  // here): nothing was stored, draw again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordOrder(store, draft, actor, context);
    } catch (error) {
      if (!(error instanceof NumberTakenError) || attempt === 3) throw error;
    }
  }
}

class NumberTakenError extends Error {}

async function recordOrder(store: WorkorderStore, draft: TicketDraft, actor: WorkorderActor, context: CommandContext): Promise<TicketDoc> {
  const now = context.now?.() ?? new Date();
  const at = now.toISOString();
  const number = newTicketNumber(actor.unit, now);
  if (await store.tickets.findOne(docId('ticket', number)).exec()) throw new NumberTakenError(number);
  const base: TicketDoc = {
    id: docId('ticket', number),
    type: 'ticket',
    scope: scopeOfUnit(actor.unit),
    createdAt: at,
    updatedAt: at,
    updatedBy: actor.name,
    number,
    source: draft.source,
    gridCode: draft.gridCode,
    ...(draft.location ? { location: draft.location } : {}),
    address: draft.address,
    description: draft.description,
    reporterName: draft.reporterName,
    reporterPhone: draft.reporterPhone,
    priority: draft.priority,
    photoIds: [...draft.photoIds],
    state: 'pendingFiling',
    holderCode: actor.unit,
    deadline: '',
    reportedAt: at,
    lastEventAt: at,
    ownerCode: actor.unit,
  };
  const item = draft.catalogItem;
  const requests: ActionRequest[] = [
    {
      action: 'report',
      actorUnit: actor.unit,
      at,
      photoIds: draft.photoIds,
      payload: {
        source: draft.source,
        reporterName: draft.reporterName,
        ...(item ? { catalogItemCode: item.code, departmentCode: item.departmentCode, timeLimitHours: item.timeLimitHours } : {}),
        ...(draft.componentCode ? { componentCode: draft.componentCode } : {}),
        // The order itself: with it the order follows from its events alone (recoverOrders).
        order: orderFieldsOf(base),
      },
    },
  ];
  if (draft.selfHandled) {
    requests.push({ action: 'selfHandle', actorUnit: actor.unit, at, note: draft.selfHandled.note });
    requests.push({ action: 'close', actorUnit: actor.unit, at, note: draft.selfHandled.note, payload: { selfHandled: true } });
  }
  const events: EventDoc[] = [];
  for (const request of requests) {
    const event = eventDoc(base, request, actor, now);
    // Same instant: ids must still sort in step order, so the replay sees report first.
    event.id = docId('ticketEvent', `${number}-${String(events.length + 1).padStart(2, '0')}`);
    events.push(event);
  }
  const replay = replayTicket(base, events);
  const refused = replay.events.find((e) => e.refusal);
  if (refused?.refusal) throw new ActionRefusedError(refused.refusal);
  assertWritable(replay.ticket, null, actor);
  // All or nothing: every part is checked before any is stored. The events go first: a desk
  // that dies before the order is stored rebuilds it from them at its next start.
  assertStorable(store.tickets, replay.ticket);
  for (const event of events) assertStorable(store.events, event);
  if ((await store.events.findByIds(events.map((e) => e.id)).exec()).size > 0) throw new NumberTakenError(number);
  await insertAll(store.events, events);
  await store.tickets.insert(replay.ticket);
  return replay.ticket;
}

function assertStorable<T>(collection: RxCollection<T>, doc: object): void {
  const errors = errorsOfDoc(collection.schema.jsonSchema as RxJsonSchema<unknown>, doc);
  if (errors.length > 0) throw new ActionRefusedError(refusal('invalidOrder', { detail: errors.map((e) => `${e.path ?? ''} ${e.message ?? ''}`.trim()).join('; ') }));
}

/** Inserts every doc or throws: a bulk insert reports the docs it could not store, never silently. */
async function insertAll<T>(collection: RxCollection<T>, docs: T[]): Promise<void> {
  const result = await collection.bulkInsert(docs);
  if (result.error.length > 0) throw new Error(`${collection.name}: ${result.error.length} not stored, first ${result.error[0].documentId} (${result.error[0].status})`);
}

/** An order as its local events make it, the order as stored, and the events it was stored from that are not here yet. */
export type LoadedTicket = TicketReplay & { stored: TicketDoc; missing: string[] };

/** The order as its local events make it (the detail screen's view). */
export async function loadTicket(store: WorkorderStore, ticketId: string): Promise<LoadedTicket | null> {
  const doc = await store.tickets.findOne(ticketId).exec();
  if (!doc) return null;
  const stored = doc.toMutableJSON() as TicketDoc;
  const events = (await store.events.find({ selector: { subjectId: ticketId } }).exec()).map((e) => e.toMutableJSON() as EventDoc);
  const here = new Set(events.map((e) => e.id));
  return { ...replayTicket(stored, events), stored, missing: (stored.eventIds ?? []).filter((id) => !here.has(id)) };
}

/** Payload fields the station computes rather than the clerk: deadlines, escalation target. */
function completePayload(replay: TicketReplay, input: ActionInput, at: string, calendar: WorkdayCalendar): Record<string, unknown> {
  const payload = { ...(input.payload ?? {}) };
  const fields = replay.loop.fields;
  if (input.action === 'dispatch' && payload.deadline === undefined && fields.timeLimitHours) {
    payload.deadline = calendar.deadlineOf(at, fields.timeLimitHours);
  }
  if (input.action === 'extend') {
    const hours = Number.isInteger(payload.hours) ? (payload.hours as number) : replay.loop.facts.pendingExtension?.hours;
    if (hours !== undefined) payload.hours = hours;
    if (payload.deadline === undefined && hours !== undefined && fields.deadline !== '') payload.deadline = calendar.addWorkingHours(fields.deadline, hours).toISOString();
  }
  if (input.action === 'escalate' && payload.to === undefined) {
    const upper = upperUnitOf(fields.holderCode);
    if (upper) Object.assign(payload, { from: fields.holderCode, to: upper });
  }
  return payload;
}

/**
 * Takes one step of the loop on an order. Throws ActionRefusedError with the reason in Chinese
 * when the machine or the write rules refuse it; nothing is stored then.
 */
export async function performAction(store: WorkorderStore, ticketId: string, input: ActionInput, actor: WorkorderActor, context: CommandContext): Promise<TicketReplay> {
  const replay = await loadTicket(store, ticketId);
  if (!replay) throw new ActionRefusedError(refusal('notCreated'));
  // Another desk's steps this order was folded from and this desk has not received yet: acting
  // on fewer events would take them back.
  if (replay.missing.length > 0) throw new ActionRefusedError(refusal('eventsMissing', { count: String(replay.missing.length) }));
  // A step is never recorded at or before the one it follows (a fast clerk, a clock set back),
  // or the replay could put it first.
  const clock = (context.now?.() ?? new Date()).getTime();
  const now = new Date(Math.max(clock, Date.parse(replay.ticket.lastEventAt) + 1));
  const at = now.toISOString();
  const request: ActionRequest = { action: input.action, actorUnit: actor.unit, at, note: input.note, photoIds: input.photoIds, payload: completePayload(replay, input, at, context.calendar) };
  const verdict = checkAction(replay.loop, request);
  if (!verdict.ok) throw new ActionRefusedError(verdict);
  const event = eventDoc(replay.ticket, request, actor, now);
  request.eventId = event.id;
  const previous = replay.ticket;
  const next = replayTicket(previous, [...replay.events.map((e) => e.event), event]);
  // The order is written by the unit the stored order names, as the server checks it. Steps
  // that hand it to this unit may be here before the order they made (an escalation whose
  // upload is still on its way): then this step is an event only, and this desk folds it in
  // once the handed-on order arrives.
  const holds = actsAsHolder(actor.unit, replay.stored.holderCode) && actsAsHolder(actor.unit, previous.holderCode);
  const ticket: TicketDoc = { ...next.ticket, updatedAt: at, updatedBy: actor.name };
  if (holds) assertWritable(ticket, previous, actor);
  await store.events.insert(event);
  const written = holds && (await writeIfUnchanged(store, replay.stored, ticket));
  return { ...next, ticket: written ? ticket : previous };
}
