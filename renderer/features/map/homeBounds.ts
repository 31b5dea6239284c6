/**
 * Where the map opens: on the signed-in unit's own grids. A village's copy also holds its town's
 * level-1 grid, and a town's its district's, so "all grids" would open a village on the whole
 * town with the village in a corner. The unit's grids are those whose code starts with its
 * code (grid codes extend their unit's code): a village's own grid and what lies under it, a
 * town's grid and its villages'.
 */
import { boundsOfAll, type BBox } from '../../../core/geo';
import type { GridDoc } from '../../../core/schema';

export function homeBoundsOf(grids: readonly Pick<GridDoc, 'code' | 'boundary'>[], unit: string | undefined): BBox | null {
  const own = unit ? grids.filter((grid) => grid.code.startsWith(unit)) : [];
  return boundsOfAll((own.length > 0 ? own : grids).map((grid) => grid.boundary));
}
