/**
 * The map style, built in code: no style URL, no sprite, no tiles and no `glyphs` URL, so the
 * map draws with no network at all. With no glyphs URL MapLibre draws every character (Chinese
 * names, digits of cluster counts) locally with the fonts below through the browser's canvas.
 */
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { iconName } from './mapIcons';
import { BACKGROUND, CLUSTER_COLOR, GRID_LEVEL_STYLE, TICKET_STATE_COLORS, ALERT_COLOR } from './mapPalette';
import { COMPONENT_MAJOR_CATEGORIES, TICKET_STATES } from '../../../core/schema';

/** CJK fonts found on Windows, UOS/Kylin and most Linux desktops, then whatever sans-serif is. */
export const FONT_STACK = ['Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'sans-serif'];
export const LOCAL_IDEOGRAPH_FONT_FAMILY = FONT_STACK.map((f) => (f.includes(' ') ? `"${f}"` : f)).join(', ');

export const SOURCES = { grids: 'grids', gridLabels: 'grid-labels', components: 'components', tickets: 'tickets' } as const;
export const GRID_LEVELS = [1, 2, 3, 4] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export const LAYERS = {
  gridFill: (level: GridLevel) => `grid-fill-${level}`,
  gridLine: (level: GridLevel) => `grid-line-${level}`,
  gridLabel: (level: GridLevel) => `grid-label-${level}`,
  componentClusters: 'component-clusters',
  componentClusterCount: 'component-cluster-count',
  componentPoints: 'component-points',
  ticketClusters: 'ticket-clusters',
  ticketClusterCount: 'ticket-cluster-count',
  ticketPoints: 'ticket-points',
} as const;

/** The switchable layer groups and the style layers each one shows or hides. */
export type LayerGroup = `grid${GridLevel}` | 'components' | 'tickets';
export const LAYER_GROUPS: Record<LayerGroup, string[]> = {
  grid1: [LAYERS.gridFill(1), LAYERS.gridLine(1), LAYERS.gridLabel(1)],
  grid2: [LAYERS.gridFill(2), LAYERS.gridLine(2), LAYERS.gridLabel(2)],
  grid3: [LAYERS.gridFill(3), LAYERS.gridLine(3), LAYERS.gridLabel(3)],
  grid4: [LAYERS.gridFill(4), LAYERS.gridLine(4), LAYERS.gridLabel(4)],
  components: [LAYERS.componentClusters, LAYERS.componentClusterCount, LAYERS.componentPoints],
  tickets: [LAYERS.ticketClusters, LAYERS.ticketClusterCount, LAYERS.ticketPoints],
};

/** Components stop clustering at this zoom: every lamp and cover is its own icon from here. */
export const COMPONENT_CLUSTER_MAX_ZOOM = 16;

export interface StyleData {
  grids: FeatureCollection;
  gridLabels: FeatureCollection;
  components: FeatureCollection;
  tickets: FeatureCollection;
}

const levelIs = (level: GridLevel): ExpressionSpecification => ['==', ['get', 'level'], level];

function gridFillLayer(level: GridLevel): LayerSpecification {
  return { id: LAYERS.gridFill(level), type: 'fill', source: SOURCES.grids, filter: levelIs(level), paint: { 'fill-color': GRID_LEVEL_STYLE[level].fill } };
}

function gridLineLayer(level: GridLevel): LayerSpecification[] {
  const s = GRID_LEVEL_STYLE[level];
  return [
    {
      id: LAYERS.gridLine(level),
      type: 'line',
      source: SOURCES.grids,
      filter: levelIs(level),
      paint: { 'line-color': s.line, 'line-width': s.width, ...(level >= 3 ? { 'line-dasharray': [3, 2] } : {}) },
    },
  ];
}

/** The white plate under town and village names: they stay readable over clusters and icons. */
export const LABEL_PLATE = 'label-plate';
/** Town and village names sit on a plate; the many smaller grids' names only have a halo. */
const PLATED_LEVELS: readonly GridLevel[] = [1, 2];

function gridLabelLayer(level: GridLevel): LayerSpecification {
  const s = GRID_LEVEL_STYLE[level];
  const plate = PLATED_LEVELS.includes(level)
    ? { 'icon-image': LABEL_PLATE, 'icon-text-fit': 'both' as const, 'icon-text-fit-padding': [2, 5, 2, 5] as [number, number, number, number] }
    : {};
  return {
    id: LAYERS.gridLabel(level),
    type: 'symbol',
    source: SOURCES.gridLabels,
    filter: levelIs(level),
    minzoom: s.labelMinZoom,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': FONT_STACK,
      'text-size': s.labelSize,
      'text-max-width': 8,
      ...plate,
    },
    paint: { 'text-color': s.line, 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
  };
}

const clusterCircle = (id: string, source: string, color: string): LayerSpecification => ({
  id,
  type: 'circle',
  source,
  filter: ['has', 'point_count'],
  paint: {
    'circle-color': color,
    'circle-opacity': 0.85,
    'circle-radius': ['step', ['get', 'point_count'], 14, 50, 18, 500, 23, 5000, 28],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
  },
});

const clusterCount = (id: string, source: string): LayerSpecification => ({
  id,
  type: 'symbol',
  source,
  filter: ['has', 'point_count'],
  layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': FONT_STACK, 'text-size': 12, 'text-allow-overlap': true },
  paint: { 'text-color': '#ffffff' },
});

function ticketStateColor(): ExpressionSpecification {
  const pairs = TICKET_STATES.flatMap((state) => [state, TICKET_STATE_COLORS[state]]);
  return ['match', ['get', 'state'], ...pairs, '#000000'] as unknown as ExpressionSpecification;
}

function componentIcon(): ExpressionSpecification {
  const majors = Object.keys(COMPONENT_MAJOR_CATEGORIES);
  const plain = majors.flatMap((m) => [m, iconName(m, false)]);
  const alert = majors.flatMap((m) => [m, iconName(m, true)]);
  return [
    'case',
    ['get', 'alert'],
    ['match', ['get', 'major'], ...alert, iconName('06', true)],
    ['match', ['get', 'major'], ...plain, iconName('06', false)],
  ] as unknown as ExpressionSpecification;
}

export function buildOfflineStyle(data: StyleData): StyleSpecification {
  return {
    version: 8,
    name: 'gridlink-offline',
    sources: {
      [SOURCES.grids]: { type: 'geojson', data: data.grids },
      [SOURCES.gridLabels]: { type: 'geojson', data: data.gridLabels },
      [SOURCES.components]: {
        type: 'geojson',
        data: data.components,
        cluster: true,
        clusterRadius: 48,
        clusterMaxZoom: COMPONENT_CLUSTER_MAX_ZOOM - 1,
      },
      [SOURCES.tickets]: { type: 'geojson', data: data.tickets, cluster: true, clusterRadius: 40, clusterMaxZoom: 14 },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      ...GRID_LEVELS.map(gridFillLayer),
      // Lines of the deepest level first, so a town's boundary stays on top of its villages'.
      ...[...GRID_LEVELS].reverse().flatMap(gridLineLayer),
      clusterCircle(LAYERS.componentClusters, SOURCES.components, CLUSTER_COLOR),
      clusterCount(LAYERS.componentClusterCount, SOURCES.components),
      {
        id: LAYERS.componentPoints,
        type: 'symbol',
        source: SOURCES.components,
        filter: ['!', ['has', 'point_count']],
        layout: { 'icon-image': componentIcon(), 'icon-allow-overlap': true, 'icon-size': ['interpolate', ['linear'], ['zoom'], 14, 0.7, 18, 1] },
      },
      clusterCircle(LAYERS.ticketClusters, SOURCES.tickets, TICKET_STATE_COLORS.handling),
      clusterCount(LAYERS.ticketClusterCount, SOURCES.tickets),
      {
        id: LAYERS.ticketPoints,
        type: 'circle',
        source: SOURCES.tickets,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': ticketStateColor(),
          'circle-radius': 8,
          'circle-stroke-color': ['case', ['get', 'overdue'], ALERT_COLOR, '#ffffff'],
          'circle-stroke-width': ['case', ['get', 'overdue'], 3, 2],
        },
      },
      // Labels last, so names stay readable over polygons and points; MapLibre places the
      // topmost layer first, so town names go on top and win collisions over village names.
      ...[...GRID_LEVELS].reverse().map(gridLabelLayer),
    ],
  };
}
