/** The chart options of a report: the level funnel and the rates by unit (screen and 月报 alike). */
import { t } from '../../../core/i18n';
import { LEVEL_KEYS } from '../../../core/stats/indicators';
import type { MonthlyReport } from '../../../core/stats/monthlyReport';
import type { ChartOption } from './statsCharts';

const LEVEL_COLORS: Record<string, string> = { levelVillage: '#2da44e', levelTown: '#1f6feb', levelDistrict: '#d4a72c', levelEnforcement: '#cf222e' };

const pct = (value: number | null) => (value === null ? 0 : Math.round(value * 1000) / 10);

/** 村级 → 镇级 → 区级 → 执法: how far up the period's valid orders went, as count and share. */
export function funnelOption(report: MonthlyReport): ChartOption {
  const valid = report.total.counts.valid;
  const keys = [...LEVEL_KEYS].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 44, right: 104, top: 8, bottom: 8, containLabel: false },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: keys.map((key) => t(`stats:indicator.${key}.name`)), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: t('stats:screen.funnel'),
        barWidth: '60%',
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => `${p.value} 件${valid > 0 ? ` · ${((p.value / valid) * 100).toFixed(1)}%` : ''}`,
        },
        data: keys.map((key) => ({ value: report.total.counts[key], itemStyle: { color: LEVEL_COLORS[key] } })),
      },
    ],
  };
}

/** 结案率 and 按期结案率 of each row with orders. */
export function ratesByRowOption(report: MonthlyReport): ChartOption {
  const rows = report.rows.filter((row) => row.figures.counts.reports > 0).slice(0, 30);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: rows.length > 6 ? 72 : 32 },
    xAxis: { type: 'category', data: rows.map((row) => row.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 35 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { type: 'bar', name: t('stats:indicator.closeRate.name'), data: rows.map((row) => pct(row.figures.rates.closeRate)) },
      { type: 'bar', name: t('stats:indicator.onTimeRate.name'), data: rows.map((row) => pct(row.figures.rates.onTimeRate)) },
    ],
  };
}
