/** 工单: the inbox, intake, one order's detail, or the map of open orders (by the hash). */
import { useEffect } from 'react';
import { startMaterializer } from '../../../sync/workorders/materializer';
import { Inbox } from './Inbox';
import { IntakeForm } from './IntakeForm';
import { OrderDetail } from './OrderDetail';
import { OrdersMap } from './OrdersMap';
import { useWorkorderHash, viewOfHash } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import './workorders.css';

export function WorkOrdersScreen() {
  const view = viewOfHash(useWorkorderHash());
  const session = useWorkorderSession();
  // Events other units add to orders this station holds (a town's 督办) are folded into them.
  useEffect(() => startMaterializer(session.store, session.actor.unit, session.actor.name), [session]);
  switch (view.view) {
    case 'new':
      return <IntakeForm />;
    case 'map':
      return <OrdersMap />;
    case 'order':
      return <OrderDetail key={view.id} id={view.id} />;
    default:
      return <Inbox />;
  }
}
