/** The app's screens in navigation order; the hash is `#/<id>`, the folder `features/<id>/`. */
import type { ComponentType } from 'react';
import { WorkOrdersScreen } from '../features/workorders/WorkOrdersScreen';
import { MediationScreen } from '../features/mediation/MediationScreen';
import { GridsScreen } from '../features/grids/GridsScreen';
import { StaffScreen } from '../features/staff/StaffScreen';
import { ComponentsScreen } from '../features/components/ComponentsScreen';
import { StatsScreen } from '../features/stats/StatsScreen';
import { SyncScreen } from '../features/sync/SyncScreen';

export const ROUTE_IDS = ['workorders', 'mediation', 'grids', 'staff', 'components', 'stats', 'sync'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

export const SCREENS: Record<RouteId, ComponentType> = {
  workorders: WorkOrdersScreen,
  mediation: MediationScreen,
  grids: GridsScreen,
  staff: StaffScreen,
  components: ComponentsScreen,
  stats: StatsScreen,
  sync: SyncScreen,
};

export const DEFAULT_ROUTE: RouteId = 'workorders';

export function hrefOf(route: RouteId): string {
  return `#/${route}`;
}

/** `#/grids` → grids; anything unknown falls back to the work orders, the clerk's daily screen. */
export function routeOfHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTE_IDS as readonly string[]).includes(id) ? (id as RouteId) : DEFAULT_ROUTE;
}
