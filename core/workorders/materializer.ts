/**
 * Keeps the tickets this unit holds equal to the replay of their events.
 *
 * Only the holder writes a ticket (the write rules), but others add events to it: the town's
 * 督办 on a village's order, or steps another desk of the same unit took offline. When such an
 * event arrives, the holder's station replays the order and stores the result, so the inbox
 * (which reads ticket docs) shows what the events say.
 */
import type { Subscription } from 'rxjs';
import type { EventDoc, TicketDoc } from '../schema';
import { PROJECTED_FIELDS, replayTicket } from './projection';
import { actsAsHolder } from './stateMachine';
import type { WorkorderStore } from './commands';

const SETTLE_MS = 150;

/**
 * Whether the replay says something the stored order does not. A field the events leave unset is
 * no difference: the patch below would not clear it, so counting it rewrote (and uploaded) an
 * order whose other fields were all the same, at every start.
 */
function differs(stored: TicketDoc, replayed: TicketDoc): boolean {
  for (const field of PROJECTED_FIELDS) {
    const next = (replayed as Record<string, unknown>)[field];
    if (next !== undefined && JSON.stringify((stored as Record<string, unknown>)[field]) !== JSON.stringify(next)) return true;
  }
  return false;
}

/** Replays one order; writes it when this unit holds it and the events say something new. */
export async function materializeTicket(store: WorkorderStore, ticketId: string, unit: string, by: string): Promise<boolean> {
  const doc = await store.tickets.findOne(ticketId).exec();
  if (!doc) return false;
  const stored = doc.toMutableJSON() as TicketDoc;
  if (!actsAsHolder(unit, stored.holderCode)) return false;
  const events = (await store.events.find({ selector: { subjectId: ticketId } }).exec()).map((e) => e.toMutableJSON() as EventDoc);
  const { ticket } = replayTicket(stored, events);
  if (!differs(stored, ticket)) return false;
  await doc.incrementalPatch({ ...ticket, updatedAt: new Date().toISOString(), updatedBy: by });
  return true;
}

/** Follows new ticket events for as long as the station is open; returns the stopper. */
export function startMaterializer(store: WorkorderStore, unit: string, by: string): () => void {
  const waiting = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const ids = [...waiting];
    waiting.clear();
    running = running.then(async () => {
      for (const id of ids) await materializeTicket(store, id, unit, by).catch(() => false);
    });
  };
  const subscription: Subscription = store.events.$.subscribe((change) => {
    const doc = change.documentData as EventDoc | undefined;
    if (change.operation !== 'INSERT' || !doc || doc.type !== 'ticketEvent') return;
    waiting.add(doc.subjectId);
    timer ??= setTimeout(flush, SETTLE_MS);
  });
  return () => {
    subscription.unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
