/**
 * The 月报 as an A4 document for the unit and period chosen on 统计: the indicators with their
 * definitions, the level funnel and the rates by unit as charts, the breakdown table and the
 * mediation figures. Drawn from the same figures object as the .xlsx (exported from here too),
 * so paper and workbook say the same. Printing gets only the sheet (reportPrint.css).
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_COLUMNS, LEVEL_KEYS } from '../../../core/stats/indicators';
import { formatValue, valueOf } from '../../../core/stats/monthlyReport';
import { periodDays } from '../../../core/stats/period';
import { PrintView } from '../../ui/PrintSheet';
import { Chart } from './Chart';
import { useAuditRecorder } from '../../data/audit';
import { exportReport } from './exportReport';
import { funnelOption, ratesByRowOption } from './reportCharts';
import { hrefOfStats, type StatsChoice } from './statsRoute';
import { useStatsView } from './useStatsView';
import './reportPrint.css';

/** The breakdown's columns on paper (the .xlsx has them all). */
const PAPER_COLUMNS = ['reports', 'selfHandled', 'insideGridRate', 'escalationRate', 'closeRate', 'onTimeRate', 'overdue', 'reworkRate', 'avgHandlingHours', 'supervised'] as const;

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

export function ReportPrint({ choice }: { choice: StatsChoice }) {
  const { t } = useTranslation(['stats', 'mediation']);
  const { report } = useStatsView(choice);
  const [exporting, setExporting] = useState(false);
  const recordAudit = useAuditRecorder();
  const funnel = useMemo(() => (report ? funnelOption(report) : null), [report]);
  const byRow = useMemo(() => (report ? ratesByRowOption(report) : null), [report]);
  useEffect(() => {
    if (report) document.title = t('report.title', { unit: report.unit.name });
  }, [report, t]);
  if (!report) return <p className="loading" role="status">{t('screen.loading')}</p>;
  const [from, to] = periodDays(report.period);
  const m = report.mediation;
  return (
    <PrintView
      back={{ href: hrefOfStats({ ...choice, view: 'screen' }), label: t('report.back') }}
      printLabel={t('report.print')}
      audit={{ target: t('report.title', { unit: report.unit.name }), detail: `${from}~${to}` }}
      actions={
        <button type="button" className="action-button" disabled={exporting} onClick={() => { setExporting(true); void exportReport(report, recordAudit).finally(() => setExporting(false)); }}>
          {exporting ? t('screen.exporting') : t('screen.exportXlsx')}
        </button>
      }
    >
      <article className="print-sheet report" aria-label={t('report.title', { unit: report.unit.name })}>
        <header className="report__head">
          <h1 className="report__title">{t('report.title', { unit: report.unit.name })}</h1>
          <p className="report__meta">
            <span>{t('report.period', { from, to })}</span>
            <span>{t('report.madeAt', { at: new Date(report.asOf).toLocaleString('zh-CN', { hour12: false }) })}</span>
          </p>
        </header>

        <section className="report__section">
          <h2>{t('report.workorders')}</h2>
          <table className="report__table report__table--indicators">
            <thead>
              <tr><th>{t('report.column.indicator')}</th><th className="is-num">{t('report.column.value')}</th><th>{t('report.column.definition')}</th></tr>
            </thead>
            <tbody>
              {INDICATOR_COLUMNS.map((column) => (
                <tr key={column} data-indicator={column}>
                  <th scope="row">{t(`indicator.${column}.name`)}</th>
                  <td className="is-num">{formatValue(column, valueOf(report.total, column))}</td>
                  <td className="report__definition">{t(`indicator.${column}.definition`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="report__charts">
            <figure>
              <figcaption>{t('screen.funnel')}（{LEVEL_KEYS.map((key) => `${t(`indicator.${key}.name`)} ${report.total.counts[key]}`).join('，')}）</figcaption>
              {funnel ? <Chart option={funnel} label={t('screen.funnel')} height={200} animate={false} /> : null}
            </figure>
            <figure>
              <figcaption>{t('screen.byUnit')}</figcaption>
              {byRow ? <Chart option={byRow} label={t('screen.byUnit')} height={200} animate={false} /> : null}
            </figure>
          </div>
        </section>

        <section className="report__section">
          <h2>{t('report.breakdown')}</h2>
          <table className="report__table report__table--rows">
            <thead>
              <tr>
                <th>{t(`screen.rowHeader.${report.dimension}`)}</th>
                {PAPER_COLUMNS.map((column) => <th key={column} className="is-num">{t(`indicator.${column}.name`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {[...report.rows, { key: 'total', name: t('screen.total'), figures: report.total }].map((row) => (
                <tr key={row.key} data-row={row.key} className={row.key === 'total' ? 'report__total' : undefined}>
                  <th scope="row">{row.name}</th>
                  {PAPER_COLUMNS.map((column) => <td key={column} className="is-num">{formatValue(column, valueOf(row.figures, column))}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="report__section">
          <h2>{t('report.mediation')}</h2>
          <table className="report__table report__table--rows">
            <thead>
              <tr>
                <th>{t('mediation:stats.column.name')}</th>
                {(['cases', 'agreements', 'successRate', 'agreementAmount', 'performanceRate', 'courtConfirmed', 'preventedCriminal', 'preventedMassPetition'] as const).map((key) => <th key={key} className="is-num">{t(`mediation:stats.column.${key}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {[...m.stations.map((s) => ({ code: s.code, name: report.mediationNames[s.code] ?? s.code, f: s.figures })), { code: 'total', name: t('screen.total'), f: m.total }].map(({ code, name, f }) => (
                <tr key={code} className={code === 'total' ? 'report__total' : undefined}>
                  <th scope="row">{name}</th>
                  <td className="is-num">{f.cases}</td>
                  <td className="is-num">{f.agreements}</td>
                  <td className="is-num">{percent(f.successRate)}</td>
                  <td className="is-num">{f.agreementAmount.toFixed(2)}</td>
                  <td className="is-num">{percent(f.performanceRate)}</td>
                  <td className="is-num">{f.courtConfirmed}</td>
                  <td className="is-num">{f.preventedCriminal}</td>
                  <td className="is-num">{f.preventedMassPetition}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {m.total.cases > 0 ? (
            <p className="report__note">
              {t('mediation:stats.byType')}：{Object.entries(m.total.byType).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type} ${n}`).join('，')}
            </p>
          ) : null}
        </section>
      </article>
    </PrintView>
  );
}
