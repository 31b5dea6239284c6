/**
 * The in-browser side of the sync benchmark and of the kill-and-resume test: the real engine
 * over Chromium's IndexedDB (Dexie), PouchDB with its idb adapter, and a raw paged `_changes`
 * fetch, each exposed on `window.gridlinkHarness` for playwright to call.
 */
// bench/ is outside tsconfig's include, so its ambient module declaration is referenced here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pouchdb-browser.d.ts" />
import PouchDB from 'pouchdb-browser';
import { openDatabase, type GridlinkDatabase } from '../../../../sync/database';
import { startStationSync, type StationSync, type SyncStatus } from '../../../../sync';
import { basicAuthHeader, type Credentials } from '../../../../sync/couchClient';
import { collectionOfId } from '../../../../sync/feedWriter';
import { fromCouchDoc } from '../../../../core/couchDoc';
import { docId, type EventDoc } from '../../../../core/schema';
import type { PullSelector } from '../../../../core/syncWindow';
import { browserCompressor, canCompressInBrowser } from '../../../../renderer/data/browserCompressor';
// The randomized run's workstation (window.gridlinkDesk).
import './desk';

export interface Target {
  serverUrl: string;
  dbName: string;
  credentials: Credentials;
  /** Pull only what matches (the sync window, core/syncWindow.ts); raw fetches filter the same way. */
  selector?: PullSelector;
}

let db: GridlinkDatabase | null = null;
let sync: StationSync | null = null;
/** The latest status, readable by a test while a sync runs (and after the tab is killed: not). */
let lastStatus: SyncStatus | null = null;

async function countLocal(database: GridlinkDatabase): Promise<number> {
  let total = 0;
  for (const [name, collection] of Object.entries(database.collections)) if (name !== 'quarantine') total += await collection.count().exec();
  return total;
}

async function localIds(database: GridlinkDatabase): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, collection] of Object.entries(database.collections)) {
    if (name === 'quarantine') continue;
    for (const doc of await collection.find().exec()) ids.push(doc.primary);
  }
  return ids.sort();
}

/** The rows of `_changes?include_docs=true`, page by page, one request at a time. */
async function* changesPages(target: Target, pageSize: number): AsyncGenerator<{ id: string; doc: Record<string, unknown> & { _id: string } }[]> {
  let since = '0';
  const filter = target.selector ? '&filter=_selector' : '';
  for (;;) {
    const response = await fetch(`${target.serverUrl}/${target.dbName}/_changes?include_docs=true&limit=${pageSize}&since=${encodeURIComponent(since)}${filter}`, {
      cache: 'no-store',
      headers: { authorization: basicAuthHeader(target.credentials), ...(target.selector ? { 'content-type': 'application/json' } : {}) },
      ...(target.selector ? { method: 'POST', body: JSON.stringify({ selector: target.selector }) } : {}),
    });
    const body = (await response.json()) as { results: { id: string; doc: Record<string, unknown> & { _id: string } }[]; last_seq: string | number };
    yield body.results;
    since = String(body.last_seq);
    if (body.results.length < pageSize) return;
  }
}

