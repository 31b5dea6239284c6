/** Open orders on the station's map (the shared map component): clicking an order opens it. */
import { useTranslation } from 'react-i18next';
import type { TicketDoc } from '../../../core/schema';
import { Screen } from '../../ui/Screen';
import { GridMap, type MapSelection } from '../map/GridMap';
import { useMapData } from '../map/useMapData';
import { go, hrefOfView } from './useSubRoute';
import { useActor } from '../../data/session';

export function OrdersMap() {
  const { t } = useTranslation(['workorders', 'app']);
  const { grids, tickets, staffNames } = useMapData();
  const actor = useActor();
  const open = (selection: MapSelection | null, all: readonly TicketDoc[]) => {
    if (selection?.kind !== 'ticket') return;
    const ticket = all.find((tk) => tk.number === selection.number);
    if (ticket) go({ view: 'order', id: ticket.id });
  };
  return (
    <Screen title={t('workorders:map.title')} purpose={t('app:purpose.workorders')} aside={<a className="wo-button" href={hrefOfView({ view: 'inbox' })}>← {t('workorders:detail.back')}</a>}>
      <div className="wo-map panel">
        {grids && tickets ? <GridMap grids={grids} tickets={tickets} staffNames={staffNames} onSelect={(s) => open(s, tickets)} homeUnit={actor.unit} /> : <p className="loading">…</p>}
      </div>
    </Screen>
  );
}
