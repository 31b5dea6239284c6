/** The period of 统计 and the 月报: 本月, 上月, 本季度, 本年 or any range of days (kept in the hash). */
import { useTranslation } from 'react-i18next';
import { PERIOD_CHOICES, periodDays, type Period, type PeriodChoice } from '../../../core/stats/period';
import { goStats, type StatsChoice } from './statsRoute';

export function PeriodBar({ choice, period }: { choice: StatsChoice; period: Period }) {
  const { t } = useTranslation('stats');
  const [from, to] = periodDays(period);
  const pick = (next: PeriodChoice) => goStats({ ...choice, choice: next, ...(next === 'range' ? { from: choice.from ?? from, to: choice.to ?? to } : { from: undefined, to: undefined }) });
  return (
    <div className="stats-period" role="group" aria-label={t('screen.period')}>
      <span className="stats-period__label">{t('screen.period')}</span>
      {PERIOD_CHOICES.map((option) => (
        <button key={option} type="button" className="stats-chip" aria-pressed={choice.choice === option} onClick={() => pick(option)}>
          {t(`screen.periodChoice.${option}`)}
        </button>
      ))}
      {choice.choice === 'range' ? (
        <>
          <label className="stats-period__date">{t('screen.rangeFrom')}<input type="date" value={choice.from ?? from} max={choice.to ?? to} onChange={(e) => e.target.value && goStats({ ...choice, from: e.target.value })} /></label>
          <label className="stats-period__date">{t('screen.rangeTo')}<input type="date" value={choice.to ?? to} min={choice.from ?? from} onChange={(e) => e.target.value && goStats({ ...choice, to: e.target.value })} /></label>
        </>
      ) : null}
      <span className="muted stats-period__range">{t('screen.periodRange', { from, to })}</span>
    </div>
  );
}
