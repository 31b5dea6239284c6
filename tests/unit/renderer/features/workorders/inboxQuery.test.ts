import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../../district/demo';
import { openDatabase, type PartialGridlinkDatabase } from '../../../../../sync/database';
import type { TicketDoc } from '../../../../../core/schema';
import { isOverdue as overdueAt, OPEN_STATES } from '../../../../../core/workorders/orderClock';
import { indexCatalog } from '../../../../../renderer/features/workorders/catalogSearch';
import { newestWindow, windowedQuery } from '../../../../../renderer/features/workorders/newestWindow';
import { countSelectors, inboxQueries, listSelector, mergeRows, type Bucket } from '../../../../../renderer/features/workorders/inboxQuery';

const district = generateDemoDistrict({});
const town = district.orgTree.towns[0].code;
const NOW = '2025-06-30T09:00:00.000Z';
let db: PartialGridlinkDatabase<'tickets'>;

beforeAll(async () => {
  db = await openDatabase({ name: `inbox-${Date.now()}`, collections: ['tickets'] });
  await db.tickets.bulkInsert(district.docs.tickets);
});
afterAll(async () => {
  await db.close();
});

async function page(bucket: Bucket, filters = {}, unit = town): Promise<TicketDoc[]> {
  const { queries, order } = inboxQueries(bucket, unit, NOW, filters, 200);
  const results = await Promise.all(
    queries.map(async (q) => (await db.tickets.find(await windowedQuery(db.tickets, q, NOW)).exec()).map((d) => d.toJSON() as TicketDoc)),
  );
  return mergeRows(results, order, NOW, 200);
}

const isOverdue = (t: TicketDoc) => overdueAt(t, NOW);

describe('the inbox lists', () => {
  it('every list shows its overdue orders first, the most overdue at the top', async () => {
    for (const bucket of ['all', 'handling', 'overdue', 'escalated'] as Bucket[]) {
      const rows = await page(bucket);
      const flags = rows.map(isOverdue);
      expect(flags.indexOf(false) === -1 || !flags.slice(flags.indexOf(false)).includes(true), bucket).toBe(true);
      const overdue = rows.filter(isOverdue).map((r) => r.deadline);
      expect(overdue, bucket).toEqual([...overdue].sort());
    }
    expect((await page('overdue')).length).toBeGreaterThan(0);
    // newest first where nothing is overdue
    const closed = await page('closed');
    const latest = district.docs.tickets.filter((t) => t.state === 'closed').map((t) => t.deadline).sort().reverse().slice(0, 200);
    expect(closed.map((t) => t.deadline)).toEqual(latest);
    const all = (await page('all')).filter((t) => !isOverdue(t)).map((t) => t.reportedAt);
    expect(all).toEqual([...all].sort().reverse());
  });

  it('a town’s 处置中 holds exactly the orders it is handling; 已上报 those its villages sent up that are held above it', async () => {
    const handling = await page('handling');
    expect(handling.length).toBeGreaterThan(0);
    expect(handling.every((t) => t.holderCode === town && t.state === 'handling')).toBe(true);
    const village = district.orgTree.towns[0].villages[0].code;
    const up = await page('escalated', {}, village);
    expect(up.length).toBeGreaterThan(0);
    // (a village's own database holds only its orders; this one holds the whole district's)
    expect(up.every((t) => t.holderCode === town && OPEN_STATES.includes(t.state))).toBe(true);
    const expected = district.docs.tickets.filter((t) => t.holderCode === town && OPEN_STATES.includes(t.state));
    expect(up.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort().slice(0, 200));
  });

  it('the tab counts, taken from indexes, equal the size of each list', async () => {
    for (const bucket of ['pendingFiling', 'handling', 'overdue', 'escalated', 'closed', 'all'] as Bucket[]) {
      const parts = countSelectors(bucket, town, NOW)!;
      let counted = 0;
      for (const selector of parts) counted += await db.tickets.count(Object.keys(selector).length ? { selector } : undefined).exec();
      const listed = (await db.tickets.find({ selector: listSelector(bucket, town, NOW, {}) }).exec()).length;
      expect(counted, bucket).toBe(listed);
    }
  });

  it('filters narrow by grid (and everything inside it), category, source, state, words and report dates', async () => {
    const village = district.orgTree.towns[0].villages[1].code;
    const filters = { gridCode: village, major: '03', source: 'patrol' as const, from: '2025-01-01', to: '2025-06-30' };
    const rows = (await db.tickets.find({ selector: listSelector('all', town, NOW, filters) }).exec()).map((d) => d.toJSON() as TicketDoc);
    // the on-screen list (indexed by grid) shows the same orders
    expect((await page('all', filters)).map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const expected = district.docs.tickets.filter(
      (t) => t.gridCode.startsWith(village) && t.catalogItemCode?.startsWith('03') && t.source === 'patrol' && t.reportedAt >= '2024-12-31T16:00:00.000Z' && t.reportedAt < '2025-06-30T16:00:00.000Z',
    );
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((t) => t.id).sort());
    const word = district.docs.tickets[5].description.slice(0, 8);
    const found = (await db.tickets.find({ selector: listSelector('all', town, NOW, { text: word }) }).exec()).map((d) => d.description);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.includes(word))).toBe(true);
  });
});

