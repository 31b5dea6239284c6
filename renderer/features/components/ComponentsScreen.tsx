/** 部件: the component list (部件清单) of the station's grids, in code order. */
import { useTranslation } from 'react-i18next';
import { COMPONENT_MAJOR_CATEGORIES, type ComponentDoc, type ComponentStatus } from '../../../sync/schema';
import { useDatabase } from '../../data/session';
import { useLiveList } from '../../data/useLiveList';
import type { Column } from '../../ui/DataTable';
import { ListBody } from '../../ui/ListBody';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import { Tag, type Tone } from '../../ui/Tag';

const STATUS_TONE: Record<ComponentStatus, Tone> = {
  intact: 'ok',
  damaged: 'warn',
  missing: 'danger',
  abandoned: 'muted',
  removed: 'muted',
};

export function ComponentsScreen() {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const { rows, total } = useLiveList(db.components, { selector: {}, sort: [{ code: 'asc' }] });
  const columns: Column<ComponentDoc>[] = [
    { key: 'code', header: t('components.code'), cell: (r) => <span className="mono">{r.code}</span> },
    { key: 'name', header: t('components.name'), cell: (r) => r.name },
    { key: 'category', header: t('components.category'), cell: (r) => `${COMPONENT_MAJOR_CATEGORIES[r.majorCode]} · ${r.minorName}` },
    { key: 'status', header: t('components.status'), cell: (r) => <Tag tone={STATUS_TONE[r.status]}>{t(`components.statuses.${r.status}`)}</Tag> },
    { key: 'department', header: t('components.department'), cell: (r) => r.responsibleDepartment },
    { key: 'address', header: t('components.address'), cell: (r) => r.address ?? t('list.notSet'), grow: true },
  ];
  return (
    <Screen title={t('nav.components')} purpose={t('purpose.components')} aside={<ListCount total={total} />}>
      <ListBody rows={rows} total={total} columns={columns} rowKey={(r) => r.id} label={t('nav.components')} />
    </Screen>
  );
}
