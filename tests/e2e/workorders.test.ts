/**
 * Work orders in one station, in Chromium, on the demo district: a clerk records a problem with
 * a photo (item found by pinyin initials, grid from a pin on the map), then takes it round the
 * loop — 立案, 派遣, 反馈 with a photo, 核查, 结案 — and the inbox, the order's timeline and the
 * map show it. Screenshots: artifacts/screenshots/workorders-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { collectPageErrors, ensureRendererBuilt, RENDERER_OUT, saveScreenshot, serveStatic, WEBGL_CHROMIUM_ARGS, type StaticServer } from './support/browser';
import { cameraPhoto } from './support/cameraPhoto';
import { act } from './support/workorderActions';


let server: StaticServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureRendererBuilt();
  server = await serveStatic(RENDERER_OUT);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBGL_CHROMIUM_ARGS });
}, 300_000);
afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

async function openStation(path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/${path}`);
  return { page, errors };
}


describe('work orders at one station', () => {
  it('a clerk records a problem with a photo and takes it round the whole loop to 结案', async () => {
    const { page, errors } = await openStation('?demo=1#/workorders');
    await page.getByRole('heading', { level: 1, name: '工单' }).waitFor({ timeout: 60_000 });
    const tabs = page.getByRole('tablist', { name: '工单' });
    await expect.poll(async () => (await tabs.getByRole('tab', { name: /超期/ }).innerText()).replace(/\D/g, '')).not.toBe('');
    await page.getByRole('table', { name: '工单' }).locator('tbody tr').first().waitFor();
    await saveScreenshot(page, 'workorders-inbox');

    // intake
    await page.getByRole('link', { name: '登记工单' }).click();
    await page.getByRole('heading', { level: 1, name: '登记工单' }).waitFor();
    await page.getByRole('combobox', { name: '事项' }).fill('jgqs');
    await page.getByRole('listbox').getByRole('button', { name: /井盖缺失/ }).click();
    await expect.poll(() => page.locator('.wo-catalog__picked').innerText()).toContain('处置时限');
    // a pin on the map fills the grid
    const map = page.getByTestId('grid-map');
    await map.waitFor();
    await expect.poll(() => map.evaluate((el) => (el as HTMLElement).dataset.idle), { timeout: 30_000 }).toBe('true');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByText(/已定位到网格：/).waitFor();
    const grid = await page.getByRole('combobox', { name: '或从网格列表选择' }).inputValue();
    expect(grid).toMatch(/^320506001001[0-9]{3,6}$/);
    await page.getByRole('textbox', { name: '地址' }).fill('金山路 18 号东侧人行道');
    await page.getByRole('textbox', { name: '问题描述 *' }).fill('人行道雨水井盖缺失，夜间行人易踩空');
    await page.getByRole('textbox', { name: '反映人' }).fill('张阿姨');
    await page.getByRole('textbox', { name: '联系电话' }).fill('13912345678');
    await page.getByLabel('添加照片（最多 9 张）').setInputFiles(await cameraPhoto(page, 'intake'));
    await page.getByText('1 / 9 张').waitFor();
    await page.locator('.wo-photo img').first().waitFor();
    await page.getByRole('button', { name: '保存工单' }).click();

    // detail: pending filing, held here
    await page.getByRole('heading', { level: 1, name: /^工单 GD/ }).waitFor();
    const status = page.locator('.wo-status');
    await expect.poll(() => status.innerText()).toContain('待立案');
    // The reporter's phone masked until 显示.
    const main = page.locator('.wo-detail__main');
    expect(await main.innerText()).toContain('张阿姨 139****5678');
    expect(await main.innerText()).not.toContain('13912345678');
    await main.getByRole('button', { name: '显示完整的联系电话' }).click();
    expect(await main.innerText()).toContain('13912345678');
    await act(page, '立案');
    await expect.poll(() => status.innerText()).toContain('待派遣');
    await act(page, '派遣', async (form) => {
      const options = form.getByRole('combobox', { name: '派遣对象' }).locator('option');
      await expect.poll(() => options.count()).toBeGreaterThan(1);
      await form.getByRole('combobox', { name: '派遣对象' }).selectOption({ index: 1 });
    });
    await expect.poll(() => status.innerText()).toMatch(/处置中[\s\S]*剩/);
    await act(page, '反馈', async (form) => {
      await form.getByLabel('添加照片（最多 9 张）').setInputFiles(await cameraPhoto(page, 'fixed'));
      await form.getByText('1 / 9 张').waitFor();
      await form.getByRole('textbox', { name: '说明 *' }).fill('已补装球墨铸铁井盖并设警示');
    });
    await expect.poll(() => status.innerText()).toContain('待核查');
    await act(page, '核查');
    await expect.poll(() => status.innerText()).toContain('已核查通过，待结案');
    await act(page, '结案');
    await expect.poll(() => status.innerText()).toMatch(/已结案[\s\S]*按期结案/);
    const timeline = page.getByRole('region', { name: '处理过程' });
    expect(await timeline.locator('li strong').allInnerTexts()).toEqual(['结案', '核查（通过）', '反馈', '派遣', '立案', '登记']);
    await expect.poll(() => page.locator('.wo-detail__main .wo-photo img').count()).toBe(2);
    await saveScreenshot(page, 'workorders-detail');

    // map of open orders; clicking an order opens it
    await page.evaluate(() => {
      window.location.hash = '#/workorders/map';
    });
    await page.getByRole('heading', { level: 1, name: '未结工单地图' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('grid-map').waitFor();
    await expect.poll(() => page.getByTestId('grid-map').evaluate((el) => (el as HTMLElement).dataset.idle), { timeout: 30_000 }).toBe('true');
    await saveScreenshot(page, 'workorders-map');
    expect(errors).toEqual([]);
  }, 240_000);
});

describe('the inbox and the intake form at 1024×768', () => {
  it('a click anywhere on a row opens its order, and so does Enter on a focused row', async () => {
    const { page, errors } = await openStation('?demo=1#/workorders');
    await page.setViewportSize({ width: 1024, height: 768 });
    const table = page.getByRole('table', { name: '工单' });
    const rows = table.locator('tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });

    // Every column fits the window: the holder column ends inside the table.
    const tableBox = (await table.boundingBox())!;
    const holderBox = (await table.getByRole('columnheader', { name: '当前承办' }).boundingBox())!;
    expect(holderBox.x + holderBox.width).toBeLessThanOrEqual(tableBox.x + tableBox.width + 1);
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(1024);

    // The export is dated on the workstation's day (Asia/Shanghai), named like the mediation report.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(download.suggestedFilename()).toBe(`工单列表-${today}.xlsx`);

    // A click on the description (not the number) opens the order.
    const second = rows.nth(1);
    const number = (await second.locator('.wo-number a').innerText()).trim();
    await second.locator('td').nth(1).click();
    await page.getByRole('heading', { level: 1, name: `工单 ${number}` }).waitFor();

    // Back in the list, the keyboard: focus the first row, move down one, Enter.
    await page.getByRole('link', { name: /返回列表/ }).click();
    await rows.first().waitFor();
    const third = (await rows.nth(2).locator('.wo-number a').innerText()).trim();
    await rows.nth(1).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `工单 ${third}` }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('an empty submit of the intake form names every missing required field and marks them', async () => {
    const { page, errors } = await openStation('?demo=1#/workorders/new');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('heading', { level: 1, name: '登记工单' }).waitFor({ timeout: 60_000 });
    await page.getByText('带 * 的为必填项').waitFor();
    await page.getByRole('button', { name: '保存工单' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('请填写以下必填项：所属网格、问题描述。');
    expect(await page.getByRole('textbox', { name: '问题描述 *' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('combobox', { name: '或从网格列表选择' }).getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'workorders-intake-missing');
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('派遣单', () => {
  it('a dispatched order prints a one-page A4 dispatch slip naming both units, with places to sign', async () => {
    const { page, errors } = await openStation('?demo=1#/workorders');
    await page.getByRole('tablist', { name: '工单' }).getByRole('tab', { name: /处置中/ }).click();
    const row = page.getByRole('table', { name: '工单' }).locator('tbody tr').first();
    await row.waitFor({ timeout: 60_000 });
    const number = (await row.locator('.wo-number a').innerText()).trim();
    await row.click();
    await page.getByRole('heading', { level: 1, name: `工单 ${number}` }).waitFor();
    await page.getByRole('link', { name: '打印派遣单' }).click();

    const slip = page.getByRole('article', { name: '派遣单' });
    await slip.waitFor();
    const text = await slip.innerText();
    expect(text).toContain(number);
    // This station dispatched it: its name, as the header shows it.
    const station = (await page.locator('.station__name').innerText()).trim();
    expect(text).toMatch(new RegExp(`派遣单位\\s*${station}`));
    expect(text).toContain('承办单位签收');
    // Units by name: no bare unit code on the sheet.
    expect(text.replace(number, '')).not.toMatch(/(?<![0-9A-Z])\d{9}(\d{3})?(?![0-9A-Z])/);
    await page.setViewportSize({ width: 1024, height: 768 });
    await saveScreenshot(page, 'workorders-dispatch-slip');

    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    expect(await page.locator('.shell__nav').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 120_000);
});
