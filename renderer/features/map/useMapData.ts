/**
 * Everything the map and the registries draw, live from the station's database: all grids,
 * components and tickets of the station (its own slice, so hundreds to a few thousand each),
 * and staff names for the cards.
 */
import type { ComponentDoc, GridDoc, StaffDoc, TicketDoc } from '../../../core/schema';
import { useDatabase } from '../../data/session';
import { useAllDocs } from '../../data/useAllDocs';
import { useNames } from '../../data/names';

export interface MapData {
  /** undefined until the first query result. */
  grids: GridDoc[] | undefined;
  components: ComponentDoc[] | undefined;
  tickets: TicketDoc[] | undefined;
  staff: StaffDoc[] | undefined;
  staffNames: ReadonlyMap<string, string>;
}

export function useMapData(): MapData {
  const db = useDatabase();
  const grids = useAllDocs<GridDoc>(db.grids, 'code');
  const components = useAllDocs<ComponentDoc>(db.components, 'code');
  const tickets = useAllDocs<TicketDoc>(db.tickets, 'id');
  const staff = useAllDocs<StaffDoc>(db.staff, 'id');
  // Names come from the one name book, as on every other screen.
  const { staffNames } = useNames();
  return { grids, components, tickets, staff, staffNames };
}
