import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../../district/demo/generate';
import { statsByGrid, statsOf } from '../../../../../renderer/features/grids/gridStats';

const demo = generateDemoDistrict({ seed: 5 });
const { grids, tickets } = demo.docs;
const now = new Date('2025-06-01T00:00:00Z');
const stats = statsByGrid(tickets, now);

describe('work-order figures per grid', () => {
  it('count a grid’s own orders and those of every grid below it', () => {
    for (const grid of grids.filter((g) => g.level <= 3)) {
      const children = grids.filter((g) => g.parentCode === grid.code);
      if (children.length === 0) continue;
      const own = tickets.filter((tk) => tk.gridCode === grid.code);
      const sum = (key: 'open' | 'overdue' | 'closed' | 'closedOnTime') => children.reduce((n, c) => n + statsOf(stats, c.code)[key], 0);
      const s = statsOf(stats, grid.code);
      expect(s.open).toBe(sum('open') + own.filter((tk) => !['closed', 'voided'].includes(tk.state)).length);
      expect(s.closed).toBe(sum('closed') + own.filter((tk) => tk.state === 'closed').length);
    }
  });

  it('count open, overdue, closed and closed-in-time orders of a village as a clerk would', () => {
    const village = grids.find((g) => g.level === 2);
    if (!village) throw new Error('no village grid');
    const mine = tickets.filter((tk) => tk.gridCode.startsWith(village.code));
    const open = mine.filter((tk) => !['closed', 'voided'].includes(tk.state));
    expect(statsOf(stats, village.code)).toEqual({
      open: open.length,
      overdue: open.filter((tk) => tk.deadline !== '' && new Date(tk.deadline) < now).length,
      closed: mine.filter((tk) => tk.state === 'closed').length,
      closedOnTime: mine.filter((tk) => tk.state === 'closed' && tk.onTime).length,
    });
    expect(mine.length).toBeGreaterThan(0);
  });

  it('are all zero for a grid without orders', () => {
    expect(statsOf(stats, '320506999999')).toEqual({ open: 0, overdue: 0, closed: 0, closedOnTime: 0 });
  });
});
