/**
 * Writing an order over the copy a step or a replay was computed on, and over nothing newer.
 */
import { deepEqual } from 'rxdb';
import type { TicketDoc } from '../schema';
import type { WorkorderStore } from './commands';

class OrderChanged extends Error {}

/**
 * Stores `next` only over `read`, the order it was computed on. The server's newer copy may have
 * been stored meanwhile (the feed runs while a clerk acts or a replay runs): written over, it
 * would carry the newer revision and be refused as a step the server never saw (found by the
 * randomized run). Then nothing is written: a step stays an event, which the holder folds into
 * the newer order, and a replay runs again on it.
 */
export async function writeIfUnchanged(store: WorkorderStore, read: TicketDoc, next: TicketDoc): Promise<boolean> {
  const doc = await store.tickets.findOne(read.id).exec();
  if (!doc) return false;
  try {
    await doc.incrementalModify((current) => {
      if (!deepEqual(dataOf(current), dataOf(read))) throw new OrderChanged();
      return next;
    });
    return true;
  } catch (error) {
    if (error instanceof OrderChanged) return false;
    throw error;
  }
}

/** A doc without the storage's bookkeeping (`_rev`, `_meta` …). */
function dataOf(doc: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')));
}
