/**
 * Personal sign-in at a shared village workstation, in Chromium, on a provisioned district:
 * two clerks with personal accounts (`district people add`) sign in at one village station in
 * turn, each takes a step on an order; at the town the order's history names both. With the
 * server out of reach, a wrong password is refused (checked against the verifier of the last
 * online sign-in) and the right one opens. The district's idle lock (1 minute here) engages, and
 * only that person's password, or another person's sign-in, opens it again. Sync runs under the
 * station's login throughout; the server refuses a step signed by no person (security suite).
 * Screenshots: artifacts/screenshots/person-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { userNameOf } from '../../district/topologyPlan';
import { toCouchDoc } from '../../core/couchDoc';
import { databaseOfUnit } from '../../core/org';
import { flowsDownTo } from '../../core/topology';
import type { StaffDoc } from '../../core/schema';
import { listAudit } from '../../district/audit';
import { addPeople } from '../../district/people';
import { setSettings } from '../../district/settings';
import { bulkWrite } from '../support/couchServer';
import { provisionedDistrict, readPasswordsFile, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { openWebApp, saveScreenshot, type WebApp, type WebAppPage } from './support/browser';
import { fillStationSetup, loginStation, syncIndicator } from './support/stationLogin';
import { act } from './support/workorderActions';

const HOP_MS = 60_000;
const DESCRIPTION = '村民反映：村口路灯不亮已一周';

let district: ProvisionedDistrict;
let proxy: TcpProxy;
let app: WebApp;
let town: string;
let village: string;
let first: StaffDoc & { account: string; password: string };
let second: StaffDoc & { account: string; password: string };
let desk: WebAppPage;
let orderId = '';
let orderNumber = '';

beforeAll(async () => {
  [district, app] = await Promise.all([
    provisionedDistrict({ towns: 1, villagesPerTown: 1, ticketsPerVillage: 1, casesPerVillage: 0, componentsPerVillage: 0, staffPerVillage: 3 }),
    openWebApp(),
  ]);
  town = district.demo.orgTree.towns[0]!.code;
  village = district.demo.orgTree.towns[0]!.villages[0]!.code;
  // The roster at the district (it flows down to the town and the village), everything else
  // straight into each unit's database, as down-replication would have brought it.
  await bulkWrite(district.couch, district.districtDb, district.demo.docs.staff.map((s) => toCouchDoc(s)));
  const others = Object.entries(district.demo.docs).filter(([kind]) => kind !== 'staff').flatMap(([, docs]) => docs as { scope: string[] }[]);
  for (const unit of [town, village]) await bulkWrite(district.couch, databaseOfUnit(unit), others.filter((doc) => flowsDownTo(doc as never, unit)).map((doc) => toCouchDoc(doc as never)));
  // Two clerks of the village get personal accounts; the district locks idle desks after 1 minute.
  const [a, b] = district.demo.docs.staff.filter((s) => s.ownerCode === village);
  const accounts = await addPeople(district.connection, [a!.staffId, b!.staffId], `${district.dir}/people.csv`);
  const passwords = readPasswordsFile(`${district.dir}/people.csv`);
  first = { ...a!, account: accounts[0]!.user, password: passwords.get(accounts[0]!.user)! };
  second = { ...b!, account: accounts[1]!.user, password: passwords.get(accounts[1]!.user)! };
  await setSettings(district.connection, { unit: village, set: { idleLockMinutes: 1 }, clear: [] });
  proxy = await startTcpProxy(district.couch.url);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await district?.stop();
});

const go = (page: Page, hash: string) => page.evaluate((to) => (window.location.hash = to), hash);
const signInHeading = (page: Page) => page.getByRole('heading', { name: '请登录本人账号' });
const personMenu = (page: Page) => page.locator('.person-menu__button');

async function signIn(page: Page, person: { name: string; account: string }, password: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(person.name) }).click();
  await page.locator('input[name="personPassword"]').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function signedInAs(page: Page, name: string): Promise<void> {
  await expect.poll(() => personMenu(page).innerText().catch(() => ''), { timeout: 30_000 }).toContain(name);
}

describe('people at a shared village workstation', () => {
  it('the station opens on the sign-in screen, which offers its people; the first clerk signs in (checked by the server) and records an order', async () => {
    desk = await app.newPage('', { viewport: { width: 1366, height: 768 } });
    const { page } = desk;
    const user = userNameOf(village);
    // Set up like any station; once open, the sign-in screen stands where the app would be.
    await page.getByRole('heading', { name: '本工作站尚未配置' }).waitFor({ timeout: 30_000 });
    await fillStationSetup(page, { districtUrl: proxy.url, stationCode: village, user, password: district.passwords.get(user) ?? '' });
    // The roster (with its accounts) arrives by replication from the district.
    await signInHeading(page).waitFor({ timeout: HOP_MS });
    await page.getByRole('button', { name: new RegExp(second.name) }).waitFor({ timeout: HOP_MS });
    await saveScreenshot(page, 'person-sign-in');
    // The station's own login is no person.
    await page.locator('input[name="person"]').fill(user);
    await page.locator('input[name="personPassword"]').fill(district.passwords.get(user) ?? '');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '不是个人账号' }).waitFor();

    await signIn(page, first, first.password);
    await signedInAs(page, first.name);
    await syncIndicator(page).and(page.locator('[data-tone="online"]')).waitFor({ timeout: HOP_MS });
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(first.password);

    await go(page, '#/workorders/new');
    await page.getByRole('heading', { level: 1, name: '登记工单' }).waitFor();
    const list = page.getByRole('combobox', { name: '或从网格列表选择' });
    const values = await list.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await list.selectOption(values.find((v) => v.startsWith(village) && v.length > village.length)!);
    await page.getByRole('textbox', { name: '地址' }).fill('村口');
    await page.getByRole('textbox', { name: '问题描述 *' }).fill(DESCRIPTION);
    await page.getByRole('button', { name: '保存工单' }).click();
    await page.getByRole('heading', { level: 1, name: /^工单 GD/ }).waitFor({ timeout: 30_000 });
    orderId = decodeURIComponent(new URL(page.url()).hash.replace('#/workorders/order/', ''));
    orderNumber = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^工单\s*/, '').trim();
    await page.getByRole('region', { name: '处理过程' }).getByText(first.name).waitFor();
  }, 240_000);

  it('the second clerk takes over through 切换人员 and escalates it; the server keeps each step’s person', async () => {
    const { page } = desk;
    await personMenu(page).click();
    await page.getByRole('menuitem', { name: '切换人员' }).click();
    await page.getByRole('heading', { name: '切换人员' }).waitFor();
    await signIn(page, second, second.password);
    await signedInAs(page, second.name);
    await act(page, '上报', (form) => form.getByRole('textbox', { name: '说明 *' }).fill('路灯属镇里管养，请镇里协调'));
    await page.getByRole('region', { name: '处理过程' }).getByText(second.name).waitFor();
    await saveScreenshot(page, 'person-order-two-clerks');
    const events = await eventuallyEvents(databaseOfUnit(village), 2);
    expect(events.map((e) => [e.action, e.person, e.by]).sort()).toEqual(
      [['escalate', second.account, userNameOf(village)], ['report', first.account, userNameOf(village)]].sort(),
    );
  }, 120_000);

  it('at the town the order’s history names both clerks', async () => {
    const townDesk = await app.newPage('', { viewport: { width: 1366, height: 768 } });
    const user = userNameOf(town);
    await loginStation(townDesk.page, { districtUrl: district.couch.url, stationCode: town, user, password: district.passwords.get(user) ?? '' });
    await go(townDesk.page, `#/workorders/order/${encodeURIComponent(orderId)}`);
    const history = townDesk.page.getByRole('region', { name: '处理过程' });
    await history.getByText(second.name).waitFor({ timeout: HOP_MS });
    await history.getByText(first.name).waitFor();
    expect(await townDesk.page.getByRole('heading', { level: 1 }).innerText()).toContain(orderNumber);
    await saveScreenshot(townDesk.page, 'person-town-history');
    await townDesk.context.close();
  }, 180_000);

  it('offline, a wrong password is refused and the right one (checked against the last online sign-in) opens', async () => {
    const { page } = desk;
    await proxy.cut();
    await syncIndicator(page).and(page.locator('[data-tone="offline"]')).waitFor({ timeout: 30_000 });
    await personMenu(page).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await signInHeading(page).waitFor();
    await signIn(page, first, `${first.password}x`);
    await page.getByRole('alert').filter({ hasText: '密码不正确' }).waitFor();
    await saveScreenshot(page, 'person-offline-wrong');
    await page.setViewportSize({ width: 1024, height: 768 });
    await saveScreenshot(page, 'person-offline-wrong-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, first, first.password);
    await signedInAs(page, first.name);
    await proxy.restore();
  }, 120_000);

  it('after the district’s idle time the desk locks; a wrong password or none does not open it, that person’s does, and so does another person’s sign-in', async () => {
    const { page } = desk;
    await page.getByRole('heading', { name: '已锁定' }).waitFor({ timeout: 90_000 });
    await saveScreenshot(page, 'person-locked');
    await page.setViewportSize({ width: 1024, height: 768 });
    await saveScreenshot(page, 'person-locked-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('input[name="personPassword"]').fill(second.password);
    await page.getByRole('button', { name: '解锁', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '密码不正确' }).waitFor();
    await page.locator('input[name="personPassword"]').fill(first.password);
    await page.getByRole('button', { name: '解锁', exact: true }).click();
    await signedInAs(page, first.name);

    await personMenu(page).click();
    await page.getByRole('menuitem', { name: '锁定' }).click();
    await page.getByRole('heading', { name: '已锁定' }).waitFor();
    await page.getByRole('button', { name: '其他人员登录' }).click();
    await signIn(page, second, second.password);
    await signedInAs(page, second.name);
  }, 150_000);

  it('the sign-ins, the failed one, the locks and unlocks reach the district database as audit records, naming the person', async () => {
    const records = async () => (await listAudit(district.connection, district.demo.orgTree.code, { station: village })).map((r) => ({ action: r.action, person: r.person, target: r.target }));
    const wanted = [
      { action: 'signIn', person: first.account },
      { action: 'signIn', person: second.account },
      { action: 'signInFailed', person: undefined, target: first.account },
      { action: 'lock', person: first.account },
      { action: 'unlock', person: first.account },
      { action: 'signOut', person: first.account },
    ];
    await expect.poll(records, { timeout: 2 * HOP_MS, interval: 1000 }).toEqual(expect.arrayContaining(wanted.map((w) => expect.objectContaining(w))));
  }, 3 * HOP_MS);
});

async function eventuallyEvents(db: string, count: number): Promise<{ action: string; person?: string; by: string }[]> {
  const deadline = Date.now() + HOP_MS;
  for (;;) {
    const response = await district.couch.adminFetch(`/${db}/_all_docs?include_docs=true&startkey=%22ticketEvent%3A${encodeURIComponent(orderNumber)}%22&endkey=%22ticketEvent%3A${encodeURIComponent(orderNumber)}%EF%BF%B0%22`);
    const rows = ((await response.json()) as { rows: { doc: { action: string; person?: string; by: string } }[] }).rows.map((r) => r.doc);
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 500));
  }
}
