/**
 * The UI benchmark page. `?phase=seed` fills a local RxDB database (Dexie over IndexedDB, as the
 * app uses) with the benchmark district's work orders and reference data. `?phase=measure`
 * (a fresh page load: nothing warm but the browser's disk cache) opens it as the app does,
 * mounts the real work-order inbox and times cold start to interactive, then each main list:
 * from the click on its tab or filter until its rows are on screen (query + render).
 */
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { openDatabase, type GridlinkDatabase } from '../../sync/database';
import { i18n } from '../../core/i18n';
import type { AnyDoc, SyncedCollectionName } from '../../core/schema';
import { COLLECTION_OF_TYPE } from '../../core/schema';
import { actorOf, SessionProvider } from '../../renderer/data/session';
import { browserCompressor } from '../../renderer/data/browserCompressor';
import { createPhotoStore } from '../../core/photos/photoStore';
import { WorkOrdersScreen } from '../../renderer/features/workorders/WorkOrdersScreen';
import '../../renderer/ui/app.css';

export interface UiBenchResult {
  phase: 'seed' | 'measure';
  tickets?: number;
  seedMs?: number;
  /** Navigation start → inbox rows on screen (page load, database open, queries, render). */
  coldStartMs?: number;
  lists?: { name: string; ms: number; rows: number }[];
  error?: string;
}

declare global {
  interface Window {
    uiBenchResult?: UiBenchResult;
  }
}

const DB_NAME = 'gridlink-bench-ui';

async function seed(): Promise<UiBenchResult> {
  const docs = (await (await fetch('./district.json', { cache: 'no-store' })).json()) as AnyDoc[];
  const db = await openDatabase({ name: DB_NAME });
  const start = performance.now();
  const byCollection = new Map<SyncedCollectionName, AnyDoc[]>();
  for (const doc of docs) {
    const name = COLLECTION_OF_TYPE[doc.type];
    const list = byCollection.get(name) ?? [];
    list.push(doc);
    byCollection.set(name, list);
  }
  for (const [name, list] of byCollection) {
    const collection = db[name] as unknown as { bulkInsert(docs: AnyDoc[]): Promise<{ error: unknown[] }> };
    for (let i = 0; i < list.length; i += 5000) {
      const result = await collection.bulkInsert(list.slice(i, i + 5000));
      if (result.error.length > 0) throw new Error(`${name}: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
    }
  }
  const seedMs = performance.now() - start;
  const tickets = await db.tickets.count().exec();
  await db.close();
  return { phase: 'seed', tickets, seedMs };
}

/** Resolves when an element matching `selector` is in the document (checked on every mutation). */
function appeared(selector: string): Promise<Element> {
  return new Promise((resolve) => {
    const found = document.querySelector(selector);
    if (found) return resolve(found);
    const observer = new MutationObserver(() => {
      const hit = document.querySelector(selector);
      if (hit) {
        observer.disconnect();
        resolve(hit);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const rowsIn = (element: Element) => element.querySelectorAll('tbody tr').length;
const key = (list: string) => `[data-list="${list.replace(/"/g, '\\"')}"]`;

async function timeList(name: string, list: string, trigger: () => void): Promise<{ name: string; ms: number; rows: number }> {
  const start = performance.now();
  trigger();
  const element = await appeared(key(list));
  // The frame after the commit: what the clerk sees.
  await new Promise((done) => requestAnimationFrame(() => done(undefined)));
  return { name, ms: performance.now() - start, rows: rowsIn(element) };
}

function setSelect(label: string, value: string): void {
  const select = document.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`);
  if (!select) throw new Error(`no select ${label}`);
  // React listens to the native setter + input/change events.
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
  setter.call(select, value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

function clickTab(label: RegExp): void {
  const tab = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((b) => label.test(b.textContent ?? ''));
  if (!tab) throw new Error(`no tab ${label}`);
  tab.click();
}

async function measure(unit: string, gridCode: string): Promise<UiBenchResult> {
  const db: GridlinkDatabase = await openDatabase({ name: DB_NAME });
  const station = { districtUrl: '', stationCode: unit, stationName: '基准测试站', username: 'bench', districtName: '吴中区' };
  const container = document.getElementById('root')!;
  window.location.hash = '#/workorders';
  createRoot(container).render(
    <I18nextProvider i18n={i18n}>
      <SessionProvider session={{ station, db, platform: 'web', demo: false, sync: null, actor: actorOf(station), photos: createPhotoStore({ photos: db.photos, compress: browserCompressor() }), relogin: () => Promise.reject(new Error('the UI benchmark has no server')) }}>
        <WorkOrdersScreen />
      </SessionProvider>
    </I18nextProvider>,
  );
  const first = await appeared(key('all'));
  await new Promise((done) => requestAnimationFrame(() => done(undefined)));
  const coldStartMs = performance.now();
  const lists = [{ name: '全部 (inbox, cold)', ms: coldStartMs, rows: rowsIn(first) }];
  // Let the tab counts settle so they do not compete with the timed lists.
  await new Promise((done) => setTimeout(done, 1500));
  lists.push(await timeList('处置中 (this unit)', 'handling', () => clickTab(/^处置中/)));
  lists.push(await timeList('待核查 (this unit)', 'pendingVerification', () => clickTab(/^待核查/)));
  lists.push(await timeList('超期', 'overdue', () => clickTab(/^超期/)));
  lists.push(await timeList('已上报', 'escalated', () => clickTab(/^已上报/)));
  lists.push(await timeList('已结案', 'closed', () => clickTab(/^已结案/)));
  lists.push(await timeList('全部', 'all', () => clickTab(/^全部/)));
  lists.push(await timeList('全部 + 网格', `all|gridCode=${gridCode}`, () => setSelect('网格', gridCode)));
  lists.push(await timeList('全部 + 网格 + 大类', `all|gridCode=${gridCode}|major=03`, () => setSelect('事项大类', '03')));
  lists.push(await timeList('全部 + 网格 + 大类 + 状态', `all|gridCode=${gridCode}|major=03|state=closed`, () => setSelect('状态', 'closed')));
  return { phase: 'measure', coldStartMs, lists, tickets: await db.tickets.count().exec() };
}

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  try {
    window.uiBenchResult = params.get('phase') === 'seed' ? await seed() : await measure(params.get('unit') ?? '', params.get('grid') ?? '');
  } catch (error) {
    window.uiBenchResult = { phase: 'measure', error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  }
}

void main();
