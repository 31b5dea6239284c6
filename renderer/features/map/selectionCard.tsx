/** The card for what is selected on the map, if that thing is (still) among the documents. */
import type { ReactElement } from 'react';
import type { ComponentDoc } from '../../../core/schema';
import { ComponentCard, GridCard, TicketCard, type MapSelection } from './MapCards';
import type { MapSources } from './useMapSources';

export interface SelectionCardOptions {
  staffNames?: ReadonlyMap<string, string>;
  onClose: () => void;
  onRaiseOrder?: (component: ComponentDoc) => void;
}

export function selectionCard(selection: MapSelection | null, sources: MapSources, { staffNames, onClose, onRaiseOrder }: SelectionCardOptions): ReactElement | null {
  const { gridByCode } = sources;
  if (selection?.kind === 'component') {
    const component = sources.componentByCode.get(selection.code);
    if (component) return <ComponentCard component={component} grid={gridByCode.get(component.gridCode)} onClose={onClose} onRaiseOrder={onRaiseOrder} />;
  } else if (selection?.kind === 'grid') {
    const grid = gridByCode.get(selection.code);
    if (grid) {
      // People by name, as everywhere else; a code only for someone not on this station's roster.
      const nameOf = (id: string) => staffNames?.get(id) ?? id;
      return <GridCard grid={grid} headName={grid.headStaffId ? nameOf(grid.headStaffId) : undefined} workerNames={(grid.workerStaffIds ?? []).map(nameOf)} onClose={onClose} />;
    }
  } else if (selection?.kind === 'ticket') {
    const ticket = sources.ticketByNumber.get(selection.number);
    if (ticket) return <TicketCard ticket={ticket} grid={gridByCode.get(ticket.gridCode)} onClose={onClose} now={sources.now} />;
  }
  return null;
}
