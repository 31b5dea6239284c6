/**
 * 网格: the grid tree (levels 1–4) beside the map, and the chosen grid's particulars — people,
 * staff, boundary history and its work-order figures. Boundaries are the district's: read-only.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boundsOf, labelPointOf } from '../../../core/geo';
import type { GridDoc } from '../../../core/schema';
import { EmptyState } from '../../ui/EmptyState';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import type { MapFocus, MapSelection } from '../map/GridMap';
import { LazyGridMap as GridMap } from '../map/LazyGridMap';
import { MapSplit } from '../map/MapSplit';
import { useMapData } from '../map/useMapData';
import { GridDetail } from './GridDetail';
import { GridTree } from './GridTree';
import { statsByGrid, statsOf } from './gridStats';
import './grids.css';
import { useActor } from '../../data/session';
import { useRecordFocus } from '../../app/useHashRoute';

/** The codes of a grid's ancestors: its code's 9-, 12- and 15-digit prefixes. */
function ancestorsOf(code: string): string[] {
  return [9, 12, 15].filter((n) => n < code.length).map((n) => code.slice(0, n));
}

export function GridsScreen() {
  const { t } = useTranslation(['registry', 'app', 'common']);
  const { grids, components, tickets, staff, staffNames } = useMapData();
  const actor = useActor();
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string> | null>(null);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const [now] = useState(() => new Date());

  const stats = useMemo(() => statsByGrid(tickets ?? [], now), [tickets, now]);
  const staffById = useMemo(() => new Map((staff ?? []).map((s) => [s.staffId, s])), [staff]);
  const gridByCode = useMemo(() => new Map((grids ?? []).map((g) => [g.code, g])), [grids]);
  // Until the clerk opens or closes a branch, towns and villages start open.
  const openBranches = useMemo(() => expanded ?? new Set((grids ?? []).filter((g) => g.level <= 2).map((g) => g.code)), [expanded, grids]);

  const reveal = (code: string) => setExpanded(new Set([...openBranches, ...ancestorsOf(code)]));
  const chooseInTree = (grid: GridDoc) => {
    setSelected(grid.code);
    const at = labelPointOf(grid.boundary);
    setFocus({ ...at, bounds: boundsOf(grid.boundary) });
  };
  const chooseOnMap = (selection: MapSelection | null) => {
    if (selection?.kind !== 'grid') return;
    setSelected(selection.code);
    reveal(selection.code);
  };
  const toggle = (code: string) => {
    const next = new Set(openBranches);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setExpanded(next);
  };

  // Opened from 全局搜索 on one grid: choose it in the tree and on the map.
  useRecordFocus('grids', grids, (g) => g.code, (g) => {
    chooseInTree(g);
    reveal(g.code);
  });

  const grid = selected ? gridByCode.get(selected) : undefined;
  const left =
    grids === undefined ? (
      <p className="loading" role="status">
        {t('common:loading')}
      </p>
    ) : (
      <div className="grids-left">
        <div className="grids-left__tree">
          <GridTree grids={grids} stats={stats} selected={selected} expanded={openBranches} onSelect={chooseInTree} onToggle={toggle} />
        </div>
        <div className="grids-left__detail">
          {grid ? <GridDetail grid={grid} staffById={staffById} stats={statsOf(stats, grid.code)} /> : <p className="muted">{t('grids.pickHint')}</p>}
        </div>
      </div>
    );

  return (
    <Screen title={t('app:nav.grids')} purpose={t('app:purpose.grids')} aside={<ListCount total={grids?.length} />}>
      {grids?.length === 0 ? (
        <EmptyState />
      ) : (
        <MapSplit list={left} map={grids ? <GridMap grids={grids} components={components} tickets={tickets} staffNames={staffNames} focus={focus} onSelect={chooseOnMap} homeUnit={actor.unit} /> : null} />
      )}
    </Screen>
  );
}
