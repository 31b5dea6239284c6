/**
 * `npm run bench:town`: a busy town's year (issue 18 part 3). A town sub-center whose 22
 * villages recorded BENCH_ORDERS work orders (default 50,000) over a year, with their steps,
 * cases, components and staff, in the town's database on the server; a new desk's initial sync
 * in headless Chromium, measured against a raw paged `_changes` fetch of the same docs in the
 * same run:
 * 1. everything (no sync window);
 * 2. with the district's sync window (BENCH_WINDOW_MONTHS, default 6 here so that half of the
 *    year's settled orders fall outside it), against the raw fetch with the same filter.
 * For each: time, docs, and the page's JavaScript heap (peak, sampled every 250 ms through the
 * DevTools protocol). Photos are not in the docs (they come on demand, bench:sync measures
 * them). The inbox lists over a district's 100k orders are `npm run bench:ui`.
 *
 * Server: COUCHDB_URL (admin credentials) if set, else the embedded pouchdb-server; a CouchDB
 * must let the harness page's origin in (CORS, as `district provision` sets it). Prints
 * figures; asserts nothing. Each run also times plain bulk inserts of the same pages (RxDB's
 * Dexie storage, one page at a time, no sync logic): what IndexedDB alone costs.
 * BENCH_PROFILE=1 records the page's CPU profile of the first engine run and prints the
 * functions with the most self time.
 *
 * Measured at 50,006 orders (287,283 docs): the engine at ×1.54–1.79 the raw fetch (plain
 * inserts ×2.31), ×1.09–1.34 with a 6-month window (plain inserts ×1.92), heap peak 80–144 MB.
 * The profile puts a third of the page's time in Dexie's IndexedDB puts and reads and a quarter
 * idle (waiting for IndexedDB): the engine is faster than plain inserts because it stores one
 * page while reading the next, and what is left is the storage's.
 */
import type { CDPSession, Page } from 'playwright-core';
import { allDemoDocs, generateDemoDistrict } from '../../district/demo';
import type { AnyDoc } from '../../core/schema';
import { syncWindowSelector, syncWindowStart, outsideSyncWindow } from '../../core/syncWindow';
import { flowsDownTo } from '../../core/topology';
import { shiftDates } from '../../renderer/demo/demoDates';
import { PULL_PAGE_SIZE } from '../../sync';
import type { Target } from '../../tests/support/syncHarness/page/main';
import { seed, startServer, withHarnessPage } from '../sync/benchStation';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 50_000);
const VILLAGES = 22;
const WINDOW_MONTHS = Number(process.env.BENCH_WINDOW_MONTHS ?? 6);
const DAY_MS = 86_400_000;
const MB = 1024 * 1024;
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A town's year: the demo generator spreads settled orders over half a year; every other one
 * (with its steps) is moved half a year back, so the year's orders span twelve months.
 */
function townYear(): { townCode: string; docs: AnyDoc[] } {
  const district = generateDemoDistrict({ towns: 1, villagesPerTown: VILLAGES, ticketsPerVillage: Math.ceil(ORDERS / VILLAGES), casesPerVillage: 20, componentsPerVillage: 100, staffPerVillage: 6, endsAt: Date.now() });
  const townCode = district.orgTree.towns[0]!.code;
  const moved = new Set(district.docs.tickets.filter((t, i) => (t.state === 'closed' || t.state === 'voided') && i % 2 === 1).map((t) => t.id));
  const docs = [...allDemoDocs(district)]
    .filter((doc) => flowsDownTo(doc, townCode))
    .map((doc) => {
      const subject = doc.type === 'ticketEvent' ? (doc as { subjectId: string }).subjectId : doc.id;
      return (moved.has(subject) ? shiftDates(doc, -183 * DAY_MS) : doc) as AnyDoc;
    });
  return { townCode, docs };
}

/** Runs `step` while sampling the page's JS heap; returns its result and the peak (bytes). */
async function withHeapPeak<T>(cdp: CDPSession, step: () => Promise<T>): Promise<{ result: T; peak: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  try {
    return { result: await step(), peak };
  } finally {
    sampling = false;
    await sampler;
  }
}

