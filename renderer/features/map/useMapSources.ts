/**
 * What GridMap draws and looks up, derived from its props: one GeoJSON collection per map
 * source (components and orders as point groups), the grid locator, and the documents by the
 * key a click on the map gives.
 */
import { useMemo } from 'react';
import { GridLocator } from '../../../core/geo';
import type { ComponentDoc, GridDoc, TicketDoc } from '../../../core/schema';
import { componentPoints, gridLabels, gridPolygons, openTicketPoints, type ComponentProps, type TicketProps } from './mapFeatures';
import type { StyleData } from './offlineStyle';
import type { PointGroups } from './pointGroups';

/** Documents by the key a click on the map gives. */
export interface Lookup<T> {
  get(key: string): T | undefined;
}

/** The clickable points the map draws, with the document key of each. */
export interface MapPoints {
  components: PointGroups<ComponentProps>;
  tickets: PointGroups<TicketProps>;
}

export interface MapSources {
  /** "Now" for the overdue mark. */
  now: Date;
  locator: GridLocator<GridDoc>;
  gridByCode: Lookup<GridDoc>;
  componentByCode: Lookup<ComponentDoc>;
  ticketByNumber: Lookup<TicketDoc>;
  points: MapPoints;
  data: StyleData;
}

/**
 * Indexed on the first look-up (a click), not before the map's first frame: keying 100k
 * components and 100k orders took ~100 ms of the main thread the map was waiting for.
 */
function lazyIndex<T>(items: readonly T[], key: (item: T) => string): Lookup<T> {
  let index: Map<string, T> | undefined;
  return {
    get(wanted) {
      if (!index) {
        index = new Map();
        for (const item of items) index.set(key(item), item);
      }
      return index.get(wanted);
    },
  };
}

export function useMapSources(grids: readonly GridDoc[], components: readonly ComponentDoc[], tickets: readonly TicketDoc[], now: Date | undefined): MapSources {
  const nowValue = useMemo(() => now ?? new Date(), [now]);
  const locator = useMemo(() => new GridLocator(grids), [grids]);
  const gridByCode = useMemo(() => lazyIndex(grids, (g) => g.code), [grids]);
  const componentByCode = useMemo(() => lazyIndex(components, (c) => c.code), [components]);
  const ticketByNumber = useMemo(() => lazyIndex(tickets, (tk) => tk.number), [tickets]);
  // One memo per source, so new tickets do not resend 100k components to the map's worker.
  const gridData = useMemo(() => gridPolygons(grids), [grids]);
  const labelData = useMemo(() => gridLabels(grids), [grids]);
  const componentGroups = useMemo(() => componentPoints(components), [components]);
  const ticketGroups = useMemo(() => openTicketPoints(tickets, nowValue), [tickets, nowValue]);
  const points = useMemo<MapPoints>(() => ({ components: componentGroups, tickets: ticketGroups }), [componentGroups, ticketGroups]);
  const data = useMemo<StyleData>(
    () => ({ grids: gridData, gridLabels: labelData, components: componentGroups.collection, tickets: ticketGroups.collection }),
    [gridData, labelData, componentGroups, ticketGroups],
  );
  return { now: nowValue, locator, gridByCode, componentByCode, ticketByNumber, points, data };
}
