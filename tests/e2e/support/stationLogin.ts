/**
 * Logging a browser station into a district server the way a clerk does: the setup form
 * (服务器地址, 站点编码, 用户名, 密码 → 连接并保存), checked against the server.
 */
import type { Page } from 'playwright-core';

export interface StationLogin {
  districtUrl: string;
  stationCode: string;
  user: string;
  password: string;
}

/** Fills the setup form and submits it; nothing is awaited after the click. */
export async function fillStationSetup(page: Page, login: StationLogin): Promise<void> {
  const fields = { districtUrl: login.districtUrl, stationCode: login.stationCode, username: login.user, password: login.password };
  for (const [name, value] of Object.entries(fields)) await page.locator(`input[name="${name}"]`).fill(value);
  await page.getByRole('button', { name: '连接并保存' }).click();
}

/** Sets the station up through the form and waits for the app behind it (its main navigation). */
export async function loginStation(page: Page, login: StationLogin): Promise<void> {
  await page.getByRole('heading', { name: '本工作站尚未配置' }).waitFor({ timeout: 30_000 });
  await fillStationSetup(page, login);
  const problem = page.locator('.startup__problem');
  await page.getByRole('navigation', { name: '主导航' }).or(problem).first().waitFor({ timeout: 30_000 });
  if (await problem.isVisible()) throw new Error(`station ${login.stationCode} refused its login: ${await problem.innerText()}`);
}

/** The header's sync indicator (在线 / 离线, last sync, 待上传, 被拒收). */
export const syncIndicator = (page: Page) => page.locator('.shell__status .sync-indicator');
