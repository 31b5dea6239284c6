/**
 * Work-order figures per grid: open, overdue, closed and closed in time. A grid counts the
 * orders of its whole subtree; grid codes extend their parent's code, so the grids an order
 * counts for are the prefixes of its grid code (9, 12, 15 and 18 digits).
 */
import type { TicketDoc } from '../../../core/schema';
import { isOpen, isOverdue } from '../../../core/workorders/orderClock';

export interface GridStats {
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
}

const GRID_CODE_LENGTHS = [9, 12, 15, 18];
const EMPTY: GridStats = { open: 0, overdue: 0, closed: 0, closedOnTime: 0 };

export function statsByGrid(tickets: readonly Pick<TicketDoc, 'gridCode' | 'state' | 'deadline' | 'onTime'>[], now: Date): Map<string, GridStats> {
  const stats = new Map<string, GridStats>();
  for (const ticket of tickets) {
    const open = isOpen(ticket.state);
    const overdue = open && isOverdue(ticket, now);
    const closed = ticket.state === 'closed';
    for (const length of GRID_CODE_LENGTHS) {
      if (ticket.gridCode.length < length) break;
      const code = ticket.gridCode.slice(0, length);
      const s = stats.get(code) ?? { ...EMPTY };
      if (open) s.open++;
      if (overdue) s.overdue++;
      if (closed) s.closed++;
      if (closed && ticket.onTime) s.closedOnTime++;
      stats.set(code, s);
    }
  }
  return stats;
}

export function statsOf(stats: ReadonlyMap<string, GridStats>, code: string): GridStats {
  return stats.get(code) ?? EMPTY;
}
