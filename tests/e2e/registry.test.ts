/**
 * The registries in Chromium with the demo station: the grid tree beside the map with each
 * grid's people, staff and order figures; the staff roster by role and phone; the component
 * list by category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW_MS, generateDemoDistrict } from '../../district/demo/generate';
import { demoShiftMs } from '../../renderer/demo/demoDates';
import { flowsDownTo } from '../../core/topology';
import { isOpen } from '../../core/workorders/orderClock';
import { openWebApp, saveScreenshot, type WebApp } from './support/browser';

const demo = generateDemoDistrict({ seed: 1 });
const station = demo.orgTree.towns[0].villages[0].code;
// What the station holds: what down-replication brings it, the demo page's rule too.
const mine = <T extends { type: string; scope: string[] }>(docs: T[]) => docs.filter((d) => flowsDownTo(d, station));

let app: WebApp;
beforeAll(async () => {
  app = await openWebApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the grid registry', () => {
  it('shows a grid picked in the tree with its head, workers and order figures, and follows clicks on the map', async () => {
    const { page, errors } = await app.newPage('?demo=1#/grids');
    const tree = page.getByRole('tree', { name: '网格树' });
    await tree.waitFor();
    const grids = mine(demo.docs.grids);
    const base = grids.filter((g) => g.level === 3).sort((a, b) => a.code.localeCompare(b.code))[0];
    await tree.locator(`[data-code="${base.code}"] > .grid-tree__row .grid-tree__name`).click();

    const detail = page.getByRole('region', { name: '网格详情' });
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toContain(base.name);
    expect(text).toContain(base.code);
    expect(text).toContain('3 级网格');
    const head = demo.docs.staff.find((s) => s.staffId === base.headStaffId);
    expect(head).toBeDefined();
    expect(await detail.locator('[data-field="head"]').innerText()).toContain(head?.name);

    const tickets = mine(demo.docs.tickets).filter((tk) => tk.gridCode.startsWith(base.code));
    const open = tickets.filter((tk) => isOpen(tk.state));
    // The demo page moves the demo's times to this week (renderer/demo/demoDates.ts).
    const shift = demoShiftMs(DEMO_NOW_MS, Date.now());
    const overdue = open.filter((tk) => tk.deadline && new Date(tk.deadline).getTime() + shift < Date.now());
    const closed = tickets.filter((tk) => tk.state === 'closed');
    const stats = await detail.locator('[data-field="stats"] dd').allInnerTexts();
    expect(stats[0]).toBe(String(open.length));
    expect(stats[1]).toBe(String(overdue.length));
    if (closed.length) expect(stats[2]).toContain(`/ ${closed.length}`);

    // A click on the map picks the deepest grid there and shows it in the tree.
    const map = page.getByTestId('grid-map');
    await expect.poll(() => map.getAttribute('data-focus-point'), { timeout: 30_000 }).toMatch(/^\d+,\d+$/);
    await expect.poll(() => map.getAttribute('data-idle'), { timeout: 60_000 }).toBe('true');
    const [x, y] = ((await map.getAttribute('data-focus-point')) ?? '').split(',').map(Number);
    const box = await map.boundingBox();
    if (!box) throw new Error('map not laid out');
    await page.mouse.click(box.x + x, box.y + y);
    const picked = tree.locator('[role="treeitem"][aria-selected="true"]');
    await expect.poll(async () => (await picked.getAttribute('data-code')) ?? '').toMatch(new RegExp(`^${base.code}`));
    await page.getByTestId('map-card').waitFor();
    await saveScreenshot(page, 'registry-grids');
    expect(errors).toEqual([]);
  });
});

describe('the staff roster', () => {
  it('lists the grid heads when filtered by role, and finds a person by phone', async () => {
    const { page, errors } = await app.newPage('?demo=1#/staff');
    const table = page.getByRole('table', { name: '人员' });
    await table.locator('tbody tr').first().waitFor();
    const staff = mine(demo.docs.staff);
    expect(await table.locator('tbody tr').count()).toBe(staff.length);

    await page.getByRole('combobox', { name: '职责' }).selectOption({ label: '网格长' });
    const heads = staff.filter((s) => s.roles.includes('gridHead'));
    await expect.poll(() => table.locator('tbody tr').count()).toBe(heads.length);
    for (const roles of await table.locator('tbody tr td:nth-child(2)').allInnerTexts()) expect(roles).toContain('网格长');

    await page.getByRole('combobox', { name: '职责' }).selectOption({ label: '全部职责' });
    const someone = staff[staff.length - 1];
    await page.getByRole('searchbox').fill(someone.phone);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').innerText()).toContain(someone.name);
    await saveScreenshot(page, 'registry-staff');
    expect(errors).toEqual([]);
  });
});

describe('the component registry', () => {
  it('filters the component list by category and finds a component by its code', async () => {
    const { page, errors } = await app.newPage('?demo=1#/components');
    const table = page.getByRole('table', { name: '部件' });
    await table.locator('tbody tr').first().waitFor();
    const components = mine(demo.docs.components);
    await page.getByRole('combobox', { name: '类别' }).selectOption({ label: '园林绿化' });
    const greenery = components.filter((c) => c.majorCode === '04');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(greenery.length);
    for (const cell of await table.locator('tbody tr td:nth-child(2)').allInnerTexts()) expect(cell).toContain('园林绿化');

    await page.getByRole('combobox', { name: '类别' }).selectOption({ label: '全部类别' });
    const target = components[components.length - 1];
    await page.getByRole('searchbox').fill(target.code);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').getAttribute('data-code')).toBe(target.code);
    expect(errors).toEqual([]);
  });
});

describe('the components of a town sub-center', () => {
  const town = demo.orgTree.towns[0].code;
  const ofTown = demo.docs.components.filter((d) => flowsDownTo(d, town));

  it('pages through every component, and 发起工单 leads on to the intake form with the component filled in', async () => {
    expect(ofTown.length).toBeGreaterThan(100);
    const { page, errors } = await app.newPage(`?demo=1&station=${town}#/components`, { viewport: { width: 1366, height: 768 } });
    const table = page.getByRole('table', { name: '部件' });
    await table.locator('tbody tr').first().waitFor({ timeout: 60_000 });
    await page.getByText(`找到 ${ofTown.length} 件，显示第 1–100 件`).waitFor();
    const pager = page.getByRole('navigation', { name: '部件列表分页' });
    const pages = Math.ceil(ofTown.length / 100);
    await pager.getByText(`第 1 / ${pages} 页`).waitFor();
    // The last page holds the rest: every component can be reached.
    for (let i = 1; i < pages; i++) await pager.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(ofTown.length - (pages - 1) * 100);
    expect(await pager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'components-town-last-page');

    const row = table.locator('tbody tr').first();
    const code = await row.getAttribute('data-code');
    await row.getByRole('button', { name: '发起工单' }).click();
    await page.getByRole('dialog', { name: '工单草稿' }).getByRole('link', { name: '填写工单' }).click();
    await page.getByRole('heading', { level: 1, name: '登记工单' }).waitFor();
    await page.getByText(`由部件 ${code} 发起`).waitFor();
    expect(await page.getByRole('textbox', { name: '问题描述 *' }).inputValue()).toContain(code);
    expect(await page.getByRole('combobox', { name: '或从网格列表选择' }).inputValue()).not.toBe('');
    expect(errors).toEqual([]);
  }, 120_000);
});
