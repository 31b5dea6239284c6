/**
 * The health report for the weekly meeting: a printable HTML page (A4 landscape, opens in any
 * browser) and an .xlsx workbook, with the same rows and words as the terminal table.
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { t } from '../core/i18n';
import { localTime, stationCells, type StatusReport } from './status';

const header = (): string[] => t('district:status.stationHeader', { returnObjects: true }) as string[];

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function statusHtml(report: StatusReport): string {
  const title = t('district:status.reportTitle', { time: localTime(report.generatedAt) });
  const rows = report.stations
    .map((s) => `<tr class="${s.health}">${stationCells(s, '').map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10pt; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }
  th { background: #eee; }
  tr.stale td:first-child, tr.neverReported td:first-child, tr.rejecting td:first-child { font-weight: bold; color: #b00; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t('district:status.stationsTitle', { count: report.stations.length }))}</p>
<table><thead><tr>${header().map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

export async function writeStatusHtml(report: StatusReport, path: string): Promise<void> {
  await writeFile(path, statusHtml(report), 'utf8');
}

export async function writeStatusWorkbook(report: StatusReport, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('district:status.sheetName'));
  sheet.addRow(header()).font = { bold: true };
  for (const station of report.stations) sheet.addRow(stationCells(station, ''));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((column, index) => (column.width = [8, 14, 22, 14, 24, 17, 8, 6, 6, 12, 10, 10, 40][index] ?? 12));
  await workbook.xlsx.writeFile(path);
}
