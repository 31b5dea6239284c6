/**
 * The basemap under the grids, from the district's `basemapUrl` setting: IT publishes a raster
 * XYZ tile service (here a loopback server of solid magenta tiles), the setting syncs down to a
 * village workstation, and its map draws the tiles under the grids with every request that does
 * not go to this machine refused. Then the tile service goes down: after a reload the station's
 * own copy of the tiles it saw still draws its area.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toCouchDoc } from '../../core/couchDoc';
import { databaseOfUnit } from '../../core/org';
import { flowsDownTo } from '../../core/topology';
import { setSettings } from '../../district/settings';
import { userNameOf } from '../../district/topologyPlan';
import { provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { openWebApp, realErrors, saveScreenshot, type WebApp } from './support/browser';
import { loginStation } from './support/stationLogin';

/** The setting reaches the village through the district's down job, then the station's sync. */
const REPLICATION_MS = 150_000;
const MAGENTA = [255, 0, 255] as const;

/** A 256 × 256 PNG of one colour, written by hand (no image library in the tests). */
function solidPng([r, g, b]: readonly [number, number, number]): Buffer {
  const size = 256;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let i = 0; i < size; i++) row.set([r, g, b], 1 + i * 3);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** An XYZ tile service on loopback that counts what it served. */
async function startTileServer(): Promise<{ server: Server; template: string; served: () => number }> {
  const tile = solidPng(MAGENTA);
  let served = 0;
  const server = createServer((request, response) => {
    if (!/^\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) return void response.writeHead(404).end();
    served++;
    response.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(tile);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, served: () => served };
}

/** A PMTiles v3 archive (no writer ships with the pmtiles package): one PNG for every tile to `maxZoom`. */
function solidPmtiles(png: Buffer, maxZoom: number): Buffer {
  const varint = (value: number): number[] => {
    const out: number[] = [];
    while (value >= 0x80) {
      out.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    return [...out, value];
  };
  // Tile ids count up from z0 through every zoom: one run covers them all.
  const tiles = ((4 ** (maxZoom + 1)) - 1) / 3;
  // One entry: tile id 0, run length, length, offset + 1.
  const directory = Buffer.from([...varint(1), ...varint(0), ...varint(tiles), ...varint(png.length), ...varint(1)]);
  const metadata = Buffer.from('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (at: number, value: number) => header.writeBigUInt64LE(BigInt(value), at);
  u64(8, 127); // root directory
  u64(16, directory.length);
  u64(24, 127 + directory.length); // metadata
  u64(32, metadata.length);
  u64(40, 0); // no leaf directories
  u64(48, 0);
  u64(56, 127 + directory.length + metadata.length); // tile data
  u64(64, png.length);
  u64(72, tiles); // addressed tiles, entries, contents
  u64(80, 1);
  u64(88, 1);
  header.set([1, 1, 1, 2, 0, maxZoom], 96); // clustered, no compression (directories, tiles), PNG, zooms
  header.writeInt32LE(-1_800_000_000, 102);
  header.writeInt32LE(-850_000_000, 106);
  header.writeInt32LE(1_800_000_000, 110);
  header.writeInt32LE(850_000_000, 114);
  header.writeUInt8(10, 118);
  header.writeInt32LE(1_206_000_000, 119);
  header.writeInt32LE(313_000_000, 123);
  return Buffer.concat([header, directory, metadata, png]);
}

/** A file on a loopback web server that answers range requests, as an intranet server does. */
async function servePmtiles(archive: Buffer): Promise<{ server: Server; url: string; ranges: () => number }> {
  let ranges = 0;
  const server = createServer((request, response) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'range, if-match', 'Access-Control-Expose-Headers': 'etag, content-range, content-length' };
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
    if (request.url !== '/area.pmtiles' || !range) return void response.writeHead(404, cors).end();
    ranges++;
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), archive.length - 1);
    response.writeHead(206, { ...cors, 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${start}-${end}/${archive.length}`, 'Content-Length': end - start + 1, ETag: '"area-1"' });
    response.end(archive.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `pmtiles://http://127.0.0.1:${port}/area.pmtiles`, ranges: () => ranges };
}

/** The colour on screen at (x, y), read back from a screenshot of that one pixel. */
async function pixelAt(page: Page, x: number, y: number): Promise<number[]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const context = new OffscreenCanvas(1, 1).getContext('2d');
    context?.drawImage(bitmap, 0, 0);
    return [...(context?.getImageData(0, 0, 1, 1).data.slice(0, 3) ?? [])];
  }, png.toString('base64'));
}

