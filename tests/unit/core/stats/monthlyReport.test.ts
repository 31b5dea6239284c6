import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { monthlyReport, formatValue } from '../../../../core/stats/monthlyReport';
import { reportWorkbook } from '../../../../core/stats/reportWorkbook';
import { ordersFactsOf } from '../../../../core/stats/orderFacts';
import { monthPeriod } from '../../../../core/stats/period';
import { WorkdayCalendar } from '../../../../core/workorders/workdayCalendar';
import { cst, departmentKind, fixtureEvents, fixtureTickets, TOWN, VILLAGE_A, VILLAGE_B } from './statsFixture';

const asOf = new Date(cst('2026-11-10 00:00'));
const facts = ordersFactsOf(fixtureTickets, fixtureEvents, { calendar: new WorkdayCalendar(), asOf, departmentKind });
const names: Record<string, string> = { [VILLAGE_A]: '甲村', [VILLAGE_B]: '乙村', '320506101003': '丙村' };
const report = monthlyReport({
  unit: { code: TOWN, name: '木渎镇' }, period: monthPeriod('2026-10'), asOf, dimension: 'unit', facts, cases: [],
  children: [VILLAGE_A, VILLAGE_B, '320506101003'], nameOf: (key) => names[key] ?? key,
});

describe('the monthly report of a town', () => {
  it('lists every village, the quiet one too, for work orders and mediation alike', () => {
    expect(report.rows.map((r) => [r.name, r.figures.counts.reports])).toEqual([['甲村', 5], ['乙村', 2], ['丙村', 0]]);
    expect(report.mediation.stations.map((s) => report.mediationNames[s.code])).toEqual(['甲村', '乙村', '丙村']);
  });

  it('writes the same numbers into the .xlsx as the print view shows', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await reportWorkbook(report).xlsx.writeBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['工单指标', '分单位', '人民调解·汇总', '人民调解·按纠纷类型', '人民调解·按案件来源']);
    const summary = book.getWorksheet('工单指标')!;
    expect(summary.getCell('A1').value).toBe('木渎镇网格化社会治理联动工作月报（统计期间：2026-10-01 至 2026-10-31）');
    const byName = new Map<string, unknown>();
    summary.eachRow((row, n) => n > 2 && byName.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(byName.get('按期结案率')).toBeCloseTo(0.8);
    expect(formatValue('onTimeRate', byName.get('按期结案率') as number)).toBe('80.0%');
    expect(byName.get('超期件数')).toBe(2);
    expect(byName.get('平均处置时长（小时）')).toBe(8.4);
    const breakdown = book.getWorksheet('分单位')!;
    expect(breakdown.getRow(3).getCell(2).value).toBe('甲村');
    expect(breakdown.getRow(3).getCell(3).value).toBe(5);
    expect(breakdown.getRow(6).getCell(2).value).toBe('合计');
    expect(breakdown.getRow(6).getCell(3).value).toBe(7);
  });
});
