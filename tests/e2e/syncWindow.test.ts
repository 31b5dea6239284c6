/**
 * The sync window in the app (core/syncWindow.ts): the district keeps a village's desk to 12
 * months of settled orders (`syncWindowMonths`, here written straight into the village's
 * database as the down job would). A new desk reads that setting from the server before its
 * first page, pulls with it, and an old closed order, left on the server, opens all the same:
 * fetched with its steps when the clerk opens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCouchDoc } from '../../core/couchDoc';
import { databaseOfUnit, scopeOfUnit } from '../../core/org';
import { settingIdOf } from '../../core/settings';
import { outsideSyncWindow, syncWindowStart } from '../../core/syncWindow';
import { dayOf } from '../../core/stats/period';
import type { TicketDoc } from '../../core/schema';
import { flowsDownTo } from '../../core/topology';
import { userNameOf } from '../../district/topologyPlan';
import { provisionedDistrict, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { openWebApp, realErrors, saveScreenshot, type WebApp } from './support/browser';
import { loginStation, syncIndicator } from './support/stationLogin';

let district: ProvisionedDistrict;
let app: WebApp;
let village: string;

beforeAll(async () => {
  district = await provisionedDistrict({ towns: 1, villagesPerTown: 1, ticketsPerVillage: 30, casesPerVillage: 1, componentsPerVillage: 1, staffPerVillage: 2 });
  village = district.demo.orgTree.towns[0]!.villages[0]!.code;
  const at = new Date().toISOString();
  const setting = { id: settingIdOf(village), type: 'setting', unitCode: village, scope: scopeOfUnit(village), syncWindowMonths: 12, createdAt: at, updatedAt: at, updatedBy: 'admin' };
  const docs = [...Object.values(district.demo.docs).flat().filter((doc) => flowsDownTo(doc, village)), setting];
  const loaded = await district.couch.adminFetch(`/${databaseOfUnit(village)}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: docs.map((doc) => toCouchDoc(doc as never)) }) });
  expect(loaded.status).toBe(201);
  app = await openWebApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await district?.stop();
});

describe('a desk with a sync window', { timeout: 240_000 }, () => {
  it('pulls with the window and fetches an old closed order when it is opened', async () => {
    const start = syncWindowStart(12)!;
    const old = district.demo.docs.tickets.find((t: TicketDoc) => t.ownerCode === village && t.state === 'closed' && outsideSyncWindow(t, start));
    if (!old) throw new Error('the demo village has no closed order older than the window');
    const { page, errors } = await app.newPage('', { viewport: { width: 1366, height: 768 } });
    const filtered: string[] = [];
    const fetched: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/_changes') && url.searchParams.get('filter') === '_selector') filtered.push(request.postData() ?? '');
      if (url.pathname.endsWith('/_all_docs') && (request.postData() ?? '').includes(old.id)) fetched.push(url.href);
    });
    const user = userNameOf(village);
    await loginStation(page, { districtUrl: district.couch.url, stationCode: village, user, password: district.passwords.get(user)! });
    await syncIndicator(page).and(page.locator('[data-tone="online"]')).waitFor({ timeout: 90_000 });
    await expect.poll(() => syncIndicator(page).locator('.sync-indicator__last').innerText(), { timeout: 60_000 }).toBe('已同步 · 实时');
    // The first page already asked for the window the server's setting names.
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered[0]).toContain(start);
    expect(fetched).toEqual([]);

    await page.evaluate((id) => (window.location.hash = `#/workorders/order/${encodeURIComponent(id)}`), old.id);
    await page.getByRole('heading', { name: `工单 ${old.number}` }).waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await saveScreenshot(page, 'sync-window-failed');
      console.log('DEBUG', fetched, await page.locator('main').innerText());
      throw error;
    });
    // Its whole history came with it, from its report (登记) on.
    const steps = page.locator('.wo-timeline__item');
    await expect.poll(() => steps.count(), { timeout: 15_000 }).toBe(district.demo.docs.ticketEvents.filter((e) => e.subjectId === old.id).length);
    expect(await steps.last().innerText()).toContain('登记');
    expect(fetched.length).toBeGreaterThan(0);
    await saveScreenshot(page, 'sync-window-old-order-1366');

    // 统计 for a period the window does not hold in full says so; 本年 (inside it) does not.
    await page.evaluate(() => (window.location.hash = '#/stats?p=range&from=2025-01-01&to=2025-06-30'));
    const notice = page.locator('.stats-window');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain(`本机只保留 ${dayOf(start)} 以来已办结的工单`);
    await page.setViewportSize({ width: 1024, height: 768 });
    await saveScreenshot(page, 'sync-window-stats-notice-1024');
    await page.evaluate(() => (window.location.hash = '#/stats?p=thisYear'));
    await page.locator('.stats-period').waitFor();
    await expect.poll(() => notice.count()).toBe(0);
    expect(realErrors(errors)).toEqual([]);
  });
});
