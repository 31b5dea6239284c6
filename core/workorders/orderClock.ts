/**
 * Where an order stands against its deadline, defined once: the list, the map, the grid
 * statistics and the state machine (督办 needs an overdue order) all ask here.
 */
import type { TicketDoc, TicketState } from '../schema';

/** States an order is still open in: it has a clock, and it is drawn on the map. */
export const OPEN_STATES: readonly TicketState[] = ['pendingFiling', 'pendingDispatch', 'handling', 'pendingVerification', 'longStanding'];

export function isOpen(state: TicketState): boolean {
  return OPEN_STATES.includes(state);
}

/** Open, dispatched (a deadline is set) and past its deadline at `at`. */
export function isOverdue(order: Pick<TicketDoc, 'deadline' | 'state'>, at: string | Date): boolean {
  if (order.deadline === '' || !isOpen(order.state)) return false;
  const now = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return now > Date.parse(order.deadline);
}

/** 按期 / 超期 at closing: closed no later than the deadline (no deadline: self-handled, on time). */
export function closedOnTime(deadline: string, closedAt: string): boolean {
  return deadline === '' || Date.parse(closedAt) <= Date.parse(deadline);
}
