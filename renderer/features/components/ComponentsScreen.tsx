/**
 * 部件: the component list (部件清单) beside the map. Search by code or name, filter by category
 * and status; a row shows the component on the map, and "发起工单" turns it into a work order
 * draft with catalog item, grid and location filled in.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItemDoc, ComponentDoc, DepartmentDoc, ComponentMajorCode, ComponentStatus } from '../../../core/schema';
import { useActor, useDatabase } from '../../data/session';
import { EmptyState } from '../../ui/EmptyState';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import type { MapFocus } from '../map/GridMap';
import { LazyGridMap as GridMap } from '../map/LazyGridMap';
import { MapSplit } from '../map/MapSplit';
import { useAllDocs } from '../../data/useAllDocs';
import { useRecordFocus } from '../../app/useHashRoute';
import { useMapData } from '../map/useMapData';
import { ComponentFilters, ComponentTable } from './ComponentList';
import { WorkOrderDraftView } from './WorkOrderDraftView';
import { draftFromComponent, setWorkOrderDraft, useWorkOrderDraft } from './workOrderDraft';
import './components.css';

export function ComponentsScreen() {
  const { t } = useTranslation(['registry', 'app']);
  const db = useDatabase();
  const actor = useActor();
  const { grids, components, tickets, staffNames } = useMapData();
  const catalog = useAllDocs<CatalogItemDoc>(db.catalog, 'code');
  const departments = useAllDocs<DepartmentDoc>(db.departments, 'id');
  const [query, setQuery] = useState('');
  const [major, setMajor] = useState<ComponentMajorCode | ''>('');
  const [status, setStatus] = useState<ComponentStatus | ''>('');
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [draftOpen, setDraftOpen] = useState(false);
  const draft = useWorkOrderDraft();

  const matches = useMemo(() => {
    const q = query.trim();
    return (components ?? []).filter((c) => (!major || c.majorCode === major) && (!status || c.status === status) && (!q || c.code.includes(q) || c.name.includes(q)));
  }, [components, query, major, status]);

  const locate = (c: ComponentDoc) => {
    setSelected(c.code);
    setFocus({ lng: c.location.lng, lat: c.location.lat, zoom: 18, select: { kind: 'component', code: c.code } });
  };
  // Opened from 全局搜索 on one component: list it and show it on the map.
  useRecordFocus('components', components, (c) => c.code, (c) => {
    setQuery(c.code);
    setMajor('');
    setStatus('');
    locate(c);
  });
  const raiseOrder = (c: ComponentDoc) => {
    setWorkOrderDraft(draftFromComponent(c, { catalog: catalog ?? [], departments: departments ?? [], grids: grids ?? [] }));
    setDraftOpen(true);
  };

  const list = (
    <>
      <ComponentFilters query={query} major={major} status={status} onQuery={setQuery} onMajor={setMajor} onStatus={setStatus} />
      {components === undefined ? (
        <p className="loading" role="status">
          {t('common:loading')}
        </p>
      ) : matches.length === 0 ? (
        <p className="registry-empty" role="status">
          {t('components.noMatch')}
        </p>
      ) : (
        <ComponentTable key={`${query}|${major}|${status}`} matches={matches} selected={selected} onLocate={locate} onRaiseOrder={raiseOrder} />
      )}
    </>
  );

  return (
    <Screen title={t('app:nav.components')} purpose={t('app:purpose.components')} aside={<ListCount total={components?.length} />}>
      {components?.length === 0 && grids?.length === 0 ? (
        <EmptyState />
      ) : (
      <MapSplit
        list={list}
        map={
          grids ? (
            <GridMap
              grids={grids}
              components={components}
              tickets={tickets}
              staffNames={staffNames}
              focus={focus}
              onRaiseOrder={raiseOrder}
              onSelect={(s) => setSelected(s?.kind === 'component' ? s.code : null)}
              homeUnit={actor.unit}
            />
          ) : null
        }
      />
      )}
      {draft && draftOpen ? <WorkOrderDraftView draft={draft} onClose={() => setDraftOpen(false)} /> : null}
    </Screen>
  );
}
