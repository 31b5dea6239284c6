import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../../district/demo';
import { generateDataKey, importDataKey } from '../../../../../core/dataKey';
import { openDatabase, type PartialGridlinkDatabase } from '../../../../../sync/database';
import { flatHits, globalSearch, HITS_PER_KIND, searchTermOf } from '../../../../../renderer/features/search/globalSearch';

const district = generateDemoDistrict({ towns: 2, villagesPerTown: 3 });
const { tickets, mediationCases, staff, components, grids } = district.docs;
let db: PartialGridlinkDatabase<'tickets' | 'cases' | 'staff' | 'components' | 'grids'>;

beforeAll(async () => {
  // As a station opens it: personal fields encrypted at rest (sync/encryptedStorage.ts).
  const dataKey = await importDataKey(generateDataKey());
  db = await openDatabase({ name: `search-${Date.now()}`, collections: ['tickets', 'cases', 'staff', 'components', 'grids'], dataKey });
  await db.tickets.bulkInsert(tickets);
  await db.cases.bulkInsert(mediationCases);
  await db.staff.bulkInsert(staff);
  await db.components.bulkInsert(components);
  await db.grids.bulkInsert(grids);
});
afterAll(async () => {
  await db.close();
});

const search = (input: string) => globalSearch(db, input);

describe('global search', () => {
  it('finds a work order by its number and opens its page', async () => {
    const order = tickets[7];
    const groups = await search(order.number);
    const hits = groups.find((g) => g.kind === 'tickets')!.hits;
    expect(hits.map((h) => h.id)).toEqual([order.id]);
    expect(hits[0].href).toBe(`#/workorders/order/${encodeURIComponent(order.id)}`);
  });

  it('finds work orders by words of the description or the address, newest first, a few at most', async () => {
    const word = tickets[3].description.slice(0, 4);
    const expected = tickets.filter((t) => t.description.includes(word) || t.address?.includes(word) || t.number.includes(word));
    const group = (await search(word)).find((g) => g.kind === 'tickets')!;
    expect(group.hits.length).toBe(Math.min(HITS_PER_KIND, expected.length));
    expect(group.more).toBe(expected.length > HITS_PER_KIND);
    const newest = [...expected].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt)).slice(0, HITS_PER_KIND);
    expect(group.hits.map((h) => h.id)).toEqual(newest.map((t) => t.id));
  });

  it('finds a mediation case by a party’s name and opens the case page', async () => {
    const c = mediationCases[2];
    const name = c.parties[1].name;
    const group = (await search(name)).find((g) => g.kind === 'cases')!;
    expect(group.hits.map((h) => h.id)).toContain(c.id);
    const hit = group.hits.find((h) => h.id === c.id)!;
    expect(hit.href).toBe(`#/mediation/case/${encodeURIComponent(c.id.slice('mediationCase:'.length))}`);
    expect(hit.detail).toContain(name);
    expect((await search(c.number)).find((g) => g.kind === 'cases')!.hits.map((h) => h.id)).toEqual([c.id]);
  });

  it('finds a case by a party’s whole ID number or phone, and an order by its reporter’s whole phone; never by a part', async () => {
    const c = mediationCases.find((m) => m.parties.some((p) => p.idNumber && p.phone))!;
    const party = c.parties.find((p) => p.idNumber && p.phone)!;
    for (const whole of [party.idNumber!, party.phone!]) {
      expect((await search(whole)).find((g) => g.kind === 'cases')?.hits.map((h) => h.id)).toContain(c.id);
    }
    expect((await search(party.idNumber!.slice(0, 12))).find((g) => g.kind === 'cases')?.hits.map((h) => h.id) ?? []).not.toContain(c.id);
    const order = tickets.find((t) => t.reporterPhone)!;
    expect((await search(order.reporterPhone!)).find((g) => g.kind === 'tickets')?.hits.map((h) => h.id)).toContain(order.id);
    expect((await search(order.reporterPhone!.slice(0, 7))).find((g) => g.kind === 'tickets')?.hits.map((h) => h.id) ?? []).not.toContain(order.id);
  });

  it('finds a person by name or by phone, and a component and a grid by code or name', async () => {
    const person = staff[4];
    expect((await search(person.phone)).find((g) => g.kind === 'staff')!.hits.map((h) => h.id)).toEqual([person.id]);
    expect((await search(person.name)).find((g) => g.kind === 'staff')!.hits.map((h) => h.href)).toContain(`#/staff/${encodeURIComponent(person.staffId)}`);
    const component = components[5];
    expect((await search(component.code)).find((g) => g.kind === 'components')!.hits).toEqual([
      expect.objectContaining({ id: component.id, href: `#/components/${component.code}` }),
    ]);
    const grid = grids.find((g) => g.level === 3)!;
    expect((await search(grid.name)).find((g) => g.kind === 'grids')!.hits.map((h) => h.href)).toContain(`#/grids/${grid.code}`);
  });

  it('takes the words literally and ignores case; a lone letter or digit searches nothing', async () => {
    expect(await search('.*')).toEqual([]);
    expect(await search('(')).toEqual([]);
    expect(await search('  ')).toEqual([]);
    expect(searchTermOf('7')).toBeNull();
    expect(searchTermOf('张')).toBe('张');
    const order = tickets[1];
    expect(flatHits(await search(order.number.toLowerCase())).map((h) => h.id)).toContain(order.id);
  });

  it('offers a whole order number this desk does not hold, to be fetched from the server when opened', async () => {
    const number = `${tickets[0].number.slice(0, 14)}ZZZZZZ`.toLowerCase();
    const hits = (await search(` ${number} `)).find((g) => g.kind === 'tickets')!.hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ id: `ticket:${number.toUpperCase()}`, title: number.toUpperCase(), href: `#/workorders/order/${encodeURIComponent(`ticket:${number.toUpperCase()}`)}` });
    expect(hits[0].detail).toContain('区服务器');
    // A part of a number is a search, not an order to fetch.
    expect(await search(tickets[0].number.slice(0, 12).replace(/\d$/, 'Q'))).toEqual([]);
  });

  it('says nothing matched with no groups at all', async () => {
    expect(await search('不存在的词语组合')).toEqual([]);
  });
});
