import { describe, expect, it } from 'vitest';
import { outsideSyncWindow, pullSelectorOf, syncWindowStart } from '../../../core/syncWindow';

describe('the sync window', () => {
  it('starts on the first day of the month N months back, in China time', () => {
    // 2026-12-05 10:00 in Beijing: 12 months back is 2025-12-01 00:00 Beijing = 2025-11-30 16:00 UTC.
    expect(syncWindowStart(12, new Date('2026-12-05T02:00:00Z'))).toBe('2025-11-30T16:00:00.000Z');
    // 2027-01-01 02:00 in Beijing is still 2026-12-31 in UTC: the month is Beijing's January.
    expect(syncWindowStart(1, new Date('2026-12-31T18:00:00Z'))).toBe('2026-11-30T16:00:00.000Z');
    expect(syncWindowStart(13, new Date('2026-01-15T00:00:00Z'))).toBe('2024-11-30T16:00:00.000Z');
  });

  it('is off without a positive whole number of months', () => {
    for (const months of [undefined, 0, -3, 1.5]) expect(syncWindowStart(months)).toBeNull();
    expect(pullSelectorOf({})).toBeNull();
    expect(pullSelectorOf({ syncWindowMonths: 12 })).not.toBeNull();
  });

  it('leaves on the server only settled orders and steps older than its start', () => {
    const start = '2025-12-01T00:00:00.000Z';
    const old = '2025-06-01T00:00:00.000Z';
    const recent = '2026-06-01T00:00:00.000Z';
    expect(outsideSyncWindow({ type: 'ticket', state: 'closed', updatedAt: old }, start)).toBe(true);
    expect(outsideSyncWindow({ type: 'ticket', state: 'voided', updatedAt: old }, start)).toBe(true);
    expect(outsideSyncWindow({ type: 'ticket', state: 'handling', updatedAt: old }, start)).toBe(false);
    expect(outsideSyncWindow({ type: 'ticket', state: 'closed', updatedAt: recent }, start)).toBe(false);
    expect(outsideSyncWindow({ type: 'ticketEvent', at: old }, start)).toBe(true);
    expect(outsideSyncWindow({ type: 'ticketEvent', at: recent }, start)).toBe(false);
    expect(outsideSyncWindow({ type: 'caseEvent', at: old }, start)).toBe(false);
    expect(outsideSyncWindow({ type: 'mediationCase', updatedAt: old }, start)).toBe(false);
  });
});
