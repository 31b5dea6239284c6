/**
 * 全局搜索 in the web build, driven in Chromium on the demo station: Ctrl+K or the header's 搜索
 * opens one box; a work order's number, a party's name, a phone, a component's code and a
 * grid's name each find their record, grouped by kind, and choosing one (Enter after ↑↓, or a
 * click) opens the record's screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnyDoc, ComponentDoc, GridDoc, MediationCaseDoc, StaffDoc, TicketDoc } from '../../core/schema';
import { flowsDownTo } from '../../core/topology';
import type { DemoDistrictFile } from '../../district/demo/webAsset';
import { openWebApp, saveScreenshot, type WebApp } from './support/browser';

let app: WebApp;
let docs: AnyDoc[];
beforeAll(async () => {
  app = await openWebApp();
  // What the demo page seeds: its district file, the slice that flows down to its station.
  const file = (await (await fetch(`${app.server.url}/demo/district.json`)).json()) as DemoDistrictFile;
  const station = file.orgTree.towns[0].villages[0].code;
  docs = file.docs.filter((doc) => flowsDownTo(doc, station));
});
afterAll(async () => {
  await app?.close();
});

const ofType = <T extends AnyDoc>(type: T['type']) => docs.filter((d): d is T => d.type === type);

async function openDemo(viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await app.newPage('?demo=1', { viewport });
  await page.getByRole('table', { name: '工单' }).locator('tbody tr').first().waitFor();
  return { page, errors };
}

const box = (page: Page) => page.getByRole('combobox', { name: '搜索工单、案件、人员、部件、网格' });
const group = (page: Page, name: string) => page.getByRole('listbox', { name: '搜索结果' }).getByRole('group', { name });

describe('global search', () => {
  it('Ctrl+K finds a work order by its number and Enter opens it', async () => {
    const { page, errors } = await openDemo({ width: 1366, height: 768 });
    const order = ofType<TicketDoc>('ticket')[3];
    await page.keyboard.press('Control+k');
    await box(page).fill(order.number);
    const hits = group(page, '工单').getByRole('option');
    await hits.first().waitFor();
    expect(await hits.count()).toBe(1);
    expect(await hits.first().innerText()).toContain(order.number);
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'global-search-order-1366');
    await box(page).press('Enter');
    await page.waitForURL((url) => url.hash === `#/workorders/order/${encodeURIComponent(order.id)}`);
    await page.getByText(order.number).first().waitFor();
    expect(await page.getByRole('dialog', { name: '全局搜索' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('groups what a name matches by kind; ↑↓ choose among them and Enter opens the case', async () => {
    const { page, errors } = await openDemo({ width: 1024, height: 768 });
    const c = ofType<MediationCaseDoc>('mediationCase')[1];
    const name = c.parties[0].name;
    await page.getByRole('button', { name: /搜索/ }).click();
    await box(page).fill(name);
    const cases = group(page, '调解案件').getByRole('option');
    await cases.first().waitFor();
    const texts = await cases.allInnerTexts();
    const at = texts.findIndex((text) => text.includes(c.number));
    expect(at).toBeGreaterThanOrEqual(0);
    // Walk down to it: the groups before 调解案件 (工单) come first in the list.
    const all = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option');
    const target = (await all.allInnerTexts()).findIndex((text) => text.includes(c.number));
    for (let i = 0; i < target; i += 1) await box(page).press('ArrowDown');
    expect(await all.nth(target).getAttribute('aria-selected')).toBe('true');
    expect(await box(page).getAttribute('aria-activedescendant')).toBe(await all.nth(target).getAttribute('id'));
    await saveScreenshot(page, 'global-search-party-1024');
    await box(page).press('Enter');
    await page.waitForURL((url) => url.hash === `#/mediation/case/${encodeURIComponent(c.id.slice('mediationCase:'.length))}`);
    await page.getByText(c.number).first().waitFor();
    expect(errors).toEqual([]);
  });

  it('a phone opens the staff list on that person; a component code and a grid name open theirs', async () => {
    const { page, errors } = await openDemo({ width: 1366, height: 768 });
    const person = ofType<StaffDoc>('staff')[2];
    await page.keyboard.press('Control+k');
    await box(page).fill(person.phone);
    await group(page, '人员').getByRole('option').first().click();
    await page.waitForURL((url) => url.hash === `#/staff/${encodeURIComponent(person.staffId)}`);
    const row = page.locator(`tr[data-staff="${person.staffId}"]`);
    await row.waitFor();
    await saveScreenshot(page, 'global-search-staff-found-1366');
    expect(await row.getAttribute('class')).toBe('is-found');
    expect(await page.getByRole('searchbox', { name: '按姓名或电话查询' }).inputValue()).toBe(person.name);

    const component = ofType<ComponentDoc>('component')[4];
    await page.keyboard.press('Control+k');
    await box(page).fill(component.code);
    await group(page, '部件').getByRole('option', { name: new RegExp(component.code) }).click();
    await page.waitForURL((url) => url.hash === `#/components/${component.code}`);
    await page.getByRole('heading', { level: 1, name: '部件' }).waitFor();
    await page.getByText(component.code).first().waitFor();
    await saveScreenshot(page, 'global-search-component-found-1366');

    const grid = ofType<GridDoc>('grid').find((g) => g.level === 3)!;
    await page.keyboard.press('Control+k');
    await box(page).fill(grid.name);
    await group(page, '网格').getByRole('option', { name: new RegExp(`${grid.code}$`) }).click();
    await page.waitForURL((url) => url.hash === `#/grids/${grid.code}`);
    await page.locator('.grids-left__detail').getByText(grid.name).first().waitFor();
    await saveScreenshot(page, 'global-search-grid-found-1366');
    expect(errors).toEqual([]);
  });

  it('says so when nothing matches, and Esc closes the box', async () => {
    const { page, errors } = await openDemo({ width: 1024, height: 768 });
    await page.keyboard.press('Control+k');
    await box(page).fill('查无此项目');
    await page.getByRole('dialog', { name: '全局搜索' }).getByRole('status').getByText('本机数据中没有找到“查无此项目”').waitFor();
    await saveScreenshot(page, 'global-search-none-1024');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '全局搜索' }).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
