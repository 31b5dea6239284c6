/**
 * Keeps the orders this unit holds equal to the replay of their events.
 *
 * Only the holder writes an order (the write rules), but others add events to it: the town's
 * 督办 on a village's order, or steps another desk of the same unit took. When such an event —
 * or the order itself — arrives, the holder's desk replays the order and stores the result, so
 * the inbox (which reads orders) shows what the events say. It writes only what it may and what
 * is true:
 * - the unit holds the stored order (the server's last word: the rules check the same). It
 *   writes a handover too: a step this unit took while the order it had been handed was still
 *   on its way is an event only (commands.ts), folded in here once the order arrives; another
 *   desk of the unit writing the same handover is harmless (the second write finds the server
 *   holding the same projection and settles to it, core/conflicts/policies.ts);
 * - the desk has every event the stored order was folded from (`eventIds`): a replay of fewer
 *   events would take back a step another desk recorded (events arrive in any order, the order
 *   before its events or after them).
 *
 * Recovery: a desk that stopped between storing a new order's events and the order itself
 * rebuilds the order from its report (which carries it) at its next start. Events carry the
 * unit, not the desk: one that stopped after receiving another desk's report, but before its
 * order, rebuilds that too; its upload meets the server's copy and keeps it (policies.ts).
 */
import type { Subscription } from 'rxjs';
import type { RxChangeEvent } from 'rxdb';
import type { Actor } from '../actor';
import type { EventDoc, TicketDoc } from '../schema';
import { hasAllEvents, orderOfReport, PROJECTED_FIELDS, replayTicket } from './projection';
import { OPEN_STATES } from './orderClock';
import { actsAsHolder } from './stateMachine';
import { writeIfUnchanged } from './orderWrite';
import type { WorkorderStore } from './commands';

const SETTLE_MS = 150;

/**
 * Whether the replay says something the stored order does not (bookkeeping fields aside). An
 * order stored before orders carried their event ids (`eventIds` absent) may hold a field no
 * event gives (data written before the events carried it): there a field the replay leaves
 * unset is no difference, and is kept.
 */
function differs(stored: TicketDoc, replayed: TicketDoc): boolean {
  const legacy = stored.eventIds === undefined;
  for (const field of PROJECTED_FIELDS) {
    const next = (replayed as Record<string, unknown>)[field];
    if (legacy && (next === undefined || field === 'eventIds')) continue;
    if (JSON.stringify((stored as Record<string, unknown>)[field]) !== JSON.stringify(next)) return true;
  }
  return false;
}

async function eventsOf(store: WorkorderStore, ticketId: string): Promise<EventDoc[]> {
  return (await store.events.find({ selector: { subjectId: ticketId } }).exec()).map((e) => e.toMutableJSON() as EventDoc);
}

/**
 * Replays one order; writes it when this unit holds it, has its events and they say something
 * new. `false` with `deferred`: the desk may have to act once more of the order arrives.
 */
export async function materializeTicket(store: WorkorderStore, ticketId: string, actor: Actor, rebuild = true): Promise<boolean> {
  return (await materialize(store, ticketId, actor, rebuild)) === 'written';
}

type Outcome = 'written' | 'nothingNew' | 'deferred';

/** `rebuild`: an order missing here is rebuilt from its report (the start's pass only, see below). */
async function materialize(store: WorkorderStore, ticketId: string, actor: Actor, rebuild: boolean): Promise<Outcome> {
  const doc = await store.tickets.findOne(ticketId).exec();
  const events = await eventsOf(store, ticketId);
  if (!doc) return rebuild && (await recoverOrder(store, ticketId, events, actor)) ? 'written' : 'deferred';
  const stored = doc.toMutableJSON() as TicketDoc;
  if (!actsAsHolder(actor.unit, stored.holderCode) || !hasAllEvents(stored, events)) return 'deferred';
  const { ticket } = replayTicket(stored, events, { asHolder: actor.unit });
  if (!differs(stored, ticket)) return 'nothingNew';
  const at = new Date().toISOString();
  // The replay decides every projected field (one it leaves unset is cleared), but for a legacy
  // order's fields no event gives (see differs).
  const next = stored.eventIds === undefined ? { ...stored, ...ticket, updatedAt: at, updatedBy: actor.name } : { ...ticket, updatedAt: at, updatedBy: actor.name };
  // The order changed while it was replayed (the server's copy arrived): replayed again on it.
  return (await writeIfUnchanged(store, stored, next)) ? 'written' : 'deferred';
}

/**
 * An order whose events are here but not the order: rebuilt when this unit reported it and the
 * order was never stored. One the server refused left a deleted copy here (its refusal is in the
 * quarantine, to resend or discard): that one is not rebuilt.
 */