describe('finding an event-list item', () => {
  const index = indexCatalog(district.docs.catalogItems);
  it('by pinyin initials, full pinyin, Chinese or code', () => {
    expect(index.search('jgqs')[0].name).toBe('井盖缺失');
    expect(index.search('jinggai').map((i) => i.name)).toContain('井盖破损');
    expect(index.search('井盖').every((i) => i.name.includes('井盖'))).toBe(true);
    const code = district.docs.catalogItems[0].code;
    expect(index.search(code)[0].code).toBe(code);
    expect(index.search('  ')).toEqual([]);
  });
});

describe('a state filter on a list that fixes its own state', () => {
  it('keeps that state’s orders or shows none, never another state', async () => {
    const { queries } = inboxQueries('handling', town, NOW, { state: 'closed' }, 200);
    expect(queries).toEqual([]);
    const overdueHandling = inboxQueries('overdue', town, NOW, { state: 'handling' }, 200).queries;
    expect(overdueHandling).toHaveLength(1);
    expect(JSON.stringify(overdueHandling[0].selector)).not.toContain('$and');
  });
});

describe('a newest-first page read through its window', () => {
  const probes = (field: string) => ({
    count: (selector: object) => db.tickets.count({ selector }).exec(),
    lowest: async (selector: object) => (await db.tickets.findOne({ selector, sort: [{ [field]: 'asc' as const }] }).exec())?.get(field) as string | undefined,
  });

  it('holds exactly the newest orders of the list, reading about a page rather than the whole list', async () => {
    for (const [selector, field] of [[{}, 'reportedAt'], [{ state: 'closed' }, 'deadline']] as const) {
      const all = (await db.tickets.find({ selector }).exec()).map((d) => d.toJSON() as TicketDoc);
      const limit = 25;
      expect(all.length, field).toBeGreaterThan(4 * limit);
      const window = await newestWindow(probes(field), selector, field, limit, NOW);
      expect(window.skip).toBe(0);
      // found again from its own bound after the list changed
      expect((await newestWindow(probes(field), selector, field, limit, NOW, window.since)).selector).toEqual(window.selector);
      const inWindow = (await db.tickets.find({ selector: window.selector, sort: [{ [field]: 'asc' }] }).exec()).map((d) => d.toJSON() as TicketDoc);
      expect(inWindow.length, field).toBeGreaterThanOrEqual(limit);
      expect(inWindow.length, field).toBeLessThan(all.length / 2);
      const newest = (rows: TicketDoc[]) => rows.map((t) => t[field]).sort().reverse().slice(0, limit);
      expect(newest(inWindow), field).toEqual(newest(all));
    }
  });

  it('a list no longer than a page is read whole; orders too old for any window are still found', async () => {
    const window = await newestWindow(probes('deadline'), { state: 'closed' }, 'deadline', 1_000_000, NOW);
    expect(window).toEqual({ selector: { state: 'closed' }, skip: 0 });
    // "now" a century on: no window reaches back far enough, the page is the list's tail
    const total = await db.tickets.count().exec();
    const far = await newestWindow(probes('reportedAt'), {}, 'reportedAt', 10, '2125-01-01T00:00:00.000Z');
    expect(far).toEqual({ selector: {}, skip: total - 10 });
  });
});

