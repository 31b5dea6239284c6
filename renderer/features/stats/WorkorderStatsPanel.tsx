/**
 * 工单统计: the closed loop's indicators for the unit and period chosen, by child unit
 * (a district's towns or departments, a town's villages, a village's grids or workers), with
 * charts, the definition of every figure, and every number opening the orders behind it.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensionsOf, drillKeyOf, INDICATOR_COLUMNS, type Dimension, type IndicatorColumn, type WorkorderFigures } from '../../../core/stats/indicators';
import { formatValue, valueOf, type MonthlyReport } from '../../../core/stats/monthlyReport';
import { periodDays } from '../../../core/stats/period';
import { pickOrders } from '../workorders/pickedOrders';
import { Chart } from './Chart';
import { useAuditRecorder } from '../../data/audit';
import { exportReport } from './exportReport';
import { funnelOption, ratesByRowOption } from './reportCharts';
import { goStats, hrefOfStats, type StatsChoice } from './statsRoute';

/** The KPI strip above the table. */
const HEADLINE: readonly IndicatorColumn[] = ['reports', 'insideGridRate', 'escalationRate', 'closeRate', 'onTimeRate', 'overdue', 'reworkRate', 'avgHandlingHours'];

function Figure({ figures, column, label }: { figures: WorkorderFigures; column: IndicatorColumn; label: string }) {
  const { t } = useTranslation('stats');
  const text = formatValue(column, valueOf(figures, column));
  const key = drillKeyOf(column);
  const ids = key ? figures.ids[key] : [];
  if (!key || ids.length === 0) return <>{text}</>;
  const open = () => {
    window.location.hash = pickOrders({ label, ids });
  };
  return (
    <button type="button" className="stats-num" onClick={open} title={t('screen.drill', { count: ids.length })} data-drill={key}>
      {text}
    </button>
  );
}

export function WorkorderStatsPanel({ report, choice, stationUnit, unitTrail }: { report: MonthlyReport | undefined; choice: StatsChoice; stationUnit: string; unitTrail: { code: string; name: string }[] }) {
  const { t } = useTranslation('stats');
  const funnel = useMemo(() => (report ? funnelOption(report) : null), [report]);
  const byRow = useMemo(() => (report ? ratesByRowOption(report) : null), [report]);
  const [exporting, setExporting] = useState(false);
  const recordAudit = useAuditRecorder();
  if (!report) return <section className="panel panel--padded stats-wo"><p className="loading" role="status">{t('screen.loading')}</p></section>;
  const [from, to] = periodDays(report.period);
  const range = t('screen.periodRange', { from, to });
  const dims = dimensionsOf(report.unit.code);
  const labelOf = (column: IndicatorColumn, rowName: string) => `${t(`indicator.${column}.name`)} · ${rowName} · ${range}`;
  // A row of child units opens that unit's own breakdown (a town's villages, a village's grids).
  const descend = (key: string) => (report.dimension === 'unit' && key.length > report.unit.code.length ? key : null);
  return (
    <section className="panel panel--padded stats-wo" aria-labelledby="stats-wo-title" data-report-unit={report.unit.code}>
      <div className="stats-wo__head">
        <h2 id="stats-wo-title" className="panel__title">{t('screen.title')}</h2>
        <nav className="stats-trail" aria-label={t('screen.rowHeader.unit')}>
          {unitTrail.map((unit, i) =>
            i < unitTrail.length - 1 ? (
              <span key={unit.code}><a href={hrefOfStats({ ...choice, view: 'screen', unit: unit.code === stationUnit ? undefined : unit.code, dimension: undefined })}>{unit.name}</a> › </span>
            ) : (
              <strong key={unit.code}>{unit.name}</strong>
            ),
          )}
        </nav>
        <span className="muted">{t('screen.asOf', { at: new Date(report.asOf).toLocaleString('zh-CN', { hour12: false }) })}</span>
        <a className="stats-button stats-button--quiet" href={hrefOfStats({ ...choice, view: 'report' })}>{t('screen.monthlyReport')}</a>
        <button type="button" className="stats-button stats-button--quiet stats-button--next" disabled={exporting} onClick={() => { setExporting(true); void exportReport(report, recordAudit).finally(() => setExporting(false)); }}>
          {exporting ? t('screen.exporting') : t('screen.exportXlsx')}
        </button>
      </div>

      <ul className="stats-kpis" aria-label={t('screen.rates')}>
        {HEADLINE.map((column) => (
          <li key={column} className="stats-kpi" data-indicator={column}>
            <span className="stats-kpi__label" title={t(`indicator.${column}.definition`)}>{t(`indicator.${column}.name`)}</span>
            <span className="stats-kpi__value"><Figure figures={report.total} column={column} label={labelOf(column, report.unit.name)} /></span>
          </li>
        ))}
      </ul>

      <div className="stats-charts">
        <figure className="stats-figure">
          <figcaption>{t('screen.funnel')}</figcaption>
          {funnel ? <Chart option={funnel} label={t('screen.funnel')} height={220} /> : null}
          <p className="muted stats-note">{t('screen.funnelNote')}</p>
        </figure>
        <figure className="stats-figure stats-figure--wide">
          <figcaption>{t('screen.byUnit')}</figcaption>
          {byRow ? <Chart option={byRow} label={t('screen.byUnit')} height={240} /> : null}
        </figure>
      </div>

      {dims.length > 1 ? (
        <div className="stats-dims" role="tablist" aria-label={t('screen.rowHeader.unit')}>
          {dims.map((dim: Dimension) => (
            <button key={dim} type="button" role="tab" aria-selected={report.dimension === dim} className="stats-chip" onClick={() => goStats({ ...choice, dimension: dim })}>
              {t(`screen.dimension.${dim}`)}
            </button>
          ))}
        </div>
      ) : null}

      <div className="table-wrap">
        <table className="data-table stats-table" aria-label={t('screen.title')}>
          <thead>
            <tr>
              <th scope="col">{t(`screen.rowHeader.${report.dimension}`)}</th>
              {INDICATOR_COLUMNS.map((column) => (
                <th key={column} scope="col" className="is-num" title={t(`indicator.${column}.definition`)}>{t(`indicator.${column}.name`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const child = descend(row.key);
              return (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row" className="is-nowrap">
                    {child ? <a href={hrefOfStats({ ...choice, view: 'screen', unit: child, dimension: undefined })}>{row.name}</a> : row.name}
                  </th>
                  {INDICATOR_COLUMNS.map((column) => (
                    <td key={column} className="is-num" data-column={column}><Figure figures={row.figures} column={column} label={labelOf(column, row.name)} /></td>
                  ))}
                </tr>
              );
            })}
            <tr className="stats-total" data-row="total">
              <th scope="row">{t('screen.total')}</th>
              {INDICATOR_COLUMNS.map((column) => (
                <td key={column} className="is-num" data-column={column}><Figure figures={report.total} column={column} label={labelOf(column, report.unit.name)} /></td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      <details className="stats-definitions" open>
        <summary>{t('screen.definitions')}</summary>
        <dl>
          {INDICATOR_COLUMNS.map((column) => (
            <div key={column}>
              <dt>{t(`indicator.${column}.name`)}</dt>
              <dd>{t(`indicator.${column}.definition`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