async function recoverOrder(store: WorkorderStore, ticketId: string, events: EventDoc[], actor: Actor): Promise<boolean> {
  const [anyCopy] = await store.tickets.storageInstance.findDocumentsById([ticketId], true);
  if (anyCopy) return false;
  const report = events.find((e) => e.action === 'report' && e.byUnit === actor.unit);
  const base = report ? orderOfReport(report) : null;
  if (!base) return false;
  if (!actsAsHolder(actor.unit, base.ownerCode)) return false;
  const { ticket } = replayTicket(base, events, { asHolder: actor.unit });
  const result = await store.tickets.bulkInsert([{ ...ticket, updatedAt: new Date().toISOString(), updatedBy: actor.name }]);
  // The order arrived from the server meanwhile: nothing to rebuild.
  if (result.error.some((e) => e.status === 409)) return false;
  if (result.error.length > 0) throw new Error(`rebuilding ${ticketId} failed (${result.error[0].status})`);
  return true;
}

/**
 * Orders this desk may need to write after a stop: the open ones it holds, and those its unit
 * reported whose order never got stored (`unstored`). A unit's own orders are numbered
 * `GD<unit>…`, so their events are one range of ids (no scan of every event).
 */
async function ordersToCheck(store: WorkorderStore, actor: Actor): Promise<{ held: string[]; unstored: string[] }> {
  const held = await store.tickets.find({ selector: { holderCode: actor.unit, state: { $in: [...OPEN_STATES] } } }).exec();
  const prefix = `ticketEvent:GD${actor.unit}`;
  const own = await store.events.find({ selector: { id: { $gte: prefix, $lt: `${prefix}\uffff` } } }).exec();
  const reported = own.filter((e) => e.action === 'report' && e.byUnit === actor.unit).map((e) => e.subjectId);
  const stored = await store.tickets.findByIds(reported).exec();
  return { held: held.map((t) => t.id), unstored: reported.filter((id) => !stored.has(id)) };
}

/** A change that makes `unit` the holder of an order it did not hold before. */
function handedHere(change: RxChangeEvent<TicketDoc>, unit: string): boolean {
  if (change.operation !== 'UPDATE' || !change.documentData) return false;
  return actsAsHolder(unit, change.documentData.holderCode) && !actsAsHolder(unit, change.previousDocumentData.holderCode);
}

/**
 * Follows new ticket events and orders stored from the server for as long as the station is
 * open, after one pass over what may have been left half-written; returns the stopper, which
 * resolves once what was noted is folded in.
 */
export function startMaterializer(store: WorkorderStore, actor: Actor, onError: (error: unknown) => void = () => undefined): () => Promise<void> {
  const waiting = new Set<string>();
  /** Orders an event arrived for that could not be written yet: looked at again when the order changes. */
  const deferred = new Set<string>();
  /** Orders taken for a replay and not done yet: one that changes meanwhile is replayed once more after. */
  const queued = new Set<string>();
  /**
   * Orders the start's pass found reported here and never stored: rebuilt from their report.
   * Only then: while the station runs, an order missing beside its report is one another desk
   * of the unit recorded and whose order is still on its way (a rebuild would race it up).
   */
  const rebuildable = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  let stopped = false;
  const flush = () => {
    timer = undefined;
    const ids = [...waiting];
    waiting.clear();
    ids.forEach((id) => queued.add(id));
    running = running.then(async () => {
      for (const id of ids) {
        if (stopped) return;
        const outcome = await materialize(store, id, actor, rebuildable.delete(id))
          .catch((error: unknown) => {
            onError(error);
            return 'deferred' as const;
          })
          .finally(() => queued.delete(id));
        if (outcome === 'deferred') deferred.add(id);
        else deferred.delete(id);
      }
    });
  };
  const note = (id: string) => {
    waiting.add(id);
    timer ??= setTimeout(flush, SETTLE_MS);
  };
  running = ordersToCheck(store, actor)
    .then(({ held, unstored }) => {
      unstored.forEach((id) => rebuildable.add(id));
      [...held, ...unstored].forEach(note);
    })
    .catch(onError);
  const subscriptions: Subscription[] = [
    store.events.$.subscribe((change) => {
      const doc = change.documentData as EventDoc | undefined;
      if (change.operation === 'INSERT' && doc?.type === 'ticketEvent') note(doc.subjectId);
    }),
    // An order that arrives (or changes) after events it was waiting for is looked at again,
    // also when it arrives while those events are still queued or being replayed (the replay
    // may have read the order before it changed: found by the randomized run). So is an order
    // handed to this unit: a step this desk took while the order was on its way is an event
    // only, and `deferred` does not outlive a restart (found by the randomized run).
    store.tickets.$.subscribe((change) => {
      const id = change.documentId;
      if (deferred.has(id) || waiting.has(id) || queued.has(id) || handedHere(change, actor.unit)) note(id);
    }),
  ];
  // Stopping folds in what is already noted (an event the sync stored as it wound down) and
  // what is being folded: an order that is final by then is not looked at again at the next start.
  return async () => {
    subscriptions.forEach((s) => s.unsubscribe());
    if (timer) {
      clearTimeout(timer);
      flush();
    }
    await running;
    stopped = true;
  };
}