const harness = {
  /** Starts (or resumes) a station sync into IndexedDB database `localName`; resolves once started. */
  requests: 0,
  changesRequests: 0,
  requestMs: {} as Record<string, number>,
  async startSync(target: Target, localName: string, batchSize?: number, live = true): Promise<void> {
    db = (await openDatabase({ name: localName })) as GridlinkDatabase;
    harness.requests = 0;
    harness.changesRequests = 0;
    harness.requestMs = {};
    const counted = async (input: string, init?: RequestInit) => {
      harness.requests++;
      if (input.includes('/_changes?')) harness.changesRequests++;
      // Wall time per endpoint (overlapping requests add up): where a push waits.
      const kind = /\/(_[a-z_]+)/.exec(input.slice(target.serverUrl.length + target.dbName.length + 1))?.[1] ?? 'doc';
      const started = performance.now();
      try {
        return await fetch(input, init);
      } finally {
        harness.requestMs[kind] = (harness.requestMs[kind] ?? 0) + performance.now() - started;
      }
    };
    const { selector, ...server } = target;
    sync = await startStationSync({ db, ...server, batchSize, live, fetch: counted, ...(selector ? { pullSelector: async () => selector } : {}) });
    sync.status$.subscribe((status) => (lastStatus = status));
  },
  status: (): SyncStatus | null => lastStatus,
  async awaitInitialSync(): Promise<{ ms: number; docs: number; status: SyncStatus | null; changesRequests: number }> {
    const started = performance.now();
    await sync!.awaitInitialSync();
    const ms = performance.now() - started;
    return { ms, docs: await countLocal(db!), status: lastStatus, changesRequests: harness.changesRequests };
  },
  localIds: () => localIds(db!),
  async stop(): Promise<void> {
    await sync?.stop();
    await db?.close();
    sync = null;
    db = null;
  },

  /** Initial sync from nothing, timed from start to every collection in sync (engine defaults unless `batchSize`). */
  async rxdbInitialSync(target: Target, localName: string, batchSize?: number): Promise<{ ms: number; docs: number; requests: number }> {
    const started = performance.now();
    await harness.startSync(target, localName, batchSize, false);
    await sync!.awaitInitialSync();
    const ms = performance.now() - started;
    const docs = await countLocal(db!);
    // Removed like PouchDB's copy, so every run starts on an equally empty IndexedDB.
    await sync!.stop();
    await db!.remove();
    sync = null;
    db = null;
    return { ms, docs, requests: harness.requests };
  },

  /** PouchDB (idb adapter) one-shot replication of the same database, batch_size 500. */
  async pouchInitialSync(target: Target, localName: string): Promise<{ ms: number; docs: number }> {
    const remote = new PouchDB(`${target.serverUrl}/${target.dbName}`, {
      fetch: (url: string | Request, opts?: RequestInit) =>
        PouchDB.fetch(url, { ...opts, cache: 'no-store', credentials: 'omit', headers: { ...Object.fromEntries(new Headers(opts?.headers).entries()), authorization: basicAuthHeader(target.credentials) } }),
    });
    const local = new PouchDB(localName, { adapter: 'idb' });
    const started = performance.now();
    try {
      await local.replicate.from(remote, { batch_size: 500, batches_limit: 10 });
    } catch (error) {
      throw new Error(`PouchDB replication failed: ${JSON.stringify(error)} ${String(error)}`, { cause: error });
    }
    const ms = performance.now() - started;
    const info = await local.info();
    await local.destroy();
    await remote.close();
    return { ms, docs: info.doc_count };
  },

  /**
   * Plain bulk inserts: the same pages written straight into the same collections (RxDB's Dexie
   * storage, one bulk insert per collection and page, one page at a time), with none of the
   * sync's decisions, marks, validation or uploads.
   */
  async storageFloor(target: Target, localName: string, pageSize: number): Promise<{ ms: number; docs: number }> {
    const started = performance.now();
    const database = (await openDatabase({ name: localName })) as GridlinkDatabase;
    const collections = database.collections as unknown as Record<string, { storageInstance: { bulkWrite(rows: { document: Record<string, unknown> }[], context: string): Promise<unknown> } }>;
    let docs = 0;
    for await (const rows of changesPages(target, pageSize)) {
      const groups = new Map<string, { document: Record<string, unknown> }[]>();
      for (const row of rows) {
        const name = collectionOfId(row.id);
        if (!name) continue;
        (groups.get(name) ?? groups.set(name, []).get(name)!).push({ document: { ...fromCouchDoc(row.doc), _deleted: false, _attachments: {}, _meta: { lwt: Date.now() }, _rev: '1-floor' } });
      }
      await Promise.all([...groups].map(([name, group]) => collections[name]!.storageInstance.bulkWrite(group, 'bench-floor')));
      docs += rows.length;
    }
    const ms = performance.now() - started;
    await database.remove();
    return { ms, docs };
  },

  /** The floor: page through `_changes?include_docs=true` and parse it, storing nothing. */
  async rawChangesFetch(target: Target, pageSize: number): Promise<{ ms: number; docs: number }> {
    const started = performance.now();
    let docs = 0;
    for await (const rows of changesPages(target, pageSize)) docs += rows.length;
    return { ms: performance.now() - started, docs };
  },

  /** With a live sync running: 5,000 local writes, timed until the server accepted them all. */
  async pushWrites(count: number, scope: string[], subjectId: string, byUnit: string): Promise<{ ms: number; pending: number; requestMs: Record<string, number> }> {
    const now = new Date().toISOString();
    const events: EventDoc[] = Array.from({ length: count }, (_, i) => ({
      id: docId('ticketEvent', `bench-${Date.now().toString(36)}-${i}`), type: 'ticketEvent', scope, createdAt: now, updatedAt: now, updatedBy: 'bench',
      subjectId, action: 'supervise', at: now, by: 'bench', byUnit, note: `bench ${i}`,
    }));
    const started = performance.now();
    harness.requestMs = {};
    await db!.events.bulkInsert(events);
    await sync!.awaitInSync();
    await new Promise<void>((resolve) => {
      const sub = sync!.status$.subscribe((s) => {
        if (s.pendingTotal === 0) {
          queueMicrotask(() => sub.unsubscribe());
          resolve();
        }
      });
    });
    return { ms: performance.now() - started, pending: sync!.status.pendingTotal, requestMs: { ...harness.requestMs } };
  },

  /** Server write (completed) → doc visible in the local collection, `rounds` times. */
  async liveLatency(target: Target, admin: Credentials, template: EventDoc, rounds: number): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const id = docId('ticketEvent', `live-${Date.now().toString(36)}-${i}`);
      const { id: _drop, ...body } = template;
      const arrived = new Promise<number>((resolve) => {
        const sub = db!.events.findOne(id).$.subscribe((doc) => {
          if (doc) {
            queueMicrotask(() => sub.unsubscribe());
            resolve(performance.now());
          }
        });
      });
      const response = await fetch(`${target.serverUrl}/${target.dbName}/${encodeURIComponent(id)}`, {
        method: 'PUT',
        cache: 'no-store',
        headers: { authorization: basicAuthHeader(admin), 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, _id: id, note: `live ${i}` }),
      });
      const written = performance.now();
      if (!response.ok) throw new Error(`server write failed: ${response.status}`);
      samples.push((await arrived) - written);
      await new Promise((r) => setTimeout(r, 50));
    }
    return samples;
  },

  /** The browser compressor on a generated 3000×2000 picture: size before/after. */
  async compressSample(): Promise<{ inputBytes: number; outputBytes: number; width: number; height: number } | null> {
    if (!canCompressInBrowser()) return null;
    const canvas = new OffscreenCanvas(3000, 2000);
    const context = canvas.getContext('2d')!;
    for (let i = 0; i < 400; i++) {
      context.fillStyle = `hsl(${(i * 37) % 360} 60% 50%)`;
      context.fillRect((i * 97) % 3000, (i * 53) % 2000, 200, 120);
    }
    const input = await canvas.convertToBlob({ type: 'image/png' });
    const out = await browserCompressor()(input);
    return { inputBytes: input.size, outputBytes: out.blob.size, width: out.width, height: out.height };
  },
};

declare global {
  interface Window {
    gridlinkHarness: typeof harness;
  }
}
window.gridlinkHarness = harness;
document.title = 'ready';
