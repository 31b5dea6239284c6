/**
 * `npm run bench:map`: the map with the benchmark district (bench preset: ~1,000 grids of
 * levels 1–4, ~100k components, ~100k work orders) in headless Chromium, and the grid locator
 * over the same grids in Node. Prints figures; not a test, nothing is asserted.
 *
 *   npm run bench:map                  # bench preset
 *   npm run bench:map -- --villages 60 # more villages per town → more grids
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { DEMO_PRESETS, generateDemoDistrict, type DemoOptions } from '../../district/demo/generate';
import { GridLocator } from '../../core/geo';
import { serveStatic } from '../../district/devServer/staticServer';
import { launchChromium } from '../../tests/support/chromium';
import type { MapBenchResult } from './page';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'out/bench-map');

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), options: { villages: { type: 'string' }, components: { type: 'string' } } });
  const preset = DEMO_PRESETS.bench;
  const options: DemoOptions = {
    ...preset,
    ...(values.villages ? { villagesPerTown: Number(values.villages) } : {}),
    ...(values.components ? { componentsPerVillage: Number(values.components) } : {}),
  };
  // More villages means more grids; keep ~100k components and work orders over the district.
  if (values.villages) {
    const spread = (perVillage: number) => Math.max(1, Math.round((perVillage * preset.villagesPerTown) / (options.villagesPerTown ?? preset.villagesPerTown)));
    if (!values.components) options.componentsPerVillage = spread(preset.componentsPerVillage);
    options.ticketsPerVillage = spread(preset.ticketsPerVillage);
  }

  let start = performance.now();
  const { docs } = generateDemoDistrict(options);
  const [load1] = loadavg();
  console.log(`machine: ${cpus().length} cores, load average ${load1.toFixed(1)} (figures scale with contention)`);
  console.log(`district: ${docs.grids.length} grids (levels ${[1, 2, 3, 4].map((l) => docs.grids.filter((g) => g.level === l).length).join(' / ')}), ${docs.components.length} components, ${docs.tickets.length} work orders — generated in ${ms(performance.now() - start)}`);

  start = performance.now();
  const locator = new GridLocator(docs.grids);
  const buildMs = performance.now() - start;
  start = performance.now();
  let found = 0;
  for (const c of docs.components) if (locator.locate(c.location).ok) found++;
  const lookupMs = performance.now() - start;
  console.log(`grid locator (Node): index built in ${ms(buildMs)}; ${docs.components.length} lookups in ${ms(lookupMs)} (${((lookupMs * 1000) / docs.components.length).toFixed(1)} µs each), ${found} inside a grid`);

  start = performance.now();
  await build({
    root: resolve(ROOT, 'bench/map'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: OUT, emptyOutDir: true },
  });
  await writeFile(resolve(OUT, 'district.json'), JSON.stringify({ grids: docs.grids, components: docs.components, tickets: docs.tickets }));
  console.log(`bench page built in ${ms(performance.now() - start)}`);

  await mkdir(OUT, { recursive: true });
  const server = await serveStatic(OUT);
  // WebGL without a GPU: ANGLE on SwiftShader, as in the map e2e tests.
  const browser = await launchChromium({ webgl: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // Offline, as at a station: anything but the local server is refused.
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.mapBenchResult !== undefined, undefined, { timeout: 300_000, polling: 250 });
    const result = (await page.evaluate(() => window.mapBenchResult)) as MapBenchResult;
    if (result.error) throw new Error(`bench page failed: ${result.error}`);
    console.log(`headless Chromium (SwiftShader, 1280×800), ${result.grids} grids, ${result.components} components, ${result.tickets} work orders:`);
    console.log(`  load district JSON:            ${ms(result.fetchMs)} (not part of the map)`);
    console.log(`  time to first render (settled): ${ms(result.firstRenderMs)}; grids only, same run: ${ms(result.gridsOnlyFirstRenderMs)} (×${(result.firstRenderMs / result.gridsOnlyFirstRenderMs).toFixed(1)})`);
    console.log(`  hide component layer: first frame ${ms(median(result.hideFirstFrameMs))}, settled ${ms(median(result.hideComponentsMs))} (medians of ${result.hideComponentsMs.length}; settled runs ${result.hideComponentsMs.map(ms).join(', ')})`);
    console.log(`  show component layer: first frame ${ms(median(result.showFirstFrameMs))}, settled ${ms(median(result.showComponentsMs))} (settled runs ${result.showComponentsMs.map(ms).join(', ')})`);
    console.log(`  zoom to street level (z15):     ${ms(result.zoomInMs)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
