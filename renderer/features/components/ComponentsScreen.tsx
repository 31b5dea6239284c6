/**
 * 部件: the component list (部件清单) beside the map. Search by code or name, filter by category
 * and status; a row shows the component on the map, and "发起工单" turns it into a work order
 * draft with catalog item, grid and location filled in.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPONENT_MAJOR_CATEGORIES, COMPONENT_STATUSES, type CatalogItemDoc, type ComponentDoc, type DepartmentDoc, type ComponentMajorCode, type ComponentStatus } from '../../../core/schema';
import { useActor, useDatabase } from '../../data/session';
import { EmptyState } from '../../ui/EmptyState';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import { Tag, type Tone } from '../../ui/Tag';
import type { MapFocus } from '../map/GridMap';
import { LazyGridMap as GridMap } from '../map/LazyGridMap';
import { MapSplit } from '../map/MapSplit';
import { useAllDocs } from '../../data/useAllDocs';
import { useMapData } from '../map/useMapData';
import { WorkOrderDraftView } from './WorkOrderDraftView';
import { draftFromComponent, setWorkOrderDraft, useWorkOrderDraft } from './workOrderDraft';
import './components.css';

const STATUS_TONE: Record<ComponentStatus, Tone> = { intact: 'ok', damaged: 'warn', missing: 'danger', abandoned: 'muted', removed: 'muted' };
const SHOWN = 200;
const MAJORS = Object.keys(COMPONENT_MAJOR_CATEGORIES) as ComponentMajorCode[];

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
  const raiseOrder = (c: ComponentDoc) => {
    setWorkOrderDraft(draftFromComponent(c, { catalog: catalog ?? [], departments: departments ?? [], grids: grids ?? [] }));
    setDraftOpen(true);
  };

  const list = (
    <>
      <div className="registry-filters" role="search" aria-label={t('components.search')}>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('components.searchPlaceholder')} aria-label={t('components.search')} />
        <select value={major} onChange={(e) => setMajor(e.target.value as ComponentMajorCode | '')} aria-label={t('components.category')}>
          <option value="">{t('components.allCategories')}</option>
          {MAJORS.map((m) => (
            <option key={m} value={m}>
              {COMPONENT_MAJOR_CATEGORIES[m]}
            </option>
          ))}
        </select>
        <select value={status} onChange={(e) => setStatus(e.target.value as ComponentStatus | '')} aria-label={t('components.status')}>
          <option value="">{t('components.allStatuses')}</option>
          {COMPONENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`app:components.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {components === undefined ? (
        <p className="loading" role="status">
          {t('common:loading')}
        </p>
      ) : matches.length === 0 ? (
        <p className="registry-empty" role="status">
          {t('components.noMatch')}
        </p>
      ) : (
        <>
          <p className="registry-count">{matches.length > SHOWN ? t('components.showingFirst', { count: matches.length, shown: SHOWN }) : t('components.matches', { count: matches.length })}</p>
          <table className="registry-table" aria-label={t('app:nav.components')}>
            <thead>
              <tr>
                <th scope="col">{t('app:components.code')}</th>
                <th scope="col">{t('app:components.name')}</th>
                <th scope="col">{t('app:components.status')}</th>
                <th scope="col">{t('components.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {matches.slice(0, SHOWN).map((c) => (
                <tr key={c.code} className={c.code === selected ? 'is-selected' : undefined} onClick={() => locate(c)} data-code={c.code}>
                  <td className="mono">{c.code}</td>
                  <td>
                    {c.name}
                    <div className="muted">{`${COMPONENT_MAJOR_CATEGORIES[c.majorCode]} · ${c.minorName}`}</div>
                  </td>
                  <td>
                    <Tag tone={STATUS_TONE[c.status]}>{t(`app:components.statuses.${c.status}`)}</Tag>
                  </td>
                  <td>
                    <div className="registry-actions">
                      <button type="button" onClick={(e) => (e.stopPropagation(), locate(c))}>
                        {t('components.locate')}
                      </button>
                      <button type="button" className="primary" onClick={(e) => (e.stopPropagation(), raiseOrder(c))}>
                        {t('components.raiseOrder')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
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
