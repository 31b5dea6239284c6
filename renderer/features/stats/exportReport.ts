/** Saves the 月报 as .xlsx (exceljs loads only now: it is large), and records the export. */
import { t } from '../../../core/i18n';
import type { AuditInput } from '../../data/audit';
import type { MonthlyReport } from '../../../core/stats/monthlyReport';
import { periodDays } from '../../../core/stats/period';

export async function exportReport(report: MonthlyReport, recordAudit: (input: AuditInput) => Promise<unknown>): Promise<void> {
  const { reportWorkbook } = await import('../../../core/stats/reportWorkbook');
  const buffer = await reportWorkbook(report).xlsx.writeBuffer();
  const [from, to] = periodDays(report.period);
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const link = document.createElement('a');
  link.href = url;
  const fileName = t('stats:report.fileName', { unit: report.unit.name, from: from.replace(/-/g, ''), to: to.replace(/-/g, '') });
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  await recordAudit({ action: 'export', target: fileName, detail: `${report.unit.code} ${from}~${to}` });
}
