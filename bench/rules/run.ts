/**
 * bench:rules — how many replicated writes a second the district's rules let through when every
 * database holds them, on Apache CouchDB. DATABASES databases (default 240, a district's towns,
 * villages and the district) each get `_design/gridlink`; WRITERS concurrent writers (default
 * 150) then post `_bulk_docs` of 5 docs with `new_edits: false` as the admin, the way the
 * replicator writes into a town and the district, round-robin over the databases, for SECONDS
 * (default 20) per round. The docs are the demo district's, as stored. Every doc goes through
 * validate_doc_update in a JavaScript process.
 *
 * Baseline round: CouchDB's default `[query_server_config] db_tag = name` (processes tagged per
 * database). Measured round: the value provisioning sets (district/serverSettings.ts), whose
 * `max_dbs_open` for these databases both rounds run with. Prints
 * writes per second, latency median / p95 / max and failed requests by status, and the ratio.
 * Last round, the floor: the same with rules that do nothing (what the round trip alone costs).
 * COUCHDB_URL / BENCH_PORT as in bench/couch.ts (default port 16544). Not a timed test.
 */
import { toCouchDoc } from '../../core/couchDoc';
import type { AnyDoc } from '../../core/schema';
import { gridlinkDesignDoc } from '../../district/designDoc';
import { allDemoDocs, generateDemoDistrict } from '../../district/demo/generate';
import { connect } from '../../district/connection';
import { applyServerSettings, serverSettingsOf, shardsPerDatabaseOf } from '../../district/serverSettings';
import { benchCouch } from '../couch';

const DATABASES = Number(process.env.DATABASES ?? 240);
const WRITERS = Number(process.env.WRITERS ?? 150);
const SECONDS = Number(process.env.SECONDS ?? 20);
const DOCS_PER_WRITE = 5;

interface Round {
  dbTag: string;
  writesPerSecond: number;
  p50: number;
  p95: number;
  max: number;
  failed: Record<string, number>;
}

