/** One ECharts chart in a box of the given size; ECharts loads on first draw (statsCharts.ts). */
import { useEffect, useRef, useState } from 'react';
import { CHART_COLORS, CHART_FONT, loadCharts, type ChartOption } from './statsCharts';

export function Chart({ option, label, height = 260, animate = true }: { option: ChartOption; label: string; height?: number; animate?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: ChartOption, notMerge?: boolean): void; dispose(): void; resize(): void } | null = null;
    const resize = () => chart?.resize();
    void loadCharts().then((echarts) => {
      if (disposed || !box.current) return;
      chart = echarts.init(box.current, null, { renderer: 'svg' });
      chart.setOption({ color: CHART_COLORS, textStyle: { fontFamily: CHART_FONT }, animation: animate, ...option }, true);
      window.addEventListener('resize', resize);
      setDrawn(true);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option, animate]);
  return <div ref={box} className="stats-chart" role="img" aria-label={label} data-drawn={drawn ? 'true' : undefined} style={{ height }} />;
}
