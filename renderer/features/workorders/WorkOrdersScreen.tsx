/** 工单: the station's work orders, newest first. Filing, dispatch and the rest come later. */
import { useTranslation } from 'react-i18next';
import type { TicketDoc, TicketState } from '../../../sync/schema';
import { useDatabase } from '../../data/session';
import { useLiveList } from '../../data/useLiveList';
import type { Column } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/formatDate';
import { ListBody } from '../../ui/ListBody';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import { Tag, type Tone } from '../../ui/Tag';

const STATE_TONE: Record<TicketState, Tone> = {
  pendingFiling: 'warn',
  pendingDispatch: 'warn',
  handling: 'info',
  pendingVerification: 'info',
  closed: 'ok',
  voided: 'muted',
  longStanding: 'danger',
};

export function WorkOrdersScreen() {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const { rows, total } = useLiveList(db.tickets, { selector: {}, sort: [{ reportedAt: 'desc' }] });
  const columns: Column<TicketDoc>[] = [
    { key: 'number', header: t('workorders.number'), cell: (r) => <span className="mono">{r.number}</span> },
    { key: 'description', header: t('workorders.description'), cell: (r) => r.description, grow: true },
    { key: 'source', header: t('workorders.source'), cell: (r) => t(`workorders.sources.${r.source}`) },
    { key: 'state', header: t('workorders.state'), cell: (r) => <Tag tone={STATE_TONE[r.state]}>{t(`workorders.states.${r.state}`)}</Tag> },
    { key: 'reportedAt', header: t('workorders.reportedAt'), cell: (r) => formatDateTime(r.reportedAt) },
    { key: 'deadline', header: t('workorders.deadline'), cell: (r) => formatDateTime(r.deadline) || t('list.notSet') },
  ];
  return (
    <Screen title={t('nav.workorders')} purpose={t('purpose.workorders')} aside={<ListCount total={total} />}>
      <ListBody rows={rows} total={total} columns={columns} rowKey={(r) => r.id} label={t('nav.workorders')} />
    </Screen>
  );
}
