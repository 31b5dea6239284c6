/**
 * What GridMap draws and looks up, derived from its props: one GeoJSON collection per map
 * source, the grid locator, and the documents by the key a click on the map gives.
 */
import { useMemo } from 'react';
import { GridLocator } from '../../../core/geo';
import type { ComponentDoc, GridDoc, TicketDoc } from '../../../core/schema';
import { componentPoints, gridLabels, gridPolygons, openTicketPoints } from './mapFeatures';
import type { StyleData } from './offlineStyle';

export interface MapSources {
  /** "Now" for the overdue mark. */
  now: Date;
  locator: GridLocator<GridDoc>;
  gridByCode: ReadonlyMap<string, GridDoc>;
  componentByCode: ReadonlyMap<string, ComponentDoc>;
  ticketByNumber: ReadonlyMap<string, TicketDoc>;
  data: StyleData;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return map;
}

export function useMapSources(grids: readonly GridDoc[], components: readonly ComponentDoc[], tickets: readonly TicketDoc[], now: Date | undefined): MapSources {
  const nowValue = useMemo(() => now ?? new Date(), [now]);
  const locator = useMemo(() => new GridLocator(grids), [grids]);
  const gridByCode = useMemo(() => byKey(grids, (g) => g.code), [grids]);
  const componentByCode = useMemo(() => byKey(components, (c) => c.code), [components]);
  const ticketByNumber = useMemo(() => byKey(tickets, (tk) => tk.number), [tickets]);
  // One memo per source, so new tickets do not resend 100k components to the map's worker.
  const gridData = useMemo(() => gridPolygons(grids), [grids]);
  const labelData = useMemo(() => gridLabels(grids), [grids]);
  const componentData = useMemo(() => componentPoints(components), [components]);
  const ticketData = useMemo(() => openTicketPoints(tickets, nowValue), [tickets, nowValue]);
  const data = useMemo<StyleData>(
    () => ({ grids: gridData, gridLabels: labelData, components: componentData, tickets: ticketData }),
    [gridData, labelData, componentData, ticketData],
  );
  return { now: nowValue, locator, gridByCode, componentByCode, ticketByNumber, data };
}
