/**
 * bench:report — the district's statistics views on 100,000 orders, on Apache CouchDB.
 * A district database is seeded in bulk with a town of 100,000 orders and their events (the
 * bench preset's shape), the statistics views (district/reportViews.ts) are built once (timed),
 * then `district report` (district/report.ts, views only) is timed for the busiest month and
 * for its year, three rounds each (goal: under 1 s per query once built). Baseline in the same
 * run: the month as the report read it before tickets carried their records (the month's
 * tickets and events read, and replayed through the app's code).
 *
 * COUCHDB_URL (admin credentials) picks the server; unset, Apache CouchDB 3.5.0 from
 * /work/shared/couchdb (or GRIDLINK_COUCHDB) is started on 127.0.0.1:16543 (BENCH_PORT) in a
 * fresh folder and stopped at the end. Prints the figures; not a timed test.
 */
import { toCouchDoc } from '../../core/couchDoc';
import { databaseOfUnit } from '../../core/org';
import type { EventDoc, TicketDoc } from '../../core/schema';
import { ordersFactsOf } from '../../core/stats/orderFacts';
import { monthOf, monthPeriod } from '../../core/stats/period';
import { inPeriodFacts, figuresOf } from '../../core/stats/indicators';
import { WorkdayCalendar } from '../../core/workorders/workdayCalendar';
import { connect } from '../../district/connection';
import { generateDemoDistrict } from '../../district/demo/generate';
import { districtReport } from '../../district/report';
import { ensureStatsViews, STATS_DESIGN_DOC_ID } from '../../district/reportViews';
import { benchCouch } from '../couch';

const ORDERS = Number(process.env.ORDERS ?? 100_000);
const VILLAGES = 22;
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

async function main(): Promise<void> {
  const server = benchCouch('report', 16543);
  try {
    const connection = await connect({ server: server.url });
    const base = new URL(server.url);
    const auth = `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`;
    const http = (path: string, init: RequestInit = {}) => fetch(new URL(path, connection.url), { ...init, headers: { 'content-type': 'application/json', authorization: auth, ...init.headers } });

    const [generated, generateMs] = await timed(async () =>
      generateDemoDistrict({ towns: 1, villagesPerTown: VILLAGES, ticketsPerVillage: Math.ceil(ORDERS / VILLAGES), casesPerVillage: 0, componentsPerVillage: 0, staffPerVillage: 2 }),
    );
    const { docs, orgTree } = generated;
    let ms = generateMs;
    console.log(`generated ${docs.tickets.length} orders, ${docs.ticketEvents.length} events in ${Math.round(ms)} ms`);
    const district = orgTree.code;
    const db = databaseOfUnit(district);
    await http(`/${db}`, { method: 'DELETE' });
    const created = await http(`/${db}`, { method: 'PUT' });
    if (!created.ok) throw new Error(`creating ${db}: ${created.status} ${await created.text()}`);

    const all = [...docs.departments, ...docs.grids, ...docs.tickets, ...docs.ticketEvents];
    [, ms] = await timed(async () => {
      const batches: unknown[][] = [];
      for (let i = 0; i < all.length; i += 5000) batches.push(all.slice(i, i + 5000));
      for (let i = 0; i < batches.length; i += 2) {
        await Promise.all(
          batches.slice(i, i + 2).map(async (batch) => {
            const response = await http(`/${db}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: batch.map((doc) => toCouchDoc(doc as { id: string })) }) });
            if (response.status !== 201) throw new Error(`_bulk_docs: ${response.status} ${await response.text()}`);
            await response.arrayBuffer();
          }),
        );
      }
    });
    console.log(`seeded ${db}: ${all.length} docs in ${Math.round(ms / 1000)} s`);

    await ensureStatsViews(connection.couch, db);
    const view = STATS_DESIGN_DOC_ID.replace('_design/', '');
    [, ms] = await timed(async () => {
      // The build goes on in the server when a request for it times out: asked again until done.
      for (;;) {
        const response = await http(`/${db}/_design/${view}/_view/counts?limit=0`);
        const text = await response.text();
        if (response.ok) return;
        if (!text.includes('timeout')) throw new Error(`building the views: ${response.status} ${text}`);
      }
    });
    console.log(`views built once (counts, due, legacy, events, cases over ${all.length} docs): ${(ms / 1000).toFixed(1)} s`);

    const byMonth = new Map<string, number>();
    for (const ticket of docs.tickets) byMonth.set(monthOf(ticket.reportedAt), (byMonth.get(monthOf(ticket.reportedAt)) ?? 0) + 1);
    const [month] = [...byMonth.entries()].sort((a, b) => b[1] - a[1])[0];
    const year = month.slice(0, 4);
    const asOf = new Date(Math.max(...docs.tickets.map((t) => Date.parse(t.lastEventAt))) + 86_400_000);
    const town = orgTree.towns[0].code;
    const kinds = new Map(docs.departments.map((d) => [d.code, d.kind]));
    const expected = figuresOf(inPeriodFacts(ordersFactsOf(docs.tickets, docs.ticketEvents, { calendar: new WorkdayCalendar(), asOf, departmentKind: (code) => kinds.get(code) }), monthPeriod(month)));

    for (let round = 1; round <= 3; round++) {
      const [monthReport, monthMs] = await timed(() => districtReport(connection, district, { month, unit: town, asOf }));
      const [yearReport, yearMs] = await timed(() => districtReport(connection, district, { month: year, unit: town, asOf }));
      if (monthReport.total.counts.reports !== expected.counts.reports || monthReport.total.counts.overdue !== expected.counts.overdue) throw new Error('the views\' month differs from the core\'s');
      // Baseline: the month as the report read it before (its tickets and events, replayed).
      const [replayedReports, baselineMs] = await timed(async () => {
        const rows = (await (await http(`/${db}/_all_docs?include_docs=true&startkey=${encodeURIComponent(JSON.stringify('ticket:'))}&endkey=${encodeURIComponent(JSON.stringify('ticket:\ufff0'))}`)).json()) as { rows: { doc: Record<string, unknown> & { _id: string } }[] };
        const tickets = rows.rows.map((r) => r.doc).filter((d) => monthOf(d.reportedAt as string) === month).map((d) => ({ ...d, id: d._id, stats: undefined }) as unknown as TicketDoc);
        const events: EventDoc[] = [];
        for (let i = 0; i < tickets.length; i += 500) {
          const response = await http(`/${db}/_design/${view}/_view/events?include_docs=true`, { method: 'POST', body: JSON.stringify({ keys: tickets.slice(i, i + 500).map((t) => t.id) }) });
          events.push(...((await response.json()) as { rows: { doc: Record<string, unknown> & { _id: string } }[] }).rows.map((r) => ({ ...r.doc, id: r.doc._id }) as unknown as EventDoc));
        }
        return figuresOf(inPeriodFacts(ordersFactsOf(tickets, events, { calendar: new WorkdayCalendar(), asOf, departmentKind: (code) => kinds.get(code) }), monthPeriod(month))).counts.reports;
      });
      console.log(
        `round ${round}: district report ${month} (${monthReport.total.counts.reports} orders, ${monthReport.replayed} replayed) ${Math.round(monthMs)} ms; ` +
          `${year} (${yearReport.total.counts.reports} orders) ${Math.round(yearMs)} ms (goal < 1000 each); baseline, the month read and replayed: ${Math.round(baselineMs)} ms (${replayedReports} orders)`,
      );
    }
  } finally {
    server.stop();
  }
}

await main();
