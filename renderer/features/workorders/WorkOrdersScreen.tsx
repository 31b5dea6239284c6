/** 工单: the inbox, intake, one order's detail, or the map of open orders (by the hash). */
import { lazy, Suspense, useEffect } from 'react';
import { startMaterializer } from '../../../sync/workorders/materializer';
import { Inbox } from './Inbox';
import { useWorkorderHash, viewOfHash } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import './workorders.css';

// The inbox is what a station opens on; the other views pull in the map (MapLibre) and the
// pinyin dictionary, so they load on first use rather than before the first list.
const IntakeForm = lazy(() => import('./IntakeForm').then((m) => ({ default: m.IntakeForm })));
const OrderDetail = lazy(() => import('./OrderDetail').then((m) => ({ default: m.OrderDetail })));
const OrdersMap = lazy(() => import('./OrdersMap').then((m) => ({ default: m.OrdersMap })));

function View() {
  const view = viewOfHash(useWorkorderHash());
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

export function WorkOrdersScreen() {
  const session = useWorkorderSession();
  // Events other units add to orders this station holds (a town's 督办) are folded into them.
  useEffect(() => startMaterializer(session.store, session.actor.unit, session.actor.name), [session]);
  return (
    <Suspense fallback={<p className="loading" role="status">…</p>}>
      <View />
    </Suspense>
  );
}
