/**
 * bench:stats — the indicators of a town with 100,000 orders.
 * 1. Node: the orders' facts read off their tickets' statistics records (core/stats/orderFacts,
 *    the screen's path), against two baselines measured in the same run: the same facts replayed
 *    from the events (the path before tickets carried the record, and still the one for orders
 *    without it) and the plain projection of the same orders (replayTicket).
 * 2. Chromium: the screen's whole path in the page: the facts from the tickets' records (with
 *    the check that each ticket folded every event there), the year's figures by village and the
 *    screen's charts (goal: under 500 ms), against one plain pass over the same facts.
 * Prints the figures; not a timed test.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { generateDemoDistrict } from '../../district/demo/generate';
import { serveStatic } from '../../district/devServer/staticServer';
import { ordersFactsOf } from '../../core/stats/orderFacts';
import { monthOf, monthPeriod } from '../../core/stats/period';
import type { EventDoc, TicketDoc } from '../../core/schema';
import { replayTicket } from '../../core/workorders/projection';
import { WorkdayCalendar } from '../../core/workorders/workdayCalendar';
import type { StatsBenchResult } from './page';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'out/bench-stats');
const ORDERS = Number(process.env.ORDERS ?? 100_000);
const VILLAGES = 22;

async function main(): Promise<void> {
  let t0 = performance.now();
  const { docs, orgTree } = generateDemoDistrict({ towns: 1, villagesPerTown: VILLAGES, ticketsPerVillage: Math.ceil(ORDERS / VILLAGES), casesPerVillage: 0, componentsPerVillage: 0, staffPerVillage: 2 });
  console.log(`generated ${docs.tickets.length} orders, ${docs.ticketEvents.length} events in ${Math.round(performance.now() - t0)} ms`);
  const town = orgTree.towns[0].code;
  const asOf = new Date(Math.max(...docs.tickets.map((t) => Date.parse(t.lastEventAt))) + 86_400_000);
  const kinds = new Map(docs.departments.map((d) => [d.code, d.kind]));

  const byOrder = new Map<string, EventDoc[]>();
  for (const e of docs.ticketEvents) byOrder.set(e.subjectId, [...(byOrder.get(e.subjectId) ?? []), e]);
  t0 = performance.now();
  for (const ticket of docs.tickets) replayTicket(ticket, byOrder.get(ticket.id) ?? []);
  const projectionMs = performance.now() - t0;
  const context = { calendar: new WorkdayCalendar(), asOf, departmentKind: (code: string) => kinds.get(code) };
  const bare = docs.tickets.map(({ stats: _stats, ...ticket }) => ticket as TicketDoc);
  t0 = performance.now();
  const replayedTally = { replayed: 0 };
  const replayed = ordersFactsOf(bare, docs.ticketEvents, context, replayedTally);
  const replayMs = performance.now() - t0;
  t0 = performance.now();
  const tally = { replayed: 0 };
  const facts = ordersFactsOf(docs.tickets, docs.ticketEvents, context, tally);
  const factsMs = performance.now() - t0;
  if (JSON.stringify(facts) !== JSON.stringify(replayed)) throw new Error('the facts from the tickets\' records differ from the replayed ones');
  console.log(
    `node: facts of ${facts.length} orders from their tickets' records ${Math.round(factsMs)} ms (${tally.replayed} replayed); ` +
      `baselines: replayed from their events ${Math.round(replayMs)} ms (${replayedTally.replayed} replayed, ×${(replayMs / factsMs).toFixed(1)} slower), the projection alone ${Math.round(projectionMs)} ms`,
  );

  const months = new Map<string, number>();
  for (const f of facts) months.set(monthOf(f.reportedAt), (months.get(monthOf(f.reportedAt)) ?? 0) + 1);
  const [month] = [...months.entries()].sort((a, b) => b[1] - a[1])[0];
  // The whole year the data spans: the screen's 本年, the heaviest period.
  const year = { from: monthPeriod(`${month.slice(0, 4)}-01`).from, to: monthPeriod(`${month.slice(0, 4)}-12`).to };

  await build({ root: resolve(ROOT, 'bench/stats'), base: './', logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true } });
  await mkdir(OUT, { recursive: true });
  await writeFile(resolve(OUT, 'facts.json'), JSON.stringify(facts));
  // What the screen reads: the tickets (the fields the facts need) and the ticket events' ids.
  const slim = docs.tickets.map((t) => ({ id: t.id, number: t.number, ownerCode: t.ownerCode, gridCode: t.gridCode, reportedAt: t.reportedAt, updatedBy: t.updatedBy, eventIds: t.eventIds, stats: t.stats }));
  await writeFile(resolve(OUT, 'tickets.json'), JSON.stringify(slim));
  await writeFile(resolve(OUT, 'kinds.json'), JSON.stringify(Object.fromEntries(kinds)));
  await writeFile(resolve(OUT, 'events.json'), JSON.stringify(docs.ticketEvents.map((e) => ({ id: e.id, type: e.type, subjectId: e.subjectId }))));
  const server = await serveStatic(OUT);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    for (let round = 1; round <= 3; round++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(`${server.url}/index.html?town=${town}&from=${encodeURIComponent(year.from)}&to=${encodeURIComponent(year.to)}&asOf=${encodeURIComponent(asOf.toISOString())}`);
      await page.waitForFunction(() => window.statsBenchResult !== undefined, undefined, { timeout: 300_000 });
      const r = (await page.evaluate(() => window.statsBenchResult)) as StatsBenchResult;
      if (r.error) throw new Error(r.error);
      console.log(
        `chromium round ${round}: ${r.orders} orders (${r.reports} in the year): facts from the tickets' records ${Math.round(r.factsMs)} ms (${r.replayed} replayed) + figures ${Math.round(r.figuresMs)} ms + charts ${Math.round(r.drawMs)} ms = ${Math.round(r.totalMs)} ms (goal < 500); baseline one pass ${r.baselineMs.toFixed(1)} ms`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
