import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QuarantineDoc, SettingDoc } from '../../../core/schema';
import { openDatabase, type PartialGridlinkDatabase } from '../../../sync/database';
import { clearSettled } from '../../../sync/retention';
import { runRetention } from '../../../renderer/data/retention';

const station = '320506101002';
const DAY = 86_400_000;
const now = new Date('2026-12-05T02:00:00.000Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

function record(id: string, kind: QuarantineDoc['kind'], resolvedDaysAgo: number | null): QuarantineDoc {
  return {
    id, kind, docId: `mediationCase:${id}`, doc: { parties: [{ idNumber: '320506199001011234' }] }, reason: 'forbidden', at: ago(400),
    ...(resolvedDaysAgo === null ? {} : { resolvedAt: ago(resolvedDaysAgo) }),
  };
}

function setting(unit: string, days: number): SettingDoc {
  const at = ago(1);
  const scope = [unit.slice(0, 6), unit.slice(0, 9), unit].slice(0, unit.length / 3 - 1);
  return { id: `setting:${unit}`, type: 'setting', scope, createdAt: at, updatedAt: at, updatedBy: 'admin', unitCode: unit, settledRetentionDays: days };
}

let db: PartialGridlinkDatabase<'quarantine' | 'settings'> | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
  vi.restoreAllMocks();
});

async function open() {
  db = await openDatabase({ name: `retention-${Math.random().toString(36).slice(2)}`, collections: ['quarantine', 'settings'] as const });
  await db.quarantine.bulkInsert([
    record('resentLongAgo', 'rejectedPush', 120),
    record('discardedLately', 'rejectedPush', 10),
    record('conflictSettled', 'conflict', 95),
    record('neverSettled', 'invalidPull', null),
  ]);
  return db;
}

describe('clearing settled quarantine and conflict records', () => {
  it('removes only records settled more than N days ago, never an unsettled one, and says which', async () => {
    const { quarantine } = await open();
    const run = await clearSettled(quarantine, 90, now);
    expect(run.removed.map((r) => r.id).sort()).toEqual(['conflictSettled', 'resentLongAgo']);
    expect(run.cutoff).toBe(ago(90));
    expect((await quarantine.find().exec()).map((d) => d.id).sort()).toEqual(['discardedLately', 'neverSettled']);
    expect((await clearSettled(quarantine, 90, now)).removed).toEqual([]);
    await expect(clearSettled(quarantine, 0, now)).rejects.toThrow(/at least 1/);
  });

  it('follows the district’s setting (the station’s own over its district’s), 90 days when none, and logs each removal', async () => {
    const opened = await open();
    const log = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    // Default: 90 days.
    expect(await runRetention(opened, station, now)).toMatchObject({ days: 90, removed: 2, byKind: { rejectedPush: 1, conflict: 1 } });
    // The district says 30 days, the station itself 5: the station's wins.
    await opened.settings.bulkInsert([setting(station.slice(0, 6), 30), setting(station, 5)]);
    const summary = await runRetention(opened, station, now);
    expect(summary).toMatchObject({ days: 5, removed: 1, byKind: { rejectedPush: 1 } });
    expect(await opened.quarantine.find().exec()).toHaveLength(1);
    const lines = log.mock.calls.map((call) => String(call[0]));
    expect(lines.filter((line) => line.startsWith('retention: cleared'))).toHaveLength(3);
    expect(lines.some((line) => line.includes('mediationCase:discardedLately') && line.includes('5 days'))).toBe(true);
    // The log names the document, never its content.
    expect(lines.join('\n')).not.toContain('320506199001011234');
  });
});
