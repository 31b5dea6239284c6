/** Small pieces every mediation view shows the same way: state tags, the clock, parties in a list. */
import { useTranslation } from 'react-i18next';
import { maskIdNumber, readClock } from '../../../core/mediation';
import type { CaseState, MediationCaseDoc } from '../../../core/schema';
import { formatDate } from '../../ui/formatDate';
import { Tag, type Tone } from '../../ui/Tag';

export const STATE_TONE: Record<CaseState, Tone> = {
  registered: 'warn',
  mediating: 'info',
  agreed: 'ok',
  failed: 'danger',
  terminated: 'muted',
  referred: 'muted',
  escalated: 'info',
  archived: 'muted',
};

export function StateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation('app');
  return <Tag tone={STATE_TONE[state]}>{t(`mediation.states.${state}`)}</Tag>;
}

/** 剩余 N 天 / 已超期 N 天 against the deadline (extensions included); nothing once concluded. */
export function ClockTag({ doc, now }: { doc: Pick<MediationCaseDoc, 'acceptedAt' | 'extensions' | 'outcome'>; now?: Date }) {
  const { t } = useTranslation('mediation');
  const clock = readClock(doc, now);
  if (clock.stopped) return <span className="muted">{t('clock.stopped')}</span>;
  if (clock.overdue) return <Tag tone="danger">{t('clock.overdue', { days: -clock.daysLeft })}</Tag>;
  return (
    <span title={t('clock.deadline', { date: formatDate(clock.deadline) })}>
      <Tag tone={clock.daysLeft <= 5 ? 'warn' : 'info'}>{t('clock.daysLeft', { days: clock.daysLeft })}</Tag>
    </span>
  );
}

/** Parties as a list shows them: names with masked ID numbers (full numbers only on the case page). */
export function PartiesCell({ parties }: { parties: MediationCaseDoc['parties'] }) {
  const { t } = useTranslation('mediation');
  return (
    <ul className="med-party-list">
      {parties.map((party, index) => (
        <li key={index}>
          <span className="med-party-list__side">{t(`agreement.${party.side}`)}</span> {party.name}
          {party.headcount ? <span className="muted">{t('agreement.headcountSuffix', { count: party.headcount })}</span> : null}
          {party.idNumber ? <span className="mono med-masked"> {maskIdNumber(party.idNumber)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
