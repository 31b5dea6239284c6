/** 人员: everyone on the station's roster with their duties (one person often holds several). */
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../sync/schema';
import { useDatabase } from '../../data/session';
import { useLiveList } from '../../data/useLiveList';
import type { Column } from '../../ui/DataTable';
import { ListBody } from '../../ui/ListBody';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import { Tag } from '../../ui/Tag';

export function StaffScreen() {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const { rows, total } = useLiveList(db.staff, { selector: {}, sort: [{ id: 'asc' }] });
  const columns: Column<StaffDoc>[] = [
    { key: 'name', header: t('staff.name'), cell: (r) => <strong className="person">{r.name}</strong> },
    { key: 'roles', header: t('staff.roles'), cell: (r) => r.roles.map((role) => t(`staff.roleNames.${role}`)).join('、'), grow: true },
    { key: 'phone', header: t('staff.phone'), cell: (r) => <span className="mono">{r.phone}</span> },
    { key: 'grids', header: t('staff.grids'), cell: (r) => (r.gridCodes.length ? t('staff.gridCount', { count: r.gridCodes.length }) : t('list.notSet')), align: 'end' },
    { key: 'duty', header: t('staff.duty'), cell: (r) => (r.onDuty ? <Tag tone="ok">{t('staff.onDuty')}</Tag> : <Tag tone="muted">{t('staff.offDuty')}</Tag>) },
  ];
  return (
    <Screen title={t('nav.staff')} purpose={t('purpose.staff')} aside={<ListCount total={total} />}>
      <ListBody rows={rows} total={total} columns={columns} rowKey={(r) => r.id} label={t('nav.staff')} />
    </Screen>
  );
}
