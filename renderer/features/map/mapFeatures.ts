/**
 * Documents → the GeoJSON the map draws. Features carry only what styling, filtering and the
 * click → card lookup need (the code), so 100k components stay a small transfer to the
 * map's worker; the card reads the full document by code.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { labelPointOf } from '../../../core/geo';
import type { ComponentDoc, GridDoc, TicketDoc, TicketState } from '../../../core/schema';
import { isOpen, isOverdue } from '../../../core/workorders/orderClock';

export type MapGrid = Pick<GridDoc, 'code' | 'name' | 'level' | 'parentCode' | 'boundary'>;
export type MapComponent = Pick<ComponentDoc, 'code' | 'majorCode' | 'minorCode' | 'status' | 'location'>;
export type MapTicket = Pick<TicketDoc, 'number' | 'state' | 'location' | 'deadline'>;

export interface GridProps {
  code: string;
  name: string;
  level: number;
}
export interface ComponentProps {
  code: string;
  major: string;
  minor: string;
  /** Damaged or missing: drawn with a warning ring. */
  alert: boolean;
}
export interface TicketProps {
  number: string;
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

export function componentPoints(components: readonly MapComponent[]): FeatureCollection<Point, ComponentProps> {
  const features: Feature<Point, ComponentProps>[] = [];
  for (const c of components) {
    // Removed components stay in the register but are no longer on the street.
    if (c.status === 'removed') continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.location.lng, c.location.lat] },
      properties: { code: c.code, major: c.majorCode, minor: c.minorCode, alert: c.status === 'damaged' || c.status === 'missing' },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function openTicketPoints(tickets: readonly MapTicket[], now: Date): FeatureCollection<Point, TicketProps> {
  const features: Feature<Point, TicketProps>[] = [];
  for (const tk of tickets) {
    if (!tk.location || !isOpen(tk.state)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [tk.location.lng, tk.location.lat] },
      properties: { number: tk.number, state: tk.state, overdue: isOverdue(tk, now) },
    });
  }
  return { type: 'FeatureCollection', features };
}
