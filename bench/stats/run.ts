/**
 * bench:stats — the indicators of a town with 100,000 orders.
 * 1. Node: the orders' facts replayed from their events (core/stats/orderFacts), against a
 *    baseline measured in the same run: the plain projection of the same orders (replayTicket).
 * 2. Chromium: those facts turned into the month's figures by village and drawn as the
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
import type { EventDoc } from '../../core/schema';
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
  t0 = performance.now();
  const facts = ordersFactsOf(docs.tickets, docs.ticketEvents, { calendar: new WorkdayCalendar(), asOf, departmentKind: (code) => kinds.get(code) });
  const factsMs = performance.now() - t0;
  console.log(`node: facts of ${facts.length} orders from their events ${Math.round(factsMs)} ms; baseline, the projection alone: ${Math.round(projectionMs)} ms (×${(factsMs / projectionMs).toFixed(2)})`);

  const months = new Map<string, number>();
  for (const f of facts) months.set(monthOf(f.reportedAt), (months.get(monthOf(f.reportedAt)) ?? 0) + 1);
  const [month] = [...months.entries()].sort((a, b) => b[1] - a[1])[0];
  // The whole year the data spans: the screen's 本年, the heaviest period.
  const year = { from: monthPeriod(`${month.slice(0, 4)}-01`).from, to: monthPeriod(`${month.slice(0, 4)}-12`).to };

  await build({ root: resolve(ROOT, 'bench/stats'), base: './', logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true } });
  await mkdir(OUT, { recursive: true });
  await writeFile(resolve(OUT, 'facts.json'), JSON.stringify(facts));
  const server = await serveStatic(OUT);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    for (let round = 1; round <= 3; round++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(`${server.url}/index.html?town=${town}&from=${encodeURIComponent(year.from)}&to=${encodeURIComponent(year.to)}`);
      await page.waitForFunction(() => window.statsBenchResult !== undefined, undefined, { timeout: 300_000 });
      const r = (await page.evaluate(() => window.statsBenchResult)) as StatsBenchResult;
      if (r.error) throw new Error(r.error);
      console.log(
        `chromium round ${round}: ${r.orders} orders (${r.reports} in the year): figures ${Math.round(r.figuresMs)} ms + charts ${Math.round(r.drawMs)} ms = ${Math.round(r.totalMs)} ms (goal < 500); baseline one pass ${r.baselineMs.toFixed(1)} ms`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
