/** Saves the 月报 as .xlsx (exceljs loads only now: it is large). */
import { t } from '../../../core/i18n';
import type { MonthlyReport } from '../../../core/stats/monthlyReport';
import { periodDays } from '../../../core/stats/period';

export async function exportReport(report: MonthlyReport): Promise<void> {
  const { reportWorkbook } = await import('../../../core/stats/reportWorkbook');
  const buffer = await reportWorkbook(report).xlsx.writeBuffer();
  const [from, to] = periodDays(report.period);
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = t('stats:report.fileName', { unit: report.unit.name, from: from.replace(/-/g, ''), to: to.replace(/-/g, '') });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
