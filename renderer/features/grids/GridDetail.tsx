/** One grid's particulars: code, level, people, staff, boundary and its history, order figures. */
import { useTranslation } from 'react-i18next';
import { areaOf, formatArea } from '../../../core/geo';
import type { GridDoc, StaffDoc } from '../../../core/schema';
import type { GridStats } from './gridStats';

const number = new Intl.NumberFormat('zh-CN');
const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

export function GridDetail({ grid, staffById, stats }: { grid: GridDoc; staffById: ReadonlyMap<string, StaffDoc>; stats: GridStats }) {
  const { t } = useTranslation(['registry', 'app']);
  const none = t('card.unknown');
  const head = grid.headStaffId ? staffById.get(grid.headStaffId) : undefined;
  const workers = (grid.workerStaffIds ?? []).map((id) => staffById.get(id)).filter((s): s is StaffDoc => s !== undefined);
  const rate = stats.closed ? `${Math.round((stats.closedOnTime / stats.closed) * 100)}%` : '';
  return (
    <section className="grid-detail" aria-label={t('grids.detail')}>
      <h2>{grid.name}</h2>
      <dl className="grid-detail__fields">
        <dt>{t('grids.code')}</dt>
        <dd className="mono">{grid.code}</dd>
        <dt>{t('grids.level')}</dt>
        <dd>{t('grids.levelValue', { level: grid.level })}</dd>
        <dt>{t('grids.population')}</dt>
        <dd>{grid.population === undefined ? none : number.format(grid.population)}</dd>
        <dt>{t('grids.households')}</dt>
        <dd>{grid.households === undefined ? none : number.format(grid.households)}</dd>
        <dt>{t('grids.area')}</dt>
        <dd>{formatArea(areaOf(grid.boundary))}</dd>
        <dt>{t('grids.head')}</dt>
        <dd data-field="head">{head ? `${head.name} ${head.phone}` : (grid.headStaffId ?? none)}</dd>
        <dt>{t('grids.workers')}</dt>
        <dd data-field="workers">
          {workers.length === 0
            ? t('grids.noWorkers')
            : workers.map((w) => (
                <div key={w.staffId}>
                  {w.name}（{w.roles.map((r) => t(`app:staff.roleNames.${r}`)).join('、')}）{w.phone}
                </div>
              ))}
        </dd>
      </dl>
      <h3>{t('grids.stats')}</h3>
      <dl className="grid-detail__stats" data-field="stats">
        <div>
          <dt>{t('grids.openOrders')}</dt>
          <dd>{stats.open}</dd>
        </div>
        <div className={stats.overdue ? 'is-overdue' : undefined}>
          <dt>{t('grids.overdue')}</dt>
          <dd>{stats.overdue}</dd>
        </div>
        <div>
          <dt>{t('grids.closedInTime')}</dt>
          <dd>{stats.closed ? t('grids.closedInTimeRate', { onTime: stats.closedOnTime, closed: stats.closed, rate }) : t('grids.noClosed')}</dd>
        </div>
      </dl>
      <h3>{t('grids.boundary')}</h3>
      <p>{t('grids.boundaryValidFrom', { date: day(grid.boundaryValidFrom) })}</p>
      <p className="muted">{t('grids.readOnly')}</p>
      <h4>{t('grids.boundaryHistory')}</h4>
      {grid.boundaryHistory?.length ? (
        <ul className="grid-detail__history">
          {grid.boundaryHistory.map((h) => (
            <li key={h.validFrom}>
              {t('grids.boundaryHistoryItem', { from: day(h.validFrom), to: day(h.validTo) })}
              {h.reason ? `：${h.reason}` : ''}（{formatArea(areaOf(h.boundary))}）
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('grids.noBoundaryHistory')}</p>
      )}
    </section>
  );
}
