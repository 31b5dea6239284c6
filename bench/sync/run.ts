/**
 * `npm run bench:sync`: initial sync of a 20,000-doc station database in headless Chromium —
 * the Gridlink engine (RxDB over Dexie/IndexedDB) against PouchDB (idb adapter, batch_size 500)
 * and a raw paged `_changes` fetch of the same database on the same server, in one run (plus the
 * storage floor: the same pages bulk-inserted into the collections with no sync logic) — then
 * the push time of 5,000 local writes and the live latency of server writes. Prints figures;
 * not a test (nothing fails on a slow machine).
 *
 * Server: COUCHDB_URL (with admin credentials) if set, else the embedded pouchdb-server.
 */
import type { EventDoc } from '../../core/schema';
import { PULL_PAGE_SIZE } from '../../sync';
import { seed, startServer, stationDocs, withHarnessPage } from './benchStation';
import { profiled } from './profile';
import type { Target } from '../../tests/support/syncHarness/page/main';

const DOCS = Number(process.env.BENCH_DOCS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PUSH_WRITES = 5_000;
const LIVE_ROUNDS = 40;
/** Quiet time between measurements (ms), see `settle` below. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
/** The engine's `batchSize` (docs per `_changes` page and per push); unset: the engine's default. */
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
/** More batch sizes to time in each round, e.g. BENCH_COMPARE_BATCHES=1000,2000. */
const COMPARE_BATCHES = (process.env.BENCH_COMPARE_BATCHES ?? '').split(',').filter(Boolean).map(Number);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const server = await startServer();
  const { stationCode, docs } = stationDocs(DOCS);
  const dbName = `gl-station-${stationCode}-bench`;
  console.log(`seeding ${docs.length} docs into ${dbName} on ${process.env.COUCHDB_URL ? 'CouchDB' : 'embedded pouchdb-server'} …`);
  const credentials = await seed(server, dbName, docs, stationCode);
  await withHarnessPage(server, async (page) => {
    const target: Target = { serverUrl: server.url, dbName, credentials };

    const results: Record<'raw' | 'raw500' | 'floor' | 'pouch' | 'rxdb', number[]> = { raw: [], raw500: [], floor: [], pouch: [], rxdb: [] };
    // Each run deletes its IndexedDB database afterwards, and Chromium's storage then works in the
    // background for seconds (the run after PouchDB's measured 3.5 s one round and 5 s the next);
    // each measurement waits for that to pass, so none pays for the one before.
    const settle = () => page.waitForTimeout(SETTLE_MS);
    for (let round = 1; round <= ROUNDS; round++) {
      // The raw fetch reads pages of the engine's size: the floor for the same requests.
      const raw = await page.evaluate(([t, size]) => window.gridlinkHarness.rawChangesFetch(t, size), [target, BATCH ?? PULL_PAGE_SIZE] as const);
      // Last round's baseline read pages of 500 (slower: more round trips); kept for comparison.
      const raw500 = await page.evaluate(([t, size]) => window.gridlinkHarness.rawChangesFetch(t, size), [target, 500] as const);
      await settle();
      const floor = await page.evaluate(([t, n, size]) => window.gridlinkHarness.storageFloor(t, n, size), [target, `floor-${round}-${Date.now()}`, BATCH ?? PULL_PAGE_SIZE] as const);
      await settle();
      const pouch = await page.evaluate(([t, n]) => window.gridlinkHarness.pouchInitialSync(t, n), [target, `pouch-${round}`] as const);
      await settle();
      const rx = await profiled(page, `initial-sync-${round}`, () =>
        page.evaluate(([t, n, b]) => window.gridlinkHarness.rxdbInitialSync(t, n, b), [target, `rxdb-${round}-${Date.now()}`, BATCH] as const),
      );
      await settle();
      for (const [name, r] of [['raw', raw], ['raw500', raw500], ['floor', floor], ['pouch', pouch], ['rxdb', rx]] as const) {
        if (r.docs !== docs.length) throw new Error(`${name} got ${r.docs} docs, expected ${docs.length}`);
        results[name].push(r.ms);
      }
      console.log(`round ${round}: raw ${fmt(raw.ms)} (pages of 500: ${fmt(raw500.ms)})  plain inserts ${fmt(floor.ms)}  pouchdb ${fmt(pouch.ms)}  gridlink ${fmt(rx.ms)} (${rx.requests} requests)`);
      // A/B of batch sizes in the same round (the machine's load changes between runs).
      for (const size of COMPARE_BATCHES) {
        const other = await page.evaluate(([t, n, b]) => window.gridlinkHarness.rxdbInitialSync(t, n, b), [target, `rxdb-${round}-b${size}-${Date.now()}`, size] as const);
        console.log(`  gridlink, batchSize ${size}: ${fmt(other.ms)} (${other.requests} requests)`);
        await settle();
      }
    }

    const row = (label: string, ms: number) => `${label.padEnd(42)} ${fmt(ms).padStart(9)}  ${Math.round(docs.length / (ms / 1000)).toString().padStart(7)} docs/s`;
    const raw = median(results.raw);
    const pouch = median(results.pouch);
    const rx = median(results.rxdb);
    console.log(`\ninitial sync of ${docs.length} docs (median of ${ROUNDS}), headless Chromium:`);
    console.log(row(`raw paged _changes fetch (pages of ${BATCH ?? PULL_PAGE_SIZE})`, raw));
    const raw500 = median(results.raw500);
    console.log(row('raw paged _changes fetch (pages of 500)', raw500));
    const floor = median(results.floor);
    console.log(row('plain bulk inserts, page by page (no sync)', floor));
    console.log(row('PouchDB idb, batch_size 500', pouch));
    console.log(row('Gridlink engine (RxDB + Dexie)', rx));
    console.log(`ratio vs PouchDB: ${(rx / pouch).toFixed(2)}x (goal ≤ 1.0x)   ratio vs raw: ${(rx / raw).toFixed(2)}x (goal ≤ 2x)   vs raw, pages of 500: ${(rx / raw500).toFixed(2)}x   vs plain inserts: ${(rx / floor).toFixed(2)}x`);

    // Push and live latency, with a live sync running.
    const local = `rxdb-live-${Date.now()}`;
    await page.evaluate(([t, n, b]) => window.gridlinkHarness.startSync(t, n, b), [target, local, BATCH] as const);
    await page.evaluate(() => window.gridlinkHarness.awaitInitialSync());
    const ticket = docs.find((d) => d.type === 'ticket')!;
    const push = await profiled(page, 'push', () =>
      page.evaluate(
        ([count, scope, subject, unit]) => window.gridlinkHarness.pushWrites(count, scope, subject, unit),
        [PUSH_WRITES, ticket.scope, ticket.id, stationCode] as const,
      ),
    );
    const pushed = (await (await fetch(`${server.url}/${dbName}`, { headers: { authorization: 'Basic ' + Buffer.from(`${server.admin.username}:${server.admin.password}`).toString('base64') } })).json()) as { doc_count: number };
    console.log(`\npush of ${PUSH_WRITES} local writes: ${fmt(push.ms)} (${Math.round(PUSH_WRITES / (push.ms / 1000))} docs/s); server now holds ${pushed.doc_count} docs`);
    console.log(`  request time during the push (overlapping requests add up): ${Object.entries(push.requestMs).map(([k, ms]) => `${k} ${fmt(ms)}`).join(', ')}`);
    const template = docs.find((d): d is EventDoc => d.type === 'ticketEvent')!;
    const samples = await page.evaluate(([t, a, tpl, n]) => window.gridlinkHarness.liveLatency(t, a, tpl, n), [target, server.admin, template, LIVE_ROUNDS] as const);
    console.log(`live latency, server write → local collection (${LIVE_ROUNDS} writes): median ${median(samples).toFixed(0)} ms, p95 ${percentile(samples, 95).toFixed(0)} ms`);
    await page.evaluate(() => window.gridlinkHarness.stop());
    const photo = await page.evaluate(() => window.gridlinkHarness.compressSample());
    if (photo) console.log(`photo compression (browser): ${Math.round(photo.inputBytes / 1024)} KB PNG 3000×2000 → ${Math.round(photo.outputBytes / 1024)} KB JPEG ${photo.width}×${photo.height}`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
