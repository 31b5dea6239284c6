/**
 * The offline map in Chromium, with every request that does not go to the local server
 * refused: grid polygons and Chinese names draw, component icons draw, a manhole cover clicked
 * on the map opens its card, and "发起工单" from it fills in catalog item, grid and location.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { generateDemoDistrict } from '../../district/demo/generate';
import { boundsOf, findGridAt } from '../../core/geo';
import { WEBGL_CHROMIUM_ARGS, collectPageErrors, ensureRendererBuilt, RENDERER_OUT, saveScreenshot, serveStatic, type StaticServer } from './support/browser';


let server: StaticServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureRendererBuilt();
  server = await serveStatic(RENDERER_OUT);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBGL_CHROMIUM_ARGS });
});
afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

/** A page that can reach 127.0.0.1 and nothing else; `refused` lists what it tried anyway. */
async function offlinePage(path: string, viewport = { width: 1400, height: 860 }): Promise<{ page: Page; errors: string[]; refused: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const refused: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    refused.push(url.href);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/${path}`);
  return { page, errors, refused };
}

type Drawn = Record<'gridPolygons' | 'gridLabels' | 'componentIcons' | 'componentClusters', number>;

/** Waits until the map has settled with what `ready` asks for drawn (it redraws as data arrives). */
async function waitForMap(page: Page, ready: (drawn: Drawn) => boolean): Promise<Drawn> {
  const map = page.getByTestId('grid-map');
  let drawn: Drawn = { gridPolygons: 0, gridLabels: 0, componentIcons: 0, componentClusters: 0 };
  await expect
    .poll(
      async () => {
        const data = await map.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
        if (data.idle !== 'true') return false;
        drawn = { gridPolygons: Number(data.gridPolygons), gridLabels: Number(data.gridLabels), componentIcons: Number(data.componentIcons), componentClusters: Number(data.componentClusters) };
        return ready(drawn);
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(true);
  return drawn;
}

describe('the offline map', () => {
  const demo = generateDemoDistrict({ seed: 1 });
  const station = demo.orgTree.towns[0].villages[0];
  const manhole = demo.docs.components.find((c) => c.scope.includes(station.code) && c.minorName.includes('井盖') && c.status !== 'removed');

  it('draws grids with Chinese names and component icons with the network cut off', async () => {
    const { page, errors, refused } = await offlinePage('?demo=1#/components');
    await page.getByRole('heading', { level: 1, name: '部件' }).waitFor();
    const drawn = await waitForMap(page, (d) => d.componentIcons + d.componentClusters > 0);
    expect(drawn.gridPolygons).toBeGreaterThan(0);
    expect(drawn.gridLabels).toBeGreaterThan(0);
    await saveScreenshot(page, 'map-components-overview');

    // Closer in, clusters break up into category icons.
    await page.getByRole('button', { name: '放大' }).click();
    await page.getByRole('button', { name: '放大' }).click();
    await waitForMap(page, (d) => d.componentIcons > 0);
    await saveScreenshot(page, 'map-components-icons');
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a manhole cover clicked on the map opens its card, and 发起工单 fills in catalog, grid and location', async () => {
    expect(manhole, 'the demo station has a manhole cover').toBeDefined();
    if (!manhole) return;
    const { page, errors, refused } = await offlinePage('?demo=1#/components');
    await page.getByRole('search').getByRole('searchbox').fill(manhole.code);
    const row = page.locator(`tr[data-code="${manhole.code}"]`);
    // The demo station is seeded first: on a busy machine that takes a while.
    await row.waitFor({ timeout: 90_000 });
    await row.getByRole('button', { name: '定位' }).click();
    // Locating centres the map on the cover; close the card it opens, then click the cover itself.
    // The card needs the map's own copy of the components, which a busy machine loads late too.
    await page.getByTestId('map-card').getByRole('button', { name: '关闭' }).click({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('map-card').count()).toBe(0);
    await waitForMap(page, (d) => d.componentIcons > 0);
    const map = page.getByTestId('grid-map');
    const [x, y] = ((await map.getAttribute('data-focus-point')) ?? '').split(',').map(Number);
    const box = await map.boundingBox();
    if (!box || !Number.isFinite(x)) throw new Error('map not laid out or not focused');
    await page.mouse.click(box.x + x, box.y + y);

    const card = page.getByTestId('map-card');
    await card.waitFor();
    expect(await card.getAttribute('data-kind')).toBe('component');
    const text = await card.innerText();
    expect(text).toContain(manhole.code);
    expect(text).toContain('井盖');
    expect(text).toContain(manhole.responsibleDepartment);
    expect(text).toContain(manhole.ownerUnit);
    expect(text).toContain(manhole.maintenanceUnit);
    await saveScreenshot(page, 'map-manhole-card');

    await card.getByRole('button', { name: '发起工单' }).click();
    const draft = page.getByRole('dialog', { name: '工单草稿' });
    await draft.waitFor();
    const expectedGrid = findGridAt(manhole.location, demo.docs.grids);
    if (!expectedGrid.ok) throw new Error(expectedGrid.message);
    const field = (name: string) => draft.locator(`[data-field="${name}"] dd`).innerText();
    expect(await field('catalogItem')).toMatch(/井盖.*（\d{8}）/);
    expect(await field('grid')).toContain(expectedGrid.grid.code);
    expect(await field('grid')).toContain(expectedGrid.grid.name);
    expect(await field('location')).toContain(manhole.location.lng.toFixed(6));
    expect(await field('location')).toContain(manhole.location.lat.toFixed(6));
    expect(await field('component')).toBe(manhole.code);
    await saveScreenshot(page, 'map-manhole-draft');
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
  }, 240_000);

  for (const viewport of [{ width: 1366, height: 768 }, { width: 1024, height: 768 }]) {
    it(`at ${viewport.width}×${viewport.height} the village's map opens on the village, the legend stays small and a grid card clears the zoom buttons`, async () => {
      const { page, errors, refused } = await offlinePage('?demo=1#/grids', viewport);
      await waitForMap(page, (d) => d.gridPolygons > 0 && d.gridLabels > 0);
      const map = page.getByTestId('grid-map');
      const villageGrid = demo.docs.grids.find((g) => g.code === station.code);
      if (!villageGrid) throw new Error('the demo village has no grid');
      const [w, s, e, n] = boundsOf(villageGrid.boundary);
      const [vw, vs, ve, vn] = ((await map.getAttribute('data-view')) ?? '').split(',').map(Number);
      // The whole village is in view, and it fills the view rather than sitting in a corner of the town.
      expect(vw).toBeLessThanOrEqual(w);
      expect(vs).toBeLessThanOrEqual(s);
      expect(ve).toBeGreaterThanOrEqual(e);
      expect(vn).toBeGreaterThanOrEqual(n);
      expect(((e - w) * (n - s)) / ((ve - vw) * (vn - vs))).toBeGreaterThan(0.25);

      const area = (box: { width: number; height: number } | null) => (box ? box.width * box.height : Infinity);
      const mapBox = await map.boundingBox();
      const legend = page.getByRole('complementary', { name: '图例' });
      expect(area(await legend.boundingBox())).toBeLessThanOrEqual(area(mapBox) / 8);
      await saveScreenshot(page, `map-open-${viewport.width}`);

      // A grid clicked in the middle of the map: its card, the zoom buttons and the legend do not overlap.
      if (!mapBox) throw new Error('map not laid out');
      // Points switched off, so the click lands on a grid, not on an icon or a cluster.
      await legend.locator('input[data-layer="components"]').uncheck();
      await legend.locator('input[data-layer="tickets"]').uncheck();
      await page.mouse.click(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height * 0.6);
      const card = page.getByTestId('map-card');
      await card.waitFor();
      expect(await card.getAttribute('data-kind')).toBe('grid');
      // 网格长 and 网格员 by name, not by staff code.
      const text = await card.innerText();
      const grid = demo.docs.grids.find((g) => text.includes(g.code) && text.includes(g.name));
      const nameOf = (id: string | undefined) => demo.docs.staff.find((p) => p.staffId === id)?.name;
      expect(grid?.headStaffId).toBeDefined();
      expect(text).toContain(nameOf(grid?.headStaffId));
      for (const id of grid?.workerStaffIds ?? []) expect(text).toContain(nameOf(id));
      expect(text).not.toMatch(/S\d{12}-\d{3}/);
      const boxes = await Promise.all([card, page.getByRole('button', { name: '放大' }), page.getByRole('button', { name: '缩小' }), legend].map((l) => l.boundingBox()));
      const [cardBox, ...others] = boxes;
      if (!cardBox) throw new Error('card not laid out');
      for (const other of others) {
        if (!other) throw new Error('control not laid out');
        const apart = other.x >= cardBox.x + cardBox.width || other.x + other.width <= cardBox.x || other.y >= cardBox.y + cardBox.height || other.y + other.height <= cardBox.y;
        expect(apart).toBe(true);
      }
      await saveScreenshot(page, `map-grid-card-${viewport.width}`);
      expect(refused).toEqual([]);
      expect(errors).toEqual([]);
    }, 180_000);
  }
});
