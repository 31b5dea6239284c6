/** 网格: the station's grids of every level, in code order (parents before their children). */
import { useTranslation } from 'react-i18next';
import type { GridDoc } from '../../../sync/schema';
import { useDatabase } from '../../data/session';
import { useLiveList } from '../../data/useLiveList';
import type { Column } from '../../ui/DataTable';
import { ListBody } from '../../ui/ListBody';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';

const number = new Intl.NumberFormat('zh-CN');

export function GridsScreen() {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const { rows, total } = useLiveList(db.grids, { selector: {}, sort: [{ code: 'asc' }] });
  const columns: Column<GridDoc>[] = [
    { key: 'code', header: t('grids.code'), cell: (r) => <span className="mono">{r.code}</span> },
    { key: 'name', header: t('grids.name'), cell: (r) => <span className={`grid-name grid-name--l${r.level}`}>{r.name}</span>, grow: true },
    { key: 'level', header: t('grids.level'), cell: (r) => t('grids.levelValue', { level: r.level }) },
    { key: 'population', header: t('grids.population'), cell: (r) => (r.population === undefined ? t('list.notSet') : number.format(r.population)), align: 'end' },
    { key: 'households', header: t('grids.households'), cell: (r) => (r.households === undefined ? t('list.notSet') : number.format(r.households)), align: 'end' },
  ];
  return (
    <Screen title={t('nav.grids')} purpose={t('purpose.grids')} aside={<ListCount total={total} />}>
      <ListBody rows={rows} total={total} columns={columns} rowKey={(r) => r.id} label={t('nav.grids')} />
    </Screen>
  );
}
