/**
 * 统计 at a town sub-center, in Chromium, on the demo district (its data ends in June 2025; the
 * page's clock is held at 4 July 2025, so 上月 is June, and within a week of the data's end, so the
 * demo page shows the data unmoved: renderer/demo/demoDates.ts): the closed loop's rates show for 上月
 * as the core computes them from the same orders and events; a click on the 超期 total opens the
 * inbox with exactly those orders; the 月报 print view, printed to PDF and read back with
 * poppler, says what the exported .xlsx says. Screenshots: artifacts/screenshots/stats-*.png.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../core/i18n';
import type { AnyDoc, DepartmentDoc, EventDoc, TicketDoc } from '../../core/schema';
import { figuresOf, inPeriodFacts, INDICATOR_COLUMNS, type WorkorderFigures } from '../../core/stats/indicators';
import { formatValue, valueOf } from '../../core/stats/monthlyReport';
import { ordersFactsOf } from '../../core/stats/orderFacts';
import { monthPeriod } from '../../core/stats/period';
import { flowsDownTo } from '../../core/topology';
import { WorkdayCalendar } from '../../core/workorders/workdayCalendar';
import { openWebApp, saveScreenshot, SCREENSHOTS_DIR, type WebApp, type WebAppPage } from './support/browser';

const run = promisify(execFile);
const TOWN = '320506101';
const NOW = new Date('2025-07-04T10:00:00+08:00');
const JUNE = monthPeriod('2025-06');

let app: WebApp;
let expected: WorkorderFigures;
let numberOf: Map<string, string>;

beforeAll(async () => {
  app = await openWebApp();
  // What the town's station holds (the demo page seeds the same slice), counted by the core.
  const district = (await (await fetch(`${app.server.url}/demo/district.json`)).json()) as { docs: AnyDoc[] };
  const mine = district.docs.filter((doc) => flowsDownTo(doc, TOWN));
  const kinds = new Map((mine.filter((d) => d.type === 'department') as DepartmentDoc[]).map((d) => [d.code, d.kind]));
  const tickets = mine.filter((d) => d.type === 'ticket') as TicketDoc[];
  const facts = ordersFactsOf(tickets, mine.filter((d) => d.type === 'ticketEvent') as EventDoc[], { calendar: new WorkdayCalendar(), asOf: NOW, departmentKind: (code) => kinds.get(code) });
  expected = figuresOf(inPeriodFacts(facts, JUNE).filter((f) => f.ownerCode.startsWith(TOWN)));
  numberOf = new Map(tickets.map((t) => [t.id, t.number]));
}, 300_000);

afterAll(async () => {
  await app?.close();
});

async function openTown(hash: string): Promise<WebAppPage> {
  return app.newPage(`?demo=1&station=${TOWN}${hash}`, {
    viewport: { width: 1366, height: 900 },
    // The page's clock: 4 July 2025, fixed, so "now" is the same for the page and this test.
    init: (context) => context.clock.setFixedTime(NOW),
  });
}

describe('统计 at a town sub-center', () => {
  let desk: WebAppPage;

  it('shows 上月\'s rates of the closed loop as the core computes them, with their definitions', async () => {
    desk = await openTown('#/stats');
    const { page } = desk;
    await page.getByRole('heading', { level: 1, name: '统计' }).waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: '上月' }).click();
    await page.getByText('2025-06-01 至 2025-06-30').first().waitFor();
    const total = page.locator('.stats-table tr[data-row="total"]');
    await total.waitFor({ timeout: 60_000 });
    expect(expected.counts.reports).toBeGreaterThan(20);
    for (const column of INDICATOR_COLUMNS) {
      expect(await total.locator(`td[data-column="${column}"]`).innerText(), column).toBe(formatValue(column, valueOf(expected, column)));
    }
    const kpis = page.getByRole('list', { name: '主要指标' });
    expect(await kpis.locator('[data-indicator="onTimeRate"]').innerText()).toContain(formatValue('onTimeRate', expected.rates.onTimeRate));
    // Every village of the town has its row, and the definitions are on the page.
    expect(await page.locator('.stats-table tbody tr[data-row^="320506101"]').count()).toBe(10);
    await page.getByText('在格解决件数 ÷ 结案件数').first().waitFor();
    await page.locator('.stats-chart[data-drawn="true"]').nth(1).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'stats-town-last-month');
  });

  it('a click on the 超期 total opens the inbox with exactly those orders', async () => {
    const { page } = desk;
    const overdue = expected.ids.overdue;
    expect(overdue.length).toBeGreaterThan(0);
    await page.locator('.stats-table tr[data-row="total"] td[data-column="overdue"] button').click();
    await page.getByText(`共 ${overdue.length} 件`).waitFor({ timeout: 30_000 });
    const table = page.getByRole('table', { name: '工单' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(overdue.length);
    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
    const wanted = overdue.map((id) => numberOf.get(id)!).sort();
    const found = wanted.filter((number) => shown.some((text) => text.includes(number)));
    expect(found).toEqual(wanted);
    await saveScreenshot(page, 'stats-drill-overdue');
    await page.goBack();
    await page.locator('.stats-table tr[data-row="total"]').waitFor();
  });

  it('the 月报 prints to an A4 PDF that says what its .xlsx says', async () => {
    const { page } = desk;
    await page.getByRole('link', { name: '月报打印' }).click();
    const sheet = page.getByRole('article', { name: /月报/ });
    await sheet.waitFor({ timeout: 30_000 });
    await page.locator('.report .stats-chart[data-drawn="true"]').nth(1).waitFor({ timeout: 30_000 });
    await mkdir(SCREENSHOTS_DIR, { recursive: true });
    const pdfPath = join(SCREENSHOTS_DIR, 'stats-monthly-report.pdf');
    await page.emulateMedia({ media: 'print' });
    await writeFile(pdfPath, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    await page.emulateMedia({ media: 'screen' });
    await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdfPath, join(SCREENSHOTS_DIR, 'stats-monthly-report')]);
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);
    expect(text).toContain('甪直镇网格化社会治理联动工作月报');
    expect(text).toContain('2025-06-01 至 2025-06-30');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出月报 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^月报_甪直镇_20250601_20250630\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const summary = book.getWorksheet('工单指标')!;
    const lines = text.split('\n');
    let compared = 0;
    summary.eachRow((row, n) => {
      if (n < 3) return;
      const name = String(row.getCell(1).value);
      const column = INDICATOR_COLUMNS.find((c) => name === t(`stats:indicator.${c}.name`));
      if (!column) return;
      const value = row.getCell(2).value as number | null;
      const printed = formatValue(column, value);
      // The PDF's row of this indicator: its name, then the same value.
      const line = lines.find((l) => l.trim().startsWith(name));
      expect(line, `${name} in the PDF`).toBeDefined();
      expect(line!.slice(line!.indexOf(name) + name.length).trim().split(/\s+/)[0], name).toBe(printed);
      expect(printed, name).toBe(formatValue(column, valueOf(expected, column)));
      compared += 1;
    });
    expect(compared).toBe(INDICATOR_COLUMNS.length);
    // The breakdown sheet's total row holds the same reports count as the PDF's 合计 row.
    const breakdown = book.getWorksheet('分单位')!;
    expect(breakdown.lastRow!.getCell(2).value).toBe('合计');
    expect(breakdown.lastRow!.getCell(3).value).toBe(expected.counts.reports);
    expect(lines.find((l) => /^\s*合计\s/.test(l))?.trim().split(/\s+/)[1]).toBe(String(expected.counts.reports));
    await saveScreenshot(page, 'stats-monthly-report-screen');
    expect(desk.errors).toEqual([]);
  });
});

