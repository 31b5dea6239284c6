/**
 * The app's screens in navigation order; the hash is `#/<id>`, the folder `features/<id>/`. The
 * screens themselves are handed to the shell by the entry (renderer/screens.ts): the shell knows
 * their names, not their code.
 */
import type { ComponentType } from 'react';

export const ROUTE_IDS = ['workorders', 'mediation', 'grids', 'staff', 'components', 'stats', 'sync'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];
export type Screens = Record<RouteId, ComponentType>;
/** A count a screen shows beside its name in the side menu (e.g. new escalations); renders nothing when there is none. */
export type NavBadges = Partial<Record<RouteId, ComponentType>>;

export const DEFAULT_ROUTE: RouteId = 'workorders';

export function hrefOf(route: RouteId): string {
  return `#/${route}`;
}

/** `#/grids` → grids; anything unknown falls back to the work orders, the clerk's daily screen. */
export function routeOfHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTE_IDS as readonly string[]).includes(id) ? (id as RouteId) : DEFAULT_ROUTE;
}

/**
 * The record a screen was opened on (`#/staff/<staff id>`, `#/grids/<code>`): what 全局搜索
 * links to on screens without pages of their own. Null when the hash names none.
 */
export function recordKeyOf(hash: string, route: RouteId): string | null {
  const parts = hash.replace(/^#\/?/, '').split('/');
  return parts[0] === route && parts[1] ? decodeURIComponent(parts[1]) : null;
}
