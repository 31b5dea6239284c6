/**
 * 统计: totals of what this workstation holds, then the report panels for the period and unit
 * chosen (the closed loop's indicators, people's mediation), and the 月报 print view.
 */
import { lazy, Suspense } from 'react';
import { useSyncWindowStart } from '../../data/syncWindow';
import { dayOf } from '../../../core/stats/period';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../data/session';
import { useLiveCount } from '../../data/useLiveCount';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { MediationStatsPanel } from './MediationStatsPanel';
import { PeriodBar } from './PeriodBar';
import { useStatsChoice, type StatsChoice } from './statsRoute';
import { useStatsView } from './useStatsView';
import { WorkorderStatsPanel } from './WorkorderStatsPanel';
import './stats.css';

const ReportPrint = lazy(() => import('./ReportPrint').then((m) => ({ default: m.ReportPrint })));

const number = new Intl.NumberFormat('zh-CN');

interface Tile {
  key: 'grids' | 'staff' | 'components' | 'tickets' | 'cases';
  value: number | undefined;
  detail?: { label: string; value: number | undefined };
}

function Tiles() {
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
  if (empty) return <EmptyState />;
  return (
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
  );
}

function Reports({ choice }: { choice: StatsChoice }) {
  const { t } = useTranslation('stats');
  const view = useStatsView(choice);
  const windowStart = useSyncWindowStart();
  return (
    <>
      <PeriodBar choice={choice} period={view.period} />
      {windowStart !== null && view.period.from < windowStart ? (
        <p className="stats-window" role="status">{t('screen.beforeWindow', { day: dayOf(windowStart) })}</p>
      ) : null}
      <WorkorderStatsPanel report={view.report} choice={choice} stationUnit={view.station} unitTrail={view.trail} />
      <MediationStatsPanel stats={view.report?.mediation} nameOf={(code) => view.report?.mediationNames[code] ?? view.names.unit(code)} />
    </>
  );
}

export function StatsScreen() {
  const { t } = useTranslation('app');
  const choice = useStatsChoice();
  if (choice.view === 'report') {
    return (
      <Suspense fallback={<p className="loading" role="status">…</p>}>
        <ReportPrint choice={choice} />
      </Suspense>
    );
  }
  return (
    <Screen title={t('nav.stats')} purpose={t('purpose.stats')}>
      <Tiles />
      <Reports choice={choice} />
    </Screen>
  );
}
