/** 工单: the inbox, intake, one order's detail, or the map of open orders (by the hash). */
import { lazy, Suspense } from 'react';
import { Inbox } from './Inbox';
import { pickedOrders } from './pickedOrders';
import { useWorkorderHash, viewOfHash } from './useSubRoute';
import './workorders.css';

// The inbox is what a station opens on; the other views pull in the map (MapLibre) and the
// pinyin dictionary, so they load on first use rather than before the first list.
const IntakeForm = lazy(() => import('./IntakeForm').then((m) => ({ default: m.IntakeForm })));
const OrderDetail = lazy(() => import('./OrderDetail').then((m) => ({ default: m.OrderDetail })));
const DispatchSlip = lazy(() => import('./DispatchSlip').then((m) => ({ default: m.DispatchSlip })));
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
    case 'slip':
      return <DispatchSlip key={view.id} id={view.id} />;
    case 'picked':
      return <Inbox key={view.token} picked={pickedOrders(view.token) ?? { label: '', ids: [] }} />;
    default:
      return <Inbox />;
  }
}

export function WorkOrdersScreen() {
  return (
    <Suspense fallback={<p className="loading" role="status">…</p>}>
      <View />
    </Suspense>
  );
}
