/**
 * The benchmark page: loads the generated district (served beside the page's folder as JSON),
 * mounts the app's GridMap with all of it, and times what a clerk waits for: the first settled
 * frame and switching the component layer off and on. Results go to `window.mapBenchResult`.
 * run.ts builds it twice, with today's map and with a baseline commit's.
 */
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../../core/i18n';
import type { ComponentDoc, GridDoc, TicketDoc } from '../../core/schema';
import { GridMap, type GridMapProps } from '../../renderer/features/map/GridMap';
import type { MapLibreMap } from '../../renderer/features/map/maplibre';

export interface MapBenchResult {
  grids: number;
  components: number;
  tickets: number;
  fetchMs: number;
  /** Baseline in the same browser: the same map with the grids only. */
  gridsOnlyFirstRenderMs: number;
  firstRenderMs: number;
  /** Click on the legend switch → map settled (idle), per run. */
  hideComponentsMs: number[];
  showComponentsMs: number[];
  /** Click → first frame drawn without / with the components. */
  hideFirstFrameMs: number[];
  showFirstFrameMs: number[];
  zoomInMs: number;
  error?: string;
}

declare global {
  interface Window {
    mapBenchResult?: MapBenchResult;
  }
}

const idle = (map: MapLibreMap) => new Promise<void>((done) => map.once('idle', () => done()));

/** Clicks the legend's switch, as a user would, and waits for the map to settle. */
async function toggle(map: MapLibreMap, on: boolean): Promise<{ settled: number; firstFrame: number }> {
  const box = document.querySelector<HTMLInputElement>('input[data-layer="components"]');
  if (!box || box.checked === on) throw new Error('component layer switch missing or already in that state');
  let firstFrame = 0;
  const start = performance.now();
  map.once('render', () => (firstFrame = performance.now() - start));
  const settled = idle(map);
  box.click();
  await settled;
  return { settled: performance.now() - start, firstFrame };
}

async function run(): Promise<void> {
  const startFetch = performance.now();
  const data = (await (await fetch('../district.json', { cache: 'no-store' })).json()) as { grids: GridDoc[]; components: ComponentDoc[]; tickets: TicketDoc[] };
  const fetchMs = performance.now() - startFetch;
  const container = document.getElementById('root');
  if (!container) throw new Error('no #root');

  /** Mounts a GridMap and resolves when its first frame with all data has settled. */
  const mount = (props: Pick<GridMapProps, 'grids' | 'components' | 'tickets'>) =>
    new Promise<{ map: MapLibreMap; ms: number; root: Root }>((resolve) => {
      const start = performance.now();
      const root = createRoot(container);
      root.render(
        <I18nextProvider i18n={i18n}>
          <GridMap {...props} onMapReady={(map) => void idle(map).then(() => resolve({ map, ms: performance.now() - start, root }))} />
        </I18nextProvider>,
      );
    });

  const baseline = await mount({ grids: data.grids });
  baseline.root.unmount();
  const full = await mount({ grids: data.grids, components: data.components, tickets: data.tickets });
  const map = full.map;
  const firstRenderMs = full.ms;
  const hide: { settled: number; firstFrame: number }[] = [];
  const show: { settled: number; firstFrame: number }[] = [];
  for (let i = 0; i < 5; i++) {
    hide.push(await toggle(map, false));
    show.push(await toggle(map, true));
  }
  const zoomStart = performance.now();
  const zoomed = idle(map);
  map.jumpTo({ zoom: 15 });
  await zoomed;
  window.mapBenchResult = {
    grids: data.grids.length,
    components: data.components.length,
    tickets: data.tickets.length,
    fetchMs,
    gridsOnlyFirstRenderMs: baseline.ms,
    firstRenderMs,
    hideComponentsMs: hide.map((r) => r.settled),
    showComponentsMs: show.map((r) => r.settled),
    hideFirstFrameMs: hide.map((r) => r.firstFrame),
    showFirstFrameMs: show.map((r) => r.firstFrame),
    zoomInMs: performance.now() - zoomStart,
  };
}

run().catch((error: unknown) => {
  window.mapBenchResult = { grids: 0, components: 0, tickets: 0, fetchMs: 0, gridsOnlyFirstRenderMs: 0, firstRenderMs: 0, hideComponentsMs: [], showComponentsMs: [], hideFirstFrameMs: [], showFirstFrameMs: [], zoomInMs: 0, error: String(error) };
});