const isMagenta = ([r, g, b]: number[]) => r > 200 && g < 90 && b > 200;
const isCyan = ([r, g, b]: number[]) => r < 90 && g > 200 && b > 200;

/** Waits until the map has settled with basemap tiles drawn; returns their count. */
async function waitForBasemap(page: Page, timeout: number): Promise<number> {
  const map = page.getByTestId('grid-map');
  let tiles = 0;
  await expect
    .poll(
      async () => {
        if ((await map.count()) === 0) return false;
        const data = await map.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
        tiles = Number(data.basemapTiles ?? 0);
        return data.idle === 'true' && Number(data.gridPolygons) > 0 && tiles > 0;
      },
      { timeout, interval: 500 },
    )
    .toBe(true);
  return tiles;
}

/** A spot at the map's left edge, half way down: outside the village, away from every overlay. */
async function bareSpot(page: Page): Promise<[number, number]> {
  const box = await page.getByTestId('grid-map').boundingBox();
  if (!box) throw new Error('the map is not laid out');
  return [Math.round(box.x + 12), Math.round(box.y + box.height / 2)];
}

let district: ProvisionedDistrict;
let tiles: Awaited<ReturnType<typeof startTileServer>>;
let app: WebApp;
let pmtiles: Awaited<ReturnType<typeof servePmtiles>> | undefined;

beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
  // The village's share of the district (its grids, staff, components), as down-replication
  // would have brought it.
  const village = district.demo.orgTree.towns[0]!.villages[0]!.code;
  const everything = Object.values(district.demo.docs).flat();
  const loaded = await district.couch.adminFetch(`/${databaseOfUnit(village)}/_bulk_docs`, {
    method: 'POST',
    body: JSON.stringify({ docs: everything.filter((doc) => flowsDownTo(doc, village)).map((doc) => toCouchDoc(doc)) }),
  });
  expect(loaded.status).toBe(201);
  tiles = await startTileServer();
  // IT publishes the basemap for the whole district, as `district settings set` does.
  await setSettings(district.connection, { unit: district.demo.orgTree.code, set: { basemapUrl: tiles.template }, clear: [] });
  app = await openWebApp({ webgl: true });
}, 180_000);
afterAll(async () => {
  await app?.close();
  tiles?.server.close();
  pmtiles?.server.close();
  await district?.stop();
});

/** A page that reaches this machine only: every other request is refused and noted. */
async function openLoopbackOnly() {
  const refused: string[] = [];
  const opened = await app.newPage('', {
    viewport: { width: 1366, height: 768 },
    init: (context) =>
      context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') return route.continue();
        refused.push(url.href);
        return route.abort('internetdisconnected');
      }),
  });
  return { ...opened, refused };
}

