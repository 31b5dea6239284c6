/**
 * The mediation statistics as an .xlsx workbook for the monthly report: a summary sheet (one row
 * per station plus the total), cases by dispute type and cases by source. Column headers and
 * labels come from the catalogue; numbers stay numbers (rates as percentages) so the report can
 * be summed and charted in Excel / WPS.
 */
import ExcelJS from 'exceljs';
import dayjs from 'dayjs';
import { t } from '../i18n';
import { CASE_SOURCES, DISPUTE_TYPES } from '../schema';
import type { MediationFigures, MediationStats } from './stats';

type Row = { code: string; name: string; figures: MediationFigures };

function rowsOf(stats: MediationStats, nameOf: (code: string) => string): Row[] {
  return [
    ...stats.stations.map(({ code, figures }) => ({ code, name: nameOf(code), figures })),
    { code: '', name: t('mediation:stats.total'), figures: stats.total },
  ];
}

function styleHeader(sheet: ExcelJS.Worksheet, title: string, columns: number): void {
  sheet.getRow(2).font = { bold: true };
  sheet.getRow(2).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  sheet.mergeCells(1, 1, 1, columns);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center' };
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
}

function lastRowBold(sheet: ExcelJS.Worksheet): void {
  sheet.lastRow!.font = { bold: true };
}

export function mediationStatsWorkbook(stats: MediationStats, nameOf: (code: string) => string = (code) => code): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t('common:appName');
  workbook.created = new Date();
  addMediationSheets(workbook, stats, nameOf);
  return workbook;
}

/** The three mediation sheets, added to a workbook (the monthly report puts them beside the work orders'). */
export function addMediationSheets(workbook: ExcelJS.Workbook, stats: MediationStats, nameOf: (code: string) => string, sheetName: (name: string) => string = (name) => name): void {
  const period = t('mediation:stats.periodRange', {
    from: dayjs(stats.period.from).format('YYYY-MM-DD'),
    to: dayjs(stats.period.to).subtract(1, 'day').format('YYYY-MM-DD'),
  });
  const rows = rowsOf(stats, nameOf);

  const summary = workbook.addWorksheet(sheetName(t('mediation:stats.sheet.summary')));
  const headers = ['code', 'name', 'cases', 'concluded', 'agreements', 'successRate', 'agreementAmount', 'pastOneMonth', 'escalated', 'archived', 'preventedCriminal', 'preventedMassPetition', 'peopleInvolved', 'performanceRate', 'courtConfirmed'] as const;
  summary.columns = headers.map((key) => ({ key, width: key === 'name' ? 26 : key === 'code' ? 16 : 13 }));
  summary.addRow([]);
  summary.addRow(headers.map((key) => t(`mediation:stats.column.${key}`)));
  for (const row of rows) {
    const f = row.figures;
    summary.addRow([row.code, row.name, f.cases, f.concluded, f.agreements, f.successRate, f.agreementAmount, f.pastOneMonth, f.escalated, f.archived, f.preventedCriminal, f.preventedMassPetition, f.peopleInvolved, f.performanceRate, f.courtConfirmed]);
  }
  lastRowBold(summary);
  summary.getColumn('successRate').numFmt = '0.0%';
  summary.getColumn('performanceRate').numFmt = '0.0%';
  summary.getColumn('agreementAmount').numFmt = '#,##0.00';
  styleHeader(summary, t('mediation:stats.sheetTitle', { period }), headers.length);

  const byType = workbook.addWorksheet(sheetName(t('mediation:stats.sheet.byType')));
  byType.columns = [{ width: 16 }, { width: 26 }, ...DISPUTE_TYPES.map(() => ({ width: 10 }))];
  byType.addRow([]);
  byType.addRow([t('mediation:stats.column.code'), t('mediation:stats.column.name'), ...DISPUTE_TYPES]);
  for (const row of rows) byType.addRow([row.code, row.name, ...DISPUTE_TYPES.map((type) => row.figures.byType[type])]);
  lastRowBold(byType);
  styleHeader(byType, t('mediation:stats.sheetTitleByType', { period }), DISPUTE_TYPES.length + 2);

  const bySource = workbook.addWorksheet(sheetName(t('mediation:stats.sheet.bySource')));
  bySource.columns = [{ width: 16 }, { width: 26 }, ...CASE_SOURCES.map(() => ({ width: 12 }))];
  bySource.addRow([]);
  bySource.addRow([t('mediation:stats.column.code'), t('mediation:stats.column.name'), ...CASE_SOURCES.map((source) => t(`app:mediation.sources.${source}`))]);
  for (const row of rows) bySource.addRow([row.code, row.name, ...CASE_SOURCES.map((source) => row.figures.bySource[source])]);
  lastRowBold(bySource);
  styleHeader(bySource, t('mediation:stats.sheetTitleBySource', { period }), CASE_SOURCES.length + 2);
}
