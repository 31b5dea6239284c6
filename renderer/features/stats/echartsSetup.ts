/**
 * ECharts with only what 统计 draws (bar charts, grid, tooltip, legend, the SVG
 * renderer). Imported statically here so the bundler drops the rest of the library, and this
 * module itself only through statsCharts.ts's dynamic import, so none of it is in the main chunk.
 */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { echarts };