describe('the basemap from the district', { timeout: 2 * REPLICATION_MS + 120_000 }, () => {
  it('draws under the grids with only this machine reachable, and its area again with the tile service down', async () => {
    const village = district.demo.orgTree.towns[0]!.villages[0]!.code;
    const user = userNameOf(village);
    const password = district.passwords.get(user)!;
    const { page, errors, refused } = await openLoopbackOnly();
    await loginStation(page, { districtUrl: district.couch.url, stationCode: village, user, password });
    await page.evaluate(() => (window.location.hash = '#/grids'));

    const drawn = await waitForBasemap(page, REPLICATION_MS).catch(async (error: unknown) => {
      await saveScreenshot(page, 'map-basemap-failed');
      throw error;
    });
    expect(drawn).toBeGreaterThan(0);
    expect(tiles.served()).toBeGreaterThanOrEqual(drawn);
    const [x, y] = await bareSpot(page);
    expect(isMagenta(await pixelAt(page, x, y))).toBe(true);
    await saveScreenshot(page, 'map-basemap-1366');

    // 离线保存本辖区底图: every tile over the village, to the deepest zoom under the cap, kept.
    const servedBrowsing = tiles.served();
    const keep = page.getByTestId('basemap-offline');
    await keep.getByRole('button', { name: '离线保存本辖区底图' }).click();
    const saved = await keep.getByRole('status').filter({ hasText: /已离线保存 \d+ 块底图/ }).innerText({ timeout: 120_000 });
    const kept = Number(/(\d+)/.exec(saved)?.[1]);
    expect(kept).toBeGreaterThan(drawn);
    expect(kept).toBeLessThanOrEqual(3000);
    // What browsing had kept already is not fetched again.
    expect(tiles.served() - servedBrowsing).toBeLessThan(kept);
    await saveScreenshot(page, 'map-basemap-kept-1366');
    await page.setViewportSize({ width: 1024, height: 768 });
    await waitForBasemap(page, 30_000);
    await saveScreenshot(page, 'map-basemap-1024');

    // The tile service goes down; a reload starts a new map with no tiles in memory.
    await new Promise<void>((resolve) => tiles.server.close(() => resolve()));
    tiles.server.closeAllConnections();
    const servedBefore = tiles.served();
    await page.reload();
    await page.getByRole('heading', { name: '请输入密码' }).waitFor();
    await page.locator('input[name="password"]').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await page.evaluate(() => (window.location.hash = '#/grids'));
    expect(
      await waitForBasemap(page, 60_000).catch(async (error: unknown) => {
        await saveScreenshot(page, 'map-basemap-offline-failed');
        console.log(await page.getByTestId('grid-map').evaluate((el) => JSON.stringify((el as HTMLElement).dataset)), errors);
        throw error;
      }),
    ).toBeGreaterThan(0);
    const [x2, y2] = await bareSpot(page);
    expect(isMagenta(await pixelAt(page, x2, y2))).toBe(true);
    expect(tiles.served()).toBe(servedBefore);
    await saveScreenshot(page, 'map-basemap-offline-1024');

    expect(refused).toEqual([]);
    expect(realErrors(errors)).toEqual([]);
  });

  it('draws a PMTiles archive of raster tiles the district names instead', async () => {
    pmtiles = await servePmtiles(solidPmtiles(solidPng([0, 255, 255]), 16));
    await setSettings(district.connection, { unit: district.demo.orgTree.code, set: { basemapUrl: pmtiles.url }, clear: [] });
    const village = district.demo.orgTree.towns[0]!.villages[0]!.code;
    const user = userNameOf(village);
    const { page, errors, refused } = await openLoopbackOnly();
    await loginStation(page, { districtUrl: district.couch.url, stationCode: village, user, password: district.passwords.get(user)! });
    await page.evaluate(() => (window.location.hash = '#/grids'));
    await waitForBasemap(page, REPLICATION_MS).catch(async (error: unknown) => {
      await saveScreenshot(page, 'map-basemap-pmtiles-failed');
      throw error;
    });
    const [x, y] = await bareSpot(page);
    expect(isCyan(await pixelAt(page, x, y))).toBe(true);
    expect(pmtiles.ranges()).toBeGreaterThan(1);
    // An archive is read in place: no offline copy to make.
    expect(await page.getByTestId('basemap-offline').count()).toBe(0);
    await saveScreenshot(page, 'map-basemap-pmtiles-1366');
    expect(refused).toEqual([]);
    expect(realErrors(errors)).toEqual([]);
  });
});
