/** Colours of the map and its legend, one place so the legend cannot drift from the layers. */
import type { ComponentMajorCode, TicketState } from '../../../core/schema';

export const GRID_LEVEL_STYLE: Record<1 | 2 | 3 | 4, { line: string; width: number; fill: string; labelSize: number; labelMinZoom: number }> = {
  1: { line: '#b3261e', width: 3, fill: 'rgba(179, 38, 30, 0.03)', labelSize: 16, labelMinZoom: 0 },
  2: { line: '#1d5fbf', width: 2, fill: 'rgba(29, 95, 191, 0.04)', labelSize: 14, labelMinZoom: 10 },
  3: { line: '#2e7d32', width: 1.2, fill: 'rgba(46, 125, 50, 0.05)', labelSize: 12, labelMinZoom: 12.5 },
  4: { line: '#8e6c00', width: 1, fill: 'rgba(142, 108, 0, 0.05)', labelSize: 11, labelMinZoom: 14 },
};

export const COMPONENT_COLORS: Record<ComponentMajorCode, string> = {
  '01': '#1565c0', // 公用设施
  '02': '#6a1b9a', // 道路交通
  '03': '#00838f', // 市容环境
  '04': '#2e7d32', // 园林绿化
  '05': '#8d6e63', // 房屋土地
  '06': '#546e7a', // 其他设施
};

export const ALERT_COLOR = '#d32f2f';

export const TICKET_STATE_COLORS: Record<TicketState, string> = {
  pendingFiling: '#9e9e9e',
  pendingDispatch: '#f9a825',
  handling: '#ef6c00',
  pendingVerification: '#0277bd',
  closed: '#43a047',
  voided: '#bdbdbd',
  longStanding: '#6d4c41',
};

export const BACKGROUND = '#f4f1ea';
export const CLUSTER_COLOR = '#37474f';
