/**
 * 等保 audit records from the real UI: at a village's browser workstation the clerk exports the
 * work-order list to Excel and prints a 派遣单; both become audit records that sync up to the
 * district database, where `district audit`'s listing finds them. The 同步 screen states the
 * retention rule of settled records and what its last run cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCouchDoc } from '../../core/couchDoc';
import { databaseOfUnit } from '../../core/org';
import { flowsDownTo } from '../../core/topology';
import { listAudit } from '../../district/audit';
import { keyOfId } from '../../core/schema';
import { userNameOf } from '../../district/topologyPlan';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { openWebApp, saveScreenshot, type WebApp } from './support/browser';
import { loginStation } from './support/stationLogin';

/** Two hops of replication (station → town → district) on a server every suite loads at once. */
const REPLICATION_MS = 150_000;

let district: ProvisionedDistrict;
let app: WebApp;

beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
  app = await openWebApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await district?.stop();
});

describe('audit records from the browser workstation', { timeout: REPLICATION_MS + 120_000 }, () => {
  it('an Excel export, a printed 派遣单 and a revealed ID number reach the district database; the 同步 screen states the retention rule', async () => {
    const village = district.demo.orgTree.towns[0]!.villages[0]!.code;
    const user = userNameOf(village);
    // The village's share of the district, as down-replication would have brought it.
    const everything = Object.values(district.demo.docs).flat();
    const loaded = await district.couch.adminFetch(`/${databaseOfUnit(village)}/_bulk_docs`, {
      method: 'POST',
      body: JSON.stringify({ docs: everything.filter((doc) => flowsDownTo(doc, village)).map((doc) => toCouchDoc(doc)) }),
    });
    expect(loaded.status).toBe(201);
    const { page, errors } = await app.newPage('', {
      // The print dialog of a headless browser: nothing to click through.
      init: (context) => context.addInitScript(() => { window.print = () => undefined; }),
    });
    await loginStation(page, { districtUrl: district.couch.url, stationCode: village, user, password: district.passwords.get(user)! });

    await page.goto(`${app.server.url}/#/workorders`);
    const exportButton = page.getByRole('button', { name: '导出 Excel' });
    await expect.poll(() => exportButton.isEnabled(), { timeout: 60_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/\.xlsx$/);

    const ticket = district.demo.docs.tickets.find((t) => t.ownerCode === village && t.holderCode === village)!;
    await page.goto(`${app.server.url}/#/workorders/slip/${encodeURIComponent(ticket.id)}`);
    await page.locator('.print-toolbar button.action-button--primary').click();

    // A party's full ID number, phone and address shown on purpose (显示) on the case page.
    const mediationCase = district.demo.docs.mediationCases.find((c) => c.ownerCode === village)!;
    const party = mediationCase.parties.find((p) => p.idNumber)!;
    await page.goto(`${app.server.url}/#/mediation/case/${encodeURIComponent(keyOfId(mediationCase.id))}`);
    await page.getByRole('table', { name: '当事人' }).getByRole('button', { name: `显示${party.name}的完整证件号码、电话和住址` }).click();

    const records = await eventually(async () => {
      const docs = await listAudit(district.connection, district.demo.orgTree.code, { station: village });
      const exported = docs.find((d) => d.action === 'export' && d.target === fileName);
      const printed = docs.find((d) => d.action === 'print' && d.target === ticket.id);
      const revealed = docs.find((d) => d.action === 'reveal' && d.target === mediationCase.id);
      return exported && printed && revealed ? { exported, printed, revealed } : undefined;
    }, REPLICATION_MS, 'the export, the print and the reveal at the district');
    expect(records.revealed).toMatchObject({ byUnit: village, by: user });
    expect(records.revealed.detail).toMatch(/^parties\.\d+/);
    expect(records.exported).toMatchObject({ byUnit: village, by: user });
    expect(records.printed).toMatchObject({ byUnit: village, by: user, detail: '派遣单' });

    await page.goto(`${app.server.url}/#/sync`);
    const panel = page.getByRole('region', { name: '记录保留' });
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('在处理 90 天后从本机自动清除');
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/上次检查：.*没有到期的记录/);
    for (const [width, height] of [[1366, 768], [1024, 768]] as const) {
      await page.setViewportSize({ width, height });
      await panel.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `sync-retention-${width}`);
    }
    expect(errors.filter((e) => !/Failed to load resource|net::ERR/.test(e))).toEqual([]);
  });
});
