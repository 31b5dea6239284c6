/**
 * 人民调解统计 of the period chosen on 统计: the report's figures per unit (a town sees each of
 * its villages, those without cases too) and in total, with an .xlsx export.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediationFigures, MediationStats } from '../../../core/mediation';
import { periodDays } from '../../../core/stats/period';
import { useAuditRecorder } from '../../data/audit';
import { exportFileName } from '../../ui/exportFileName';

const number = new Intl.NumberFormat('zh-CN');
const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MediationStatsPanel({ stats, nameOf }: { stats: MediationStats | undefined; nameOf: (code: string) => string }) {
  const { t } = useTranslation(['mediation', 'stats']);
  const [exporting, setExporting] = useState(false);
  const recordAudit = useAuditRecorder();
  const [error, setError] = useState<string | null>(null);
  const [fromDay, toDay] = stats ? periodDays(stats.period) : ['', ''];

  async function exportWorkbook() {
    if (!stats) return;
    setExporting(true);
    setError(null);
    try {
      // exceljs is large: loaded only when a report is exported.
      const { mediationStatsWorkbook } = await import('../../../core/mediation/statsWorkbook');
      const buffer = await mediationStatsWorkbook(stats, nameOf).xlsx.writeBuffer();
      const fileName = exportFileName(t('mediation:exportName.stats', { from: fromDay, to: toDay }));
      download(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), fileName);
      await recordAudit({ action: 'export', target: fileName, detail: t('mediation:stats.title') });
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : String(thrown));
    } finally {
      setExporting(false);
    }
  }

  const rows: { code: string; name: string; figures: MediationFigures }[] = stats
    ? [...stats.stations.map((s) => ({ code: s.code, name: nameOf(s.code), figures: s.figures })), { code: '', name: t('mediation:stats.total'), figures: stats.total }]
    : [];
  const columns = ['cases', 'concluded', 'agreements', 'successRate', 'agreementAmount', 'performanceRate', 'courtConfirmed', 'pastOneMonth', 'escalated', 'preventedCriminal', 'preventedMassPetition'] as const;
  const cell = (f: MediationFigures, key: (typeof columns)[number]) =>
    key === 'successRate' || key === 'performanceRate' ? (f[key] === null ? t('mediation:stats.successRateNone') : percent.format(f[key])) : key === 'agreementAmount' ? money.format(f.agreementAmount) : number.format(f[key]);

  return (
    <section className="panel panel--padded stats-mediation" aria-labelledby="stats-mediation-title">
      <div className="stats-mediation__head">
        <h2 id="stats-mediation-title" className="panel__title">{t('mediation:stats.title')}</h2>
        <span className="muted">{t('mediation:stats.periodRange', { from: fromDay, to: toDay })}</span>
        <button type="button" className="stats-button" disabled={!stats || exporting} onClick={() => void exportWorkbook()}>{t('mediation:stats.export')}</button>
      </div>
      {error ? <p role="alert" className="stats-error">{error}</p> : null}
      {stats ? (
        <div className="table-wrap">
          <table className="data-table" aria-label={t('mediation:stats.title')}>
            <thead>
              <tr>
                <th scope="col">{t('mediation:stats.column.name')}</th>
                {columns.map((key) => <th key={key} scope="col" className="is-num">{t(`mediation:stats.column.${key}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.code || 'total'} className={row.code ? '' : 'stats-total'}>
                  <td className="is-nowrap">{row.name}</td>
                  {columns.map((key) => <td key={key} className="is-num">{cell(row.figures, key)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="loading" role="status">…</p>
      )}
      {stats && stats.total.cases > 0 ? (
        <div className="stats-mediation__breakdown">
          <h3>{t('mediation:stats.byType')}</h3>
          <ul className="stats-chips">
            {Object.entries(stats.total.byType).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([type, n]) => <li key={type}>{type} <strong>{n}</strong></li>)}
          </ul>
          <h3>{t('mediation:stats.bySource')}</h3>
          <ul className="stats-chips">
            {Object.entries(stats.total.bySource).filter(([, n]) => n > 0).map(([source, n]) => <li key={source}>{t(`app:mediation.sources.${source}`)} <strong>{n}</strong></li>)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
