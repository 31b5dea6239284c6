/**
 * The Chromium half of bench:stats: a town's 100,000 orders' facts read off their tickets'
 * statistics records (tickets and event ids written by run.ts), as the screen does, turned into
 * the 统计 figures (monthly report: total, one row per village, mediation) and drawn as the
 * screen's two charts. Baseline in the same page: one plain pass over the same facts.
 */
import { ordersFactsOf, type OrderFacts } from '../../core/stats/orderFacts';
import type { EventDoc, TicketDoc } from '../../core/schema';
import { WorkdayCalendar } from '../../core/workorders/workdayCalendar';
import { monthlyReport } from '../../core/stats/monthlyReport';
import { funnelOption, ratesByRowOption } from '../../renderer/features/stats/reportCharts';
import { echarts } from '../../renderer/features/stats/echartsSetup';

export interface StatsBenchResult {
  orders: number;
  /** Orders replayed for want of a usable record. */
  replayed: number;
  factsMs: number;
  baselineMs: number;
  figuresMs: number;
  drawMs: number;
  totalMs: number;
  reports: number;
  error?: string;
}

declare global {
  interface Window {
    statsBenchResult?: StatsBenchResult;
  }
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const town = params.get('town')!;
  const period = { from: params.get('from')!, to: params.get('to')! };
  const asOf = new Date(params.get('asOf')!);
  const tickets = (await (await fetch('./tickets.json')).json()) as TicketDoc[];
  const events = (await (await fetch('./events.json')).json()) as EventDoc[];
  const expected = (await (await fetch('./facts.json')).json()) as OrderFacts[];
  const kinds = (await (await fetch('./kinds.json')).json()) as Record<string, string>;
  await frame();

  let t0 = performance.now();
  const tally = { replayed: 0 };
  const facts = ordersFactsOf(tickets, events, { calendar: new WorkdayCalendar(), asOf, departmentKind: (code) => kinds[code] }, tally);
  const factsMs = performance.now() - t0;
  if (JSON.stringify(facts) !== JSON.stringify(expected)) throw new Error('facts differ from Node\'s');
  const villages = [...new Set(facts.map((f) => f.ownerCode))].sort();
  await frame();

  t0 = performance.now();
  let closed = 0;
  let reported = 0;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  for (const f of facts) {
    const at = Date.parse(f.reportedAt);
    if (at >= from && at < to) {
      reported += 1;
      if (f.closed) closed += 1;
    }
  }
  const baselineMs = performance.now() - t0;
  if (closed > reported) throw new Error('impossible');

  t0 = performance.now();
  const report = monthlyReport({
    unit: { code: town, name: '镇' }, period, asOf: new Date(), dimension: 'unit', facts, cases: [], children: villages, nameOf: (key) => key,
  });
  const figuresMs = performance.now() - t0;
  const t1 = performance.now();
  const funnel = echarts.init(document.getElementById('funnel')!, null, { renderer: 'svg' });
  funnel.setOption({ animation: false, ...funnelOption(report) });
  const rates = echarts.init(document.getElementById('rates')!, null, { renderer: 'svg' });
  rates.setOption({ animation: false, ...ratesByRowOption(report) });
  await frame();
  const drawMs = performance.now() - t1;
  window.statsBenchResult = { orders: facts.length, replayed: tally.replayed, factsMs, baselineMs, figuresMs, drawMs, totalMs: factsMs + figuresMs + drawMs, reports: report.total.counts.reports };
}

main().catch((error: unknown) => {
  window.statsBenchResult = { orders: 0, replayed: 0, factsMs: 0, baselineMs: 0, figuresMs: 0, drawMs: 0, totalMs: 0, reports: 0, error: error instanceof Error ? error.message : String(error) };
});
