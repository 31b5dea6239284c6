/**
 * Changing a configured station in the web host (issue 15 part 3): a clerk's browser set up for
 * one village is pointed at its sibling by the address. The setup form then asks, in addition,
 * for the current station's password or a district admin's login; without either, or with a
 * wrong one, it stays on the form with a Chinese message; with a district admin's it opens the
 * sibling. The first setup asks for nothing more.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_ADMIN_ROLE } from '../../core/rules';
import { userNameOf } from '../../district/topologyPlan';
import { provisionedDistrict, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { openWebApp, realErrors, saveScreenshot, type WebApp } from './support/browser';
import { loginStation } from './support/stationLogin';

const ADMIN = { username: 'it-wang', password: 'admin-区中心-pw-3' };

let district: ProvisionedDistrict;
let app: WebApp;

beforeAll(async () => {
  district = await provisionedDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 2, casesPerVillage: 1, componentsPerVillage: 1, staffPerVillage: 1 });
  const id = `org.couchdb.user:${ADMIN.username}`;
  const put = await district.couch.adminFetch(`/_users/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: JSON.stringify({ _id: id, name: ADMIN.username, type: 'user', roles: [DISTRICT_ADMIN_ROLE], password: ADMIN.password }),
  });
  expect(put.status).toBeLessThan(300);
  app = await openWebApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await district?.stop();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await saveScreenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 800 });
}

describe('changing the station a browser is set up for', () => {
  it('needs the current password or a district admin; a wrong one is refused in Chinese', async () => {
    const [first, second] = district.demo.orgTree.towns[0]!.villages;
    const login = (code: string) => ({ districtUrl: district.couch.url, stationCode: code, user: userNameOf(code), password: district.passwords.get(userNameOf(code))! });
    const { page, errors } = await app.newPage('');
    const change = page.locator('fieldset.setup-change');

    // The first setup asks for nothing more.
    await page.getByRole('heading', { name: '本工作站尚未配置' }).waitFor();
    expect(await change.count()).toBe(0);
    await loginStation(page, login(first!.code));

    // A bookmark of the sibling: the form for it, with the change fields.
    await page.goto(`${app.server.url}/?station=${second!.code}`);
    await change.waitFor();
    expect(await change.innerText()).toContain(first!.code);
    const target = login(second!.code);
    for (const [name, value] of Object.entries({ districtUrl: target.districtUrl, username: target.user, password: target.password })) {
      await page.locator(`input[name="${name}"]`).fill(value);
    }
    // Typing the configured station back hides them (that is a re-login), the sibling shows them again.
    await page.locator('input[name="stationCode"]').fill(first!.code);
    await change.waitFor({ state: 'detached' });
    await page.locator('input[name="stationCode"]').fill(second!.code);
    await change.waitFor();

    const submit = page.getByRole('button', { name: '连接并保存' });
    await submit.click();
    await page.getByText('请输入当前工作站的密码，或区中心管理员的账号和密码。').waitFor();
    await shoot(page, 'setup-change-required');

    const problem = page.locator('.startup__problem');
    await page.locator('input[name="currentPassword"]').fill('not-the-password');
    await submit.click();
    await problem.waitFor();
    expect(await problem.getAttribute('data-reason')).toBe('wrongCurrentPassword');
    expect(await problem.innerText()).toBe(`工作站 ${first!.code} 当前的密码不正确，未更换设置。`);

    // A town clerk's login is not a district admin's.
    const town = district.demo.orgTree.towns[0]!.code;
    await page.locator('input[name="currentPassword"]').fill('');
    await page.locator('input[name="adminUsername"]').fill(userNameOf(town));
    await page.locator('input[name="adminPassword"]').fill(district.passwords.get(userNameOf(town))!);
    await submit.click();
    await page.locator('.startup__problem[data-reason="notDistrictAdmin"]').waitFor();
    await shoot(page, 'setup-change-refused');

    // The district admin's word moves it.
    await page.locator('input[name="adminUsername"]').fill(ADMIN.username);
    await page.locator('input[name="adminPassword"]').fill(ADMIN.password);
    await submit.click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor({ timeout: 30_000 });
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('gridlink.stationConfig') ?? 'null') as { stationCode: string } | null);
    expect(saved?.stationCode).toBe(second!.code);
    // Neither password is left in the page's storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    for (const secret of [ADMIN.password, target.password]) expect(stored).not.toContain(secret);
    expect(realErrors(errors).filter((line) => !line.includes('401'))).toEqual([]);
  });
});
