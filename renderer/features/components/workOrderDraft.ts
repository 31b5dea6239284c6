/**
 * A work order draft raised from a component: everything the component tells us filled in, for
 * the work-order form (a later feature) to complete, file and save. The draft lives only in the
 * renderer's memory until then; nothing is written to the database here.
 */
import { useSyncExternalStore } from 'react';
import { t } from '../../../core/i18n';
import { findGridAt, type GridShape } from '../../../core/geo';
import type { CatalogItemDoc, ComponentDoc, DepartmentDoc, GridDoc, TicketDoc } from '../../../core/schema';
import { catalogForComponent } from './catalogForComponent';

export interface WorkOrderDraft {
  source: TicketDoc['source'];
  componentCode: string;
  catalogItemCode?: string;
  catalogItemName?: string;
  departmentCode?: string;
  departmentName?: string;
  timeLimitHours?: number;
  gridCode: string;
  gridName?: string;
  location: { lng: number; lat: number };
  address?: string;
  description: string;
  priority: TicketDoc['priority'];
  createdAt: string;
}

/**
 * The grid is found from the component's location (so a component whose stored grid code is
 * stale still lands in the grid it stands in); the stored code is the fallback when this
 * station has no boundary covering the point.
 */
export function draftFromComponent(component: ComponentDoc, context: { catalog: readonly CatalogItemDoc[]; departments?: readonly Pick<DepartmentDoc, 'code' | 'name'>[]; grids: readonly (GridShape & Pick<GridDoc, 'name'>)[]; now?: Date }): WorkOrderDraft {
  const item = catalogForComponent(component, context.catalog);
  const located = findGridAt(component.location, context.grids);
  const department = item ? context.departments?.find((d) => d.code === item.departmentCode) : undefined;
  const grid = located.ok ? located.grid : context.grids.find((g) => g.code === component.gridCode);
  return {
    source: 'patrol',
    componentCode: component.code,
    ...(item ? { catalogItemCode: item.code, catalogItemName: item.name, departmentCode: item.departmentCode, ...(department ? { departmentName: department.name } : {}), timeLimitHours: item.timeLimitHours } : {}),
    gridCode: grid?.code ?? component.gridCode,
    ...(grid ? { gridName: grid.name } : {}),
    location: { ...component.location },
    ...(component.address ? { address: component.address } : {}),
    description: t('registry:draft.descriptionFromComponent', {
      name: component.name,
      code: component.code,
      status: t(`app:components.statuses.${component.status}`),
    }),
    priority: component.status === 'missing' ? 'urgent' : 'normal',
    createdAt: (context.now ?? new Date()).toISOString(),
  };
}

// The one open draft of this window: a tiny external store so any screen can read it.
let current: WorkOrderDraft | null = null;
const listeners = new Set<() => void>();

export function setWorkOrderDraft(draft: WorkOrderDraft | null): void {
  current = draft;
  for (const listener of listeners) listener();
}

export function useWorkOrderDraft(): WorkOrderDraft | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
