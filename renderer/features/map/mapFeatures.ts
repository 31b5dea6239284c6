/**
 * Documents → the GeoJSON the map draws. Features carry only what styling and filtering need,
 * so 100k components stay a small transfer to the map's worker; components and orders go as
 * point groups (pointGroups.ts) whose keys lead a click to the document for its card.
 */
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { labelPointOf } from '../../../core/geo';
import type { ComponentDoc, GridDoc, TicketDoc, TicketState } from '../../../core/schema';
import { isOpen, isOverdue } from '../../../core/workorders/orderClock';
import { groupPoints, type PointGroups } from './pointGroups';

export type MapGrid = Pick<GridDoc, 'code' | 'name' | 'level' | 'parentCode' | 'boundary'>;
export type MapComponent = Pick<ComponentDoc, 'code' | 'majorCode' | 'status' | 'location'>;
export type MapTicket = Pick<TicketDoc, 'number' | 'state' | 'location' | 'deadline'>;

export interface GridProps {
  code: string;
  name: string;
  level: number;
}
export interface ComponentProps {
  major: string;
  /** Damaged or missing: drawn with a warning ring. */
  alert: boolean;
}
export interface TicketProps {
  state: TicketState;
  overdue: boolean;
}

export function gridPolygons(grids: readonly MapGrid[]): FeatureCollection<Polygon, GridProps> {
  return {
    type: 'FeatureCollection',
    features: grids.map((g) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: g.boundary.coordinates as number[][][] },
      properties: { code: g.code, name: g.name, level: g.level },
    })),
  };
}

/**
 * One label point per grid, inside its polygon. A symbol layer on the polygons themselves
 * would repeat the name in every tile the grid crosses.
 */
export function gridLabels(grids: readonly MapGrid[]): FeatureCollection<Point, GridProps> {
  return {
    type: 'FeatureCollection',
    features: grids.map((g) => {
      const at = labelPointOf(g.boundary);
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [at.lng, at.lat] }, properties: { code: g.code, name: g.name, level: g.level } };
    }),
  };
}

/** Components on the street, one group per icon (category, and damaged or missing), keyed by code. */
export function componentPoints(components: readonly MapComponent[]): PointGroups<ComponentProps> {
  return groupPoints(components, (c) => {
    // Removed components stay in the register but are no longer on the street.
    if (c.status === 'removed') return null;
    const alert = c.status === 'damaged' || c.status === 'missing';
    return { at: c.location, key: c.code, style: `${c.majorCode}${alert ? '!' : ''}`, props: { major: c.majorCode, alert } };
  });
}

/** Open orders with a location, one group per state and overdue mark, keyed by order number. */
export function openTicketPoints(tickets: readonly MapTicket[], now: Date): PointGroups<TicketProps> {
  return groupPoints(tickets, (tk) => {
    if (!tk.location || !isOpen(tk.state)) return null;
    const overdue = isOverdue(tk, now);
    return { at: tk.location, key: tk.number, style: `${tk.state}${overdue ? '!' : ''}`, props: { state: tk.state, overdue } };
  });
}
