/**
 * The monthly report as an .xlsx workbook, from the same figures object as the print view
 * (./monthlyReport): the indicators with their definitions, the breakdown by unit, and the
 * mediation sheets. Numbers stay numbers (rates as percentages), so the report sums and charts
 * in Excel / WPS; the district's `district report --month` writes the same workbook.
 */
import ExcelJS from 'exceljs';
import { t } from '../i18n';
import { addMediationSheets } from '../mediation/statsWorkbook';
import { INDICATOR_COLUMNS, LEVEL_KEYS } from './indicators';
import { kindOf, valueOf, type MonthlyReport } from './monthlyReport';
import { periodDays } from './period';

const FORMAT = { rate: '0.0%', hours: '0.0', ratio: '0.0', count: '#,##0' } as const;

function title(sheet: ExcelJS.Worksheet, text: string, columns: number): void {
  sheet.mergeCells(1, 1, 1, columns);
  const cell = sheet.getCell(1, 1);
  cell.value = text;
  cell.font = { bold: true, size: 14 };
  cell.alignment = { horizontal: 'center' };
  sheet.getRow(2).font = { bold: true };
  sheet.getRow(2).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
}

export function reportTitle(report: MonthlyReport): string {
  return t('stats:report.title', { unit: report.unit.name });
}

export function reportWorkbook(report: MonthlyReport): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t('common:appName');
  workbook.created = new Date(report.asOf);
  const [from, to] = periodDays(report.period);
  const heading = `${reportTitle(report)}（${t('stats:report.period', { from, to })}）`;

  // 工单指标: one indicator a row, its value and definition.
  const summary = workbook.addWorksheet(t('stats:report.sheet.summary'));
  summary.columns = [{ width: 16 }, { width: 14 }, { width: 70 }];
  summary.addRow([]);
  summary.addRow([t('stats:report.column.indicator'), t('stats:report.column.value'), t('stats:report.column.definition')]);
  for (const column of INDICATOR_COLUMNS) {
    const row = summary.addRow([t(`stats:indicator.${column}.name`), valueOf(report.total, column), t(`stats:indicator.${column}.definition`)]);
    row.getCell(2).numFmt = FORMAT[kindOf(column)];
  }
  for (const key of LEVEL_KEYS) summary.addRow([`${t('stats:screen.funnel')}·${t(`stats:indicator.${key}.name`)}`, report.total.counts[key], t(`stats:indicator.${key}.definition`)]);
  title(summary, heading, 3);

  // 分单位: the rows of the breakdown and the total.
  const breakdown = workbook.addWorksheet(t('stats:report.sheet.breakdown'));
  breakdown.columns = [{ width: 16 }, { width: 24 }, ...INDICATOR_COLUMNS.map(() => ({ width: 11 }))];
  breakdown.addRow([]);
  breakdown.addRow([t('stats:report.column.code'), t(`stats:screen.rowHeader.${report.dimension}`), ...INDICATOR_COLUMNS.map((c) => t(`stats:indicator.${c}.name`))]);
  for (const row of [...report.rows, { key: '', name: t('stats:screen.total'), figures: report.total }]) {
    const added = breakdown.addRow([row.key, row.name, ...INDICATOR_COLUMNS.map((c) => valueOf(row.figures, c))]);
    INDICATOR_COLUMNS.forEach((c, i) => (added.getCell(i + 3).numFmt = FORMAT[kindOf(c)]));
  }
  breakdown.lastRow!.font = { bold: true };
  breakdown.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  title(breakdown, heading, INDICATOR_COLUMNS.length + 2);

  addMediationSheets(workbook, report.mediation, (code) => report.mediationNames[code] ?? code, (name) => `${t('stats:report.sheet.mediation')}·${name}`);
  return workbook;
}
