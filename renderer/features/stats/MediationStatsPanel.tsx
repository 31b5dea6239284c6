/**
 * 人民调解统计 of a month, quarter or year: the report's figures per station (a town sees each of
 * its villages) and in total, with an .xlsx export for the monthly report.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { mediationStats, periodContaining, type MediationFigures, type PeriodKind } from '../../../core/mediation';
import type { GridDoc, MediationCaseDoc } from '../../../core/schema';
import { useDatabase, useSession } from '../../data/session';
import { useLive } from '../../data/useLive';
import { exportFileName } from '../../ui/exportFileName';

const number = new Intl.NumberFormat('zh-CN');
const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Station names from the level-2 grids (village = its grid) and level-1 grids (town). */
function useUnitNames(): (code: string) => string {
  const db = useDatabase();
  const { station } = useSession();
  const grids$ = useMemo(() => db.grids.find({ selector: { level: { $in: [1, 2] } } }).$, [db]);
  const grids = useLive(grids$);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const grid of grids ?? []) {
      const doc = grid.toJSON() as GridDoc;
      names.set(doc.code, doc.name);
    }
    return (code: string) => names.get(code) ?? (code === station.stationCode ? station.stationName : code);
  }, [grids, station]);
}

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

export function MediationStatsPanel() {
  const { t } = useTranslation('mediation');
  const db = useDatabase();
  const [kind, setKind] = useState<PeriodKind>('month');
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cases$ = useMemo(() => db.cases.find().$, [db]);
  const docs = useLive(cases$);
  const nameOf = useUnitNames();
  const period = useMemo(() => periodContaining(kind), [kind]);
  const stats = useMemo(() => (docs ? mediationStats(docs.map((d) => d.toJSON() as MediationCaseDoc), period) : undefined), [docs, period]);

  async function exportWorkbook() {
    if (!stats) return;
    setExporting(true);
    setError(null);
    try {
      // exceljs is large: loaded only when a report is exported.
      const { mediationStatsWorkbook } = await import('../../../core/mediation/statsWorkbook');
      const buffer = await mediationStatsWorkbook(stats, nameOf).xlsx.writeBuffer();
      const from = dayjs(period.from).format('YYYY-MM-DD');
      const to = dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD');
      download(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), exportFileName(t('mediation:exportName.stats', { from, to })));
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : String(thrown));
    } finally {
      setExporting(false);
    }
  }

  const rows: { code: string; name: string; figures: MediationFigures }[] = stats
    ? [...stats.stations.map((s) => ({ code: s.code, name: nameOf(s.code), figures: s.figures })), { code: '', name: t('stats.total'), figures: stats.total }]
    : [];
  const columns = ['cases', 'concluded', 'agreements', 'successRate', 'agreementAmount', 'pastOneMonth', 'escalated', 'preventedCriminal', 'preventedMassPetition'] as const;
  const cell = (f: MediationFigures, key: (typeof columns)[number]) =>
    key === 'successRate' ? (f.successRate === null ? t('stats.successRateNone') : percent.format(f.successRate)) : key === 'agreementAmount' ? money.format(f.agreementAmount) : number.format(f[key]);

  return (
    <section className="panel panel--padded stats-mediation" aria-labelledby="stats-mediation-title">
      <div className="stats-mediation__head">
        <h2 id="stats-mediation-title" className="panel__title">{t('stats.title')}</h2>
        <label>
          {t('stats.period')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
            {(['month', 'quarter', 'year'] as const).map((k) => <option key={k} value={k}>{t(`stats.periodKind.${k}`)}</option>)}
          </select>
        </label>
        <span className="muted">{t('stats.periodRange', { from: dayjs(period.from).format('YYYY-MM-DD'), to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD') })}</span>
        <button type="button" className="stats-button" disabled={!stats || exporting} onClick={() => void exportWorkbook()}>{t('stats.export')}</button>
      </div>
      {error ? <p role="alert" className="stats-error">{error}</p> : null}
      {stats ? (
        <div className="table-wrap">
          <table className="data-table" aria-label={t('stats.title')}>
            <thead>
              <tr>
                <th scope="col">{t('stats.column.name')}</th>
                {columns.map((key) => <th key={key} scope="col" className="is-num">{t(`stats.column.${key}`)}</th>)}
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
          <h3>{t('stats.byType')}</h3>
          <ul className="stats-chips">
            {Object.entries(stats.total.byType).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([type, n]) => <li key={type}>{type} <strong>{n}</strong></li>)}
          </ul>
          <h3>{t('stats.bySource')}</h3>
          <ul className="stats-chips">
            {Object.entries(stats.total.bySource).filter(([, n]) => n > 0).map(([source, n]) => <li key={source}>{t(`app:mediation.sources.${source}`)} <strong>{n}</strong></li>)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
