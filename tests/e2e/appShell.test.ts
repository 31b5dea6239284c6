/**
 * The web build of the app, driven in Chromium: the shell speaks Chinese, names the demo
 * district, every navigation item opens its screen, and bad or missing setup is explained.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/appProtocol';
import { freePort } from '../../district/devServer/embeddedServer';
import { openWebApp, saveScreenshot, type WebApp } from './support/browser';

/** Navigation label (also the screen's title: what the clerk clicked) and its route. */
const NAV = [
  ['工单', 'workorders'],
  ['调解', 'mediation'],
  ['网格', 'grids'],
  ['人员', 'staff'],
  ['部件', 'components'],
  ['统计', 'stats'],
  ['同步', 'sync'],
] as const;

let app: WebApp;
beforeAll(async () => {
  app = await openWebApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the app shell in a browser', () => {
  it('shows the demo station of 吴中区 in Chinese and opens every screen from the navigation', async () => {
    const { page, errors } = await app.newPage('?demo=1');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.waitFor();

    expect(await page.locator('.brand__name').innerText()).toBe('网格联动工作站');
    expect(await page.locator('.station').innerText()).toContain('吴中区');
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(NAV.map(([label]) => label));

    for (const [label, route] of NAV) {
      await nav.getByRole('link', { name: label }).click();
      await page.getByRole('heading', { level: 1, name: label }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/${route}`);
      expect(await nav.locator('[aria-current="page"]').innerText()).toBe(label);
      // Every part of the screen has loaded (统计 has several that load on their own).
      await expect.poll(() => page.locator('.loading').count(), { timeout: 30_000 }).toBe(0);
      await page.mouse.move(700, 780); // no hover highlight left on the navigation in the picture
      await saveScreenshot(page, `app-shell-${route}`);
    }

    // The demo slice is real data: the station's grids and work orders, not a placeholder.
    await nav.getByRole('link', { name: '网格' }).click();
    const gridItems = page.getByRole('tree', { name: '网格树' }).getByRole('treeitem');
    await gridItems.first().waitFor();
    expect(await gridItems.count()).toBeGreaterThan(0);
    expect(await page.getByText('暂无数据，等待同步').count()).toBe(0);
    await nav.getByRole('link', { name: '工单' }).click();
    await page.getByRole('table', { name: '工单' }).locator('tbody tr').first().waitFor();
    await page.mouse.move(700, 780);
    await saveScreenshot(page, 'app-shell');

    expect(errors).toEqual([]);
  });

  it('a mistyped station code is refused with a message naming the code', async () => {
    const { page, errors } = await app.newPage('?station=32050610');
    await page.getByRole('heading', { name: '本工作站尚未配置' }).waitFor();
    expect(await page.locator('.startup__problem').innerText()).toContain('工作站代码“32050610”无效');
    await saveScreenshot(page, 'app-setup-refused');
    expect(errors).toEqual([]);
  });

  it('a password put in the address is dropped from it and never stored', async () => {
    const { page } = await app.newPage('?station=320506101002&user=zhan&password=secret123#/sync');
    await page.getByRole('heading', { name: '本工作站尚未配置' }).waitFor();
    expect(page.url()).not.toContain('secret123');
    // The address prefills the setup form, but never its password.
    expect(await page.locator('input[name="stationCode"]').inputValue()).toBe('320506101002');
    expect(await page.locator('input[name="username"]').inputValue()).toBe('zhan');
    expect(await page.locator('input[name="password"]').inputValue()).toBe('');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('secret123');
  });
});

describe('the app shell behind the Electron preload bridge', () => {
  /**
   * Stands in for preload/index.ts as the contract types it: a station set up with its password
   * in safeStorage (`ready`), or none (`unconfigured`); its district server is UNREACHABLE.
   */
  const withBridge = (station: Record<string, string> | null) => (context: BrowserContext) =>
    context.addInitScript((value) => {
      const bridge = {
        getStationState: async () => (value ? { status: 'ready', config: value, secretStorage: 'safe-storage' } : { status: 'unconfigured' }),
        getStationConfig: async () => value,
        // The data key main keeps sealed by safeStorage (32 bytes, base64).
        getDataKey: async () => (value ? { key: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) } : null),
      };
      Object.defineProperty(window, 'gridlink', { value: bridge, configurable: false });
    }, station && ({ ...station, districtUrl: UNREACHABLE } as Record<string, string>));
  /** A port nothing listens on (found free, then released): the district server is "unreachable". */
  let UNREACHABLE = '';
  beforeAll(async () => {
    UNREACHABLE = `http://127.0.0.1:${await freePort()}`;
  });
  /**
   * The desktop app's sync goes to main's district proxy (gridlink-district://), which only
   * Electron's main answers: in a plain browser that is "offline", as an unreachable server is.
   */
  const proxyOffline = (line: string) => line.includes('URL scheme "gridlink-district" is not supported');
  const offlineNoise = (errors: string[]) => errors.filter((line) => !line.includes('net::ERR_CONNECTION_REFUSED') && !proxyOffline(line));

  it('opens the station the desktop app was set up for and keeps none of its setup in the browser', async () => {
    const { page, errors } = await app.newPage('#/sync', {
      init: withBridge({
        stationCode: '320506101002',
        stationName: '木渎镇 金山村',
        districtName: '吴中区',
        username: 'st-320506101002',
        database: 'gl-station-320506101002',
        updateUrl: '',
        updateChannel: 'stable',
      }),
    });
    await page.getByRole('heading', { level: 1, name: '同步' }).waitFor();
    expect(await page.locator('.station').innerText()).toContain('吴中区');
    const facts = await page.locator('.sync-config').innerText();
    expect(facts).toContain(UNREACHABLE);
    expect(facts).toContain('桌面程序');
    // Nothing of the station's setup or login: only the random id its heartbeat reports under,
    // and what the 同步 screen recalls of the last retention run (counts and a time).
    const keys = await page.evaluate(() => Object.keys(localStorage).sort());
    expect(keys.filter((key) => !/^gridlink\.retention\.\d+$/.test(key))).toEqual(['gridlink.workstationId']);
    // Its sync asked main's proxy, never the district server itself (no password in the page).
    expect(errors.some(proxyOffline)).toBe(true);
    expect(errors.filter((line) => line.includes(UNREACHABLE))).toEqual([]);
    expect(offlineNoise(errors)).toEqual([]);
  });

  it('a station that has not synced yet says so instead of showing made-up rows, and opens while offline', async () => {
    const { page, errors } = await app.newPage('#/grids', {
      init: withBridge({
        stationCode: '320506101002',
        stationName: '测试村',
        username: 'st-320506101002',
        database: 'gl-station-320506101002',
        updateUrl: '',
        updateChannel: 'stable',
      }),
    });
    await page.getByRole('heading', { level: 1, name: '网格' }).waitFor();
    // The list's status reads 加载中… until its first query answers.
    await expect.poll(() => page.locator('.screen').getByRole('status').innerText()).toContain('暂无数据，等待同步');
    expect(await page.locator('.station').innerText()).toContain('测试村');
    await page.locator('.sync-indicator[data-tone="offline"]').waitFor();
    await saveScreenshot(page, 'app-shell-empty');
    expect(offlineNoise(errors)).toEqual([]);
  });

  it('a desktop app that is not set up yet asks for setup instead of opening a database', async () => {
    const { page, errors } = await app.newPage('', { init: withBridge(null) });
    await page.getByRole('heading', { name: '本工作站尚未配置' }).waitFor();
    // Browser-only advice (?station=…) would only confuse a desktop clerk.
    expect(await page.getByText('?station=').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('the app shell under the desktop app\'s content security policy', () => {
  let desktopLike: WebApp;
  beforeAll(async () => {
    desktopLike = await openWebApp({ headers: { 'content-security-policy': contentSecurityPolicy([]) } });
  });
  afterAll(async () => {
    await desktopLike?.close();
  });

  // RxDB's ajv validator compiles with `new Function`, which this policy refuses; the station
  // database validates with ajv standalone code generated at build time (sync/
  // core/schema/validators.ts), so it opens here.
  it('opens the demo station without any script the policy refuses', async () => {
    const { page, errors } = await desktopLike.newPage('?demo=1');
    // Either the shell or the startup failure notice, whichever comes first.
    await page.locator('nav.shell__nav, .startup [role="alert"]').first().waitFor();
    expect(await page.locator('.startup [role="alert"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
