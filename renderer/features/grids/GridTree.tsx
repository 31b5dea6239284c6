/** The grid tree (levels 1–4) of the station, expandable, with each grid's open orders. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridDoc } from '../../../core/schema';
import { statsOf, type GridStats } from './gridStats';

export interface GridTreeProps {
  grids: readonly GridDoc[];
  stats: ReadonlyMap<string, GridStats>;
  selected: string | null;
  expanded: ReadonlySet<string>;
  onSelect: (grid: GridDoc) => void;
  onToggle: (code: string) => void;
}

/** Children by parent code, sorted by code; roots are grids whose parent this station lacks. */
export function useGridChildren(grids: readonly GridDoc[]): { roots: GridDoc[]; children: Map<string, GridDoc[]> } {
  return useMemo(() => {
    const codes = new Set(grids.map((g) => g.code));
    const children = new Map<string, GridDoc[]>();
    const roots: GridDoc[] = [];
    for (const grid of [...grids].sort((a, b) => a.code.localeCompare(b.code))) {
      if (grid.parentCode && codes.has(grid.parentCode)) children.set(grid.parentCode, [...(children.get(grid.parentCode) ?? []), grid]);
      else roots.push(grid);
    }
    return { roots, children };
  }, [grids]);
}

export function GridTree({ grids, stats, selected, expanded, onSelect, onToggle }: GridTreeProps) {
  const { t } = useTranslation('registry');
  const { roots, children } = useGridChildren(grids);

  const node = (grid: GridDoc) => {
    const kids = children.get(grid.code) ?? [];
    const open = expanded.has(grid.code);
    const s = statsOf(stats, grid.code);
    return (
      <li key={grid.code} role="treeitem" aria-expanded={kids.length ? open : undefined} aria-selected={grid.code === selected} data-code={grid.code}>
        <div className={`grid-tree__row${grid.code === selected ? ' is-selected' : ''}`}>
          {kids.length ? (
            <button type="button" className="grid-tree__toggle" onClick={() => onToggle(grid.code)} aria-label={open ? t('grids.collapse') : t('grids.expand')}>
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="grid-tree__toggle" />
          )}
          <button type="button" className="grid-tree__name" onClick={() => onSelect(grid)}>
            {grid.name}
          </button>
          <span className="grid-tree__code mono">{grid.code}</span>
          {s.open > 0 ? <span className={`grid-tree__badge${s.overdue > 0 ? ' is-overdue' : ''}`} title={`${t('grids.openOrders')} ${s.open}`}>{s.open}</span> : null}
        </div>
        {kids.length && open ? <ul role="group">{kids.map(node)}</ul> : null}
      </li>
    );
  };

  return (
    <ul className="grid-tree" role="tree" aria-label={t('grids.tree')}>
      {roots.map(node)}
    </ul>
  );
}
