/**
 * A new station's first sync as the clerk sees it, against a real district server whose
 * `_changes` pages are slowed (page.route) so the first sync lasts long enough to be looked
 * at: how far it is and how long is left in the header, 正在首次同步 (not 暂无数据, not 0) in the
 * inbox; then 已同步 · 实时 once caught up; 立即同步 while the server is away says why it cannot;
 * a password changed by IT brings 重新登录, whose dialog fits and takes the password at once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userNameOf } from '../../district/topologyPlan';
import { toCouchDoc } from '../../core/couchDoc';
import { databaseOfUnit } from '../../core/org';
import { flowsDownTo } from '../../core/topology';
import { provisionedDistrict, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { openWebApp, realErrors, saveScreenshot, type WebApp, type WebAppPage } from './support/browser';
import { loginStation, syncIndicator } from './support/stationLogin';

let district: ProvisionedDistrict;
let proxy: TcpProxy;
let app: WebApp;
let village: { code: string; name: string };
let user: string;
let password: string;
let stationDocs: number;
let session: WebAppPage;
/** How long each page of the first sync is held back. */
const PAGE_DELAY_MS = 2_500;

beforeAll(async () => {
  district = await provisionedDistrict({ towns: 1, villagesPerTown: 1, ticketsPerVillage: 700, casesPerVillage: 5, componentsPerVillage: 20, staffPerVillage: 3 });
  const { couch, demo } = district;
  const first = demo.orgTree.towns[0]!.villages[0]!;
  village = { code: first.code, name: first.name };
  user = userNameOf(village.code);
  password = district.passwords.get(user)!;
  const mine = Object.values(demo.docs).flat().filter((doc) => flowsDownTo(doc, village.code));
  const loaded = await couch.adminFetch(`/${databaseOfUnit(village.code)}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: mine.map((doc) => toCouchDoc(doc)) }) });
  expect(loaded.status).toBe(201);
  const info = (await (await couch.adminFetch(`/${databaseOfUnit(village.code)}`)).json()) as { doc_count: number };
  stationDocs = info.doc_count;
  proxy = await startTcpProxy(couch.url);
  app = await openWebApp();
}, 240_000);

afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await district?.stop();
});

const indicator = syncIndicator;
const digits = (text: string) => Number(text.replace(/[^\d]/g, ''));

describe('a new station’s first sync', () => {
  it('shows docs done of the total and the time left, and lists say they are syncing, not empty', async () => {
    session = await app.newPage('');
    const { page } = session;
    // Only the catch-up pages are slowed; the live feed (longpoll) is left alone.
    await page.route(
      (url) => url.pathname.endsWith('/_changes') && !url.searchParams.has('feed'),
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, PAGE_DELAY_MS));
        await route.continue().catch(() => undefined);
      },
    );
    await loginStation(page, { districtUrl: proxy.url, stationCode: village.code, user, password });

    const progress = indicator(page).locator('.sync-indicator__state');
    await expect.poll(() => progress.innerText(), { timeout: 30_000 }).toMatch(/^正在同步 [\d,]+ \/ [\d,]+$/);
    const [, total] = (await progress.innerText()).replace('正在同步 ', '').split(' / ');
    expect(digits(total!)).toBe(stationDocs);
    // Before the first page is stored: the inbox is syncing, its counts unknown, not 0.
    const empty = page.locator('.empty-state');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('正在首次同步，数据到达后显示在这里');
    expect(await empty.innerText()).toContain(`/ ${Number(stationDocs).toLocaleString('zh-CN')} 条`);
    expect(await page.getByText('暂无数据').count()).toBe(0);
    expect(await page.locator('.wo-tab__count').allInnerTexts()).toEqual(expect.arrayContaining(['…']));
    expect(await page.locator('.wo-tab__count').allInnerTexts()).not.toContain('0');
    await page.mouse.move(700, 760);
    await saveScreenshot(page, 'first-sync-start-1366');

    // Pages arrive: done counts up, and a time left is given once the pace is known.
    await expect.poll(async () => digits((await progress.innerText()).split(' / ')[0]!), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => indicator(page).locator('.sync-indicator__last').innerText(), { timeout: 30_000 }).toMatch(/^剩余(不到 1 分钟|约 \d+ 分钟)$/);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate(() => (window.location.hash = '#/sync'));
    await page.locator('.sync-progress').waitFor();
    expect(await page.locator('.sync-status').innerText()).toMatch(/已同步 [\d,]+ \/ [\d,]+ 条（\d+%）/);
    await saveScreenshot(page, 'first-sync-progress-1024');
  });

  it('once caught up the header reads live, and the screens show the data', async () => {
    const { page, errors } = session;
    await indicator(page).and(page.locator('[data-tone="online"]')).waitFor({ timeout: 90_000 });
    await expect.poll(() => indicator(page).locator('.sync-indicator__last').innerText(), { timeout: 30_000 }).toBe('已同步 · 实时');
    expect(await page.locator('.sync-status').innerText()).toContain('实时同步中');
    await page.locator('.station__name').getByText(village.name).waitFor();
    await page.evaluate(() => (window.location.hash = '#/workorders'));
    await page.getByRole('table', { name: '工单' }).locator('tbody tr').first().waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.mouse.move(700, 760);
    await saveScreenshot(page, 'first-sync-done-live-1366');
    expect(realErrors(errors)).toEqual([]);
  });

  it('立即同步 with the server away says it cannot sync now, and why', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate(() => (window.location.hash = '#/sync'));
    await proxy.cut();
    await indicator(page).and(page.locator('[data-tone="offline"]')).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '立即同步' }).click();
    const answer = page.locator('.sync-status .sync-message');
    expect(await answer.innerText()).toBe('现在无法同步：连接不上区联动中心服务器。修改都已保存在本机，联网后自动同步。');
    expect(await page.getByText('已开始同步').count()).toBe(0);
    await saveScreenshot(page, 'sync-now-offline-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
    await saveScreenshot(page, 'sync-now-offline-1366');
    await proxy.restore();
    await indicator(page).and(page.locator('[data-tone="online"]')).waitFor({ timeout: 60_000 });
  });

  it('a password changed by IT: 重新登录 fits the window, takes the password first, and speaks Chinese', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1024, height: 768 });
    const fresh = `${password}-new`;
    const users = district.couch;
    const doc = (await (await users.adminFetch(`/_users/org.couchdb.user:${encodeURIComponent(user)}`)).json()) as Record<string, unknown>;
    const put = await users.adminFetch(`/_users/org.couchdb.user:${encodeURIComponent(user)}`, { method: 'PUT', body: JSON.stringify({ ...doc, password: fresh }) });
    expect(put.ok).toBe(true);
    // The next request carries the old password: drop the connection so one is made.
    await proxy.cut();
    await proxy.restore();
    await indicator(page).and(page.locator('[data-tone="authError"]')).waitFor({ timeout: 60_000 });
    const message = page.locator('.sync-status .sync-message--danger span').first();
    expect(await message.innerText()).not.toMatch(/[A-Za-z]{3,}/);

    await indicator(page).getByRole('button', { name: '重新登录' }).click();
    const dialog = page.getByRole('dialog', { name: '重新登录' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await fitsInside(page, '.relogin');
    await saveScreenshot(page, 'relogin-dialog-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
    await fitsInside(page, '.relogin');
    await saveScreenshot(page, 'relogin-dialog-1366');

    await page.keyboard.type(fresh);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await indicator(page).and(page.locator('[data-tone="online"]')).waitFor({ timeout: 60_000 });
  });
});

/** Nothing inside the dialog reaches past its right edge, and the dialog is inside the window. */
async function fitsInside(page: Page, selector: string): Promise<void> {
  const overflow = await page.evaluate((sel) => {
    const dialog = document.querySelector(sel)!;
    const box = dialog.getBoundingClientRect();
    const out = [...dialog.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > box.right - 1 || el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName}.${el.className}`);
    return { out, right: box.right, width: window.innerWidth };
  }, selector);
  expect(overflow.out).toEqual([]);
  expect(overflow.right).toBeLessThanOrEqual(overflow.width);
}
