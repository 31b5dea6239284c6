/**
 * 统计: totals of what this workstation holds. The rates of the monthly report (在格解决率,
 * 按期结案率 …) come with the statistics issue; these are plain counts, read live.
 */
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../data/session';
import { useLiveCount } from '../../data/useLiveCount';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { MediationStatsPanel } from './MediationStatsPanel';
import './stats.css';

const number = new Intl.NumberFormat('zh-CN');

interface Tile {
  key: 'grids' | 'staff' | 'components' | 'tickets' | 'cases';
  value: number | undefined;
  detail?: { label: string; value: number | undefined };
}

export function StatsScreen() {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const tiles: Tile[] = [
    { key: 'tickets', value: useLiveCount(db.tickets), detail: { label: t('stats.openTickets'), value: useLiveCount(db.tickets, { state: { $nin: ['closed', 'voided'] } }) } },
    { key: 'cases', value: useLiveCount(db.cases), detail: { label: t('stats.agreedCases'), value: useLiveCount(db.cases, { 'outcome.kind': 'agreement' }) } },
    { key: 'grids', value: useLiveCount(db.grids) },
    { key: 'staff', value: useLiveCount(db.staff) },
    { key: 'components', value: useLiveCount(db.components), detail: { label: t('stats.damagedComponents'), value: useLiveCount(db.components, { status: { $in: ['damaged', 'missing'] } }) } },
  ];
  const loaded = tiles.every((tile) => tile.value !== undefined);
  const empty = loaded && tiles.every((tile) => tile.value === 0);
  return (
    <Screen title={t('nav.stats')} purpose={t('purpose.stats')}>
      {empty ? (
        <EmptyState />
      ) : (
        <ul className="tiles" aria-busy={!loaded}>
          {tiles.map((tile) => (
            <li key={tile.key} className="tile">
              <span className="tile__label">{t(`stats.${tile.key}`)}</span>
              <span className="tile__value">
                {tile.value === undefined ? '…' : number.format(tile.value)}
                <small>{t(`stats.unit.${tile.key}`)}</small>
              </span>
              {tile.detail ? (
                <span className="tile__detail">
                  {tile.detail.label} {tile.detail.value === undefined ? '…' : number.format(tile.detail.value)}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {/* Report panels per area; the work-order report (rates of the closed loop) goes beside this one. */}
      <MediationStatsPanel />
    </Screen>
  );
}
