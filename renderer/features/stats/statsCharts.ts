/**
 * The charts of 统计 and the 月报, drawn offline with ECharts (Apache, made for Chinese
 * dashboards: CJK fonts, 万-style axis labels). Only what is used is loaded, and only when a
 * chart is first drawn, so the app's main chunk does not carry the library. SVG rendering: the
 * charts print sharp on paper and in a PDF.
 */
import type { EChartsCoreOption } from 'echarts/core';

type ECharts = typeof import('echarts/core');

let loading: Promise<ECharts> | null = null;

export function loadCharts(): Promise<ECharts> {
  loading ??= import('./echartsSetup').then((m) => m.echarts);
  return loading;
}

export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
export const CHART_COLORS = ['#1f6feb', '#2da44e', '#d4a72c', '#cf222e', '#8250df', '#57606a'];

export type ChartOption = EChartsCoreOption;
