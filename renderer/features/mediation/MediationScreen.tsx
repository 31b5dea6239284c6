/** 调解: the station's mediation cases, latest accepted first. Case handling comes later. */
import { useTranslation } from 'react-i18next';
import type { CaseState, MediationCaseDoc } from '../../../sync/schema';
import { useDatabase } from '../../data/session';
import { useLiveList } from '../../data/useLiveList';
import type { Column } from '../../ui/DataTable';
import { formatDate } from '../../ui/formatDate';
import { ListBody } from '../../ui/ListBody';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import { Tag, type Tone } from '../../ui/Tag';

const STATE_TONE: Record<CaseState, Tone> = {
  registered: 'warn',
  mediating: 'info',
  agreed: 'ok',
  failed: 'danger',
  terminated: 'muted',
  referred: 'muted',
  escalated: 'info',
  archived: 'muted',
};

export function MediationScreen() {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const { rows, total } = useLiveList(db.cases, { selector: {}, sort: [{ acceptedAt: 'desc' }] });
  const columns: Column<MediationCaseDoc>[] = [
    { key: 'number', header: t('mediation.number'), cell: (r) => <span className="mono">{r.number}</span> },
    { key: 'disputeType', header: t('mediation.disputeType'), cell: (r) => r.disputeType },
    { key: 'summary', header: t('mediation.summary'), cell: (r) => r.summary, grow: true },
    { key: 'source', header: t('mediation.source'), cell: (r) => t(`mediation.sources.${r.source}`) },
    { key: 'state', header: t('mediation.state'), cell: (r) => <Tag tone={STATE_TONE[r.state]}>{t(`mediation.states.${r.state}`)}</Tag> },
    { key: 'acceptedAt', header: t('mediation.acceptedAt'), cell: (r) => formatDate(r.acceptedAt) },
  ];
  return (
    <Screen title={t('nav.mediation')} purpose={t('purpose.mediation')} aside={<ListCount total={total} />}>
      <ListBody rows={rows} total={total} columns={columns} rowKey={(r) => r.id} label={t('nav.mediation')} />
    </Screen>
  );
}