async function main(): Promise<void> {
  const server = benchCouch('rules', 16544);
  const base = new URL(server.url);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`;
  const http = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, base.origin), { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    await response.arrayBuffer();
    return response.status;
  };
  const connection = await connect({ server: server.url });
  const settings = serverSettingsOf({ jobs: 0, databases: DATABASES + 2, shardsPerDatabase: await shardsPerDatabaseOf(connection) });
  const provisioned = settings.find((s) => s.section === 'query_server_config' && s.key === 'db_tag');
  if (!provisioned) throw new Error('district/serverSettings.ts sets no db_tag');
  // Provisioning's max_dbs_open for these databases: below it the server answers writes with
  // 500 (`all_dbs_active`), which is not what this bench measures.
  const dbsOpen = settings.filter((s) => s.section === 'couchdb' && s.key === 'max_dbs_open');
  const changed = (await applyServerSettings(connection, dbsOpen)) ?? [];
  const run = `gl-bench-rules-${Date.now() % 1_000_000}`;
  const databases = Array.from({ length: DATABASES }, (_, i) => `${run}-${i}`);
  const tagPath = '/_node/_local/_config/query_server_config/db_tag';
  const before = await fetch(new URL(tagPath, base.origin), { headers: { authorization: auth } });
  const previous = before.ok ? ((await before.json()) as string) : null;
  try {
    const ddoc = gridlinkDesignDoc();
    for (const db of databases) {
      if ((await http('PUT', `/${db}`)) !== 201) throw new Error(`creating ${db}`);
      if ((await http('PUT', `/${db}/_design/gridlink`, ddoc)) !== 201) throw new Error(`rules in ${db}`);
    }
    console.log(`${DATABASES} databases with _design/gridlink (${ddoc.validate_doc_update.length} characters), ${WRITERS} writers, ${DOCS_PER_WRITE} docs a write, ${SECONDS} s a round`);

    // What the replicator carries: the demo district's docs as they are stored (orders with
    // their statistics records, events, components, staff), each written under a fresh id.
    const demo = generateDemoDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 100, casesPerVillage: 10, componentsPerVillage: 50, staffPerVillage: 5 });
    const samples = [...allDemoDocs(demo)].map((doc) => toCouchDoc(doc as AnyDoc));
    const meanChars = Math.round(samples.reduce((sum, doc) => sum + JSON.stringify(doc).length, 0) / samples.length);
    console.log(`docs: ${samples.length} of the demo district's, ${meanChars} characters of JSON on average`);

    let serial = 0;
    const setRules = async (validateDocUpdate: string) => {
      for (const db of databases) {
        const current = await fetch(new URL(`/${db}/_design/gridlink`, base.origin), { headers: { authorization: auth } }).then((r) => r.json() as Promise<{ _rev: string }>);
        if ((await http('PUT', `/${db}/_design/gridlink`, { ...ddoc, _rev: current._rev, validate_doc_update: validateDocUpdate })) !== 201) throw new Error(`rules in ${db}`);
      }
    };
    const round = async (dbTag: string): Promise<Round> => {
      if ((await http('PUT', tagPath, dbTag)) !== 200) throw new Error('setting db_tag');
      const latencies: number[] = [];
      const failed: Record<string, number> = {};
      const end = Date.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          while (Date.now() < end) {
            const n = serial++;
            const docs = Array.from({ length: DOCS_PER_WRITE }, (_, j) => {
              const sample = samples[(n * DOCS_PER_WRITE + j) % samples.length]!;
              return { ...sample, _id: `${sample._id}-${writer}-${n}-${j}`, _rev: '1-00000000000000000000000000000000' };
            });
            const t0 = performance.now();
            const status = await http('POST', `/${databases[n % databases.length]}/_bulk_docs`, { docs, new_edits: false });
            latencies.push(performance.now() - t0);
            if (status >= 300) failed[status] = (failed[status] ?? 0) + 1;
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
      const ok = latencies.length - Object.values(failed).reduce((a, b) => a + b, 0);
      const result = { dbTag, writesPerSecond: Math.round(ok / SECONDS), p50: at(0.5), p95: at(0.95), max: at(1), failed };
      console.log(`db_tag=${dbTag}: ${result.writesPerSecond} writes/s (${result.writesPerSecond * DOCS_PER_WRITE} docs/s), latency median ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms, failed ${JSON.stringify(failed)}`);
      return result;
    };
    const baseline = await round('name');
    const measured = await round(provisioned.value);
    console.log(`ratio: ×${(measured.writesPerSecond / Math.max(1, baseline.writesPerSecond)).toFixed(2)} writes/s, p95 ×${(measured.p95 / Math.max(1, baseline.p95)).toFixed(2)} (db_tag=${provisioned.value} against CouchDB's default db_tag=name)`);
    // The floor: a validate_doc_update that does nothing still costs each doc a round trip
    // through a JavaScript process (the doc and its stored version encoded, sent and decoded).
    await setRules('function (newDoc, oldDoc, userCtx, secObj) {}');
    const floor = await round(provisioned.value);
    console.log(`rules that do nothing: ×${(floor.writesPerSecond / Math.max(1, measured.writesPerSecond)).toFixed(2)} the writes/s of the district's rules (the JavaScript round trip is the rest)`);
  } finally {
    for (const db of databases) await http('DELETE', `/${db}`).catch(() => undefined);
    // A server given by COUCHDB_URL gets its own settings back.
    await (previous === null ? http('DELETE', tagPath) : http('PUT', tagPath, previous)).catch(() => undefined);
    for (const c of changed) {
      const path = `/_node/${encodeURIComponent(c.node)}/_config/${c.section}/${c.key}`;
      await (c.actual === null ? http('DELETE', path) : http('PUT', path, c.actual)).catch(() => undefined);
    }
    server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