/** Runs `step` under the page's CPU profiler and prints the functions with the most self time. */
async function withProfile<T>(cdp: CDPSession, step: () => Promise<T>): Promise<T> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const result = await step();
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const sampled = new Map<number, number>();
  for (const id of profile.samples ?? []) sampled.set(id, (sampled.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + (sampled.get(node.id) ?? 0));
  }
  const total = profile.samples?.length ?? 1;
  console.log('  self time, top 25 of the engine run:');
  for (const [where, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)} %  ${where}`);
  return result;
}

async function measure(page: Page, cdp: CDPSession, label: string, target: Target, expected: number, profile = false) {
  const raw = await withHeapPeak(cdp, () => page.evaluate(([t, size]) => window.gridlinkHarness.rawChangesFetch(t, size), [target, PULL_PAGE_SIZE] as const));
  await page.waitForTimeout(3000);
  const floor = await page.evaluate(([t, n, size]) => window.gridlinkHarness.storageFloor(t, n, size), [target, `floor-${label}-${Date.now()}`, PULL_PAGE_SIZE] as const);
  await page.waitForTimeout(3000);
  const sync = () => page.evaluate(([t, n]) => window.gridlinkHarness.rxdbInitialSync(t, n), [target, `town-${label}-${Date.now()}`] as const);
  const engine = await withHeapPeak(cdp, profile ? () => withProfile(cdp, sync) : sync);
  await page.waitForTimeout(3000);
  for (const [name, r] of [['raw', raw.result], ['plain inserts', floor], ['engine', engine.result]] as const) {
    if (r.docs !== expected) console.log(`  note: ${name} got ${r.docs} docs, ${expected} expected`);
  }
  const ratio = engine.result.ms / raw.result.ms;
  console.log(
    `${label.padEnd(26)} ${String(engine.result.docs).padStart(8)} docs   raw _changes ${fmt(raw.result.ms).padStart(8)}   engine ${fmt(engine.result.ms).padStart(8)}   ×${ratio.toFixed(2)} (goal ≤ 1.5)   plain inserts ${fmt(floor.ms)} ×${(floor.ms / raw.result.ms).toFixed(2)}   heap peak ${(engine.peak / MB).toFixed(0)} MB (raw fetch ${(raw.peak / MB).toFixed(0)} MB; goal < 600)`,
  );
  return { raw: raw.result.ms, engine: engine.result.ms, docs: engine.result.docs, peak: engine.peak };
}

async function main() {
  const server = await startServer();
  let started = Date.now();
  const { townCode, docs } = townYear();
  const tickets = docs.filter((d) => d.type === 'ticket').length;
  const start = syncWindowStart(WINDOW_MONTHS)!;
  const inWindow = docs.filter((d) => !outsideSyncWindow(d, start)).length;
  console.log(`town ${townCode}: ${tickets} orders, ${docs.length} docs (${inWindow} inside a ${WINDOW_MONTHS}-month window), generated in ${fmt(Date.now() - started)}`);
  const dbName = `gl-town-${townCode}-bench`;
  started = Date.now();
  const credentials = await seed(server, dbName, docs, townCode);
  console.log(`seeded into ${dbName} on ${process.env.COUCHDB_URL ? 'Apache CouchDB' : 'the embedded pouchdb-server'} in ${fmt(Date.now() - started)}`);
  await withHarnessPage(server, async (page) => {
    const cdp = await page.context().newCDPSession(page);
    const target: Target = { serverUrl: server.url, dbName, credentials };
    console.log('\ninitial sync of a new town desk, headless Chromium:');
    await measure(page, cdp, 'everything', target, docs.length, Boolean(process.env.BENCH_PROFILE));
    await measure(page, cdp, `${WINDOW_MONTHS}-month sync window`, { ...target, selector: syncWindowSelector(start) }, inWindow);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
