/**
 * `npm run bench:map`: the map with the benchmark district (bench preset: ~1,000 grids of
 * levels 1–4, ~100k components, ~100k work orders) in headless Chromium, and the grid locator
 * over the same grids in Node. Prints figures; not a test, nothing is asserted.
 *
 * The map is timed twice in one run, today's code against a baseline commit's (the map before
 * the first-paint work unless --baseline says otherwise), each in a fresh page, in turns, and
 * the medians compared: figures from separate runs on a shared machine do not compare.
 *
 *   npm run bench:map                  # bench preset, 5 rounds
 *   npm run bench:map -- --rounds 9    # more rounds, steadier medians
 *   npm run bench:map -- --baseline HEAD~3
 *   npm run bench:map -- --villages 60 # more villages per town → more grids
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { DEMO_PRESETS, generateDemoDistrict, type DemoOptions } from '../../district/demo/generate';
import { GridLocator } from '../../core/geo';
import { serveStatic } from '../../district/devServer/staticServer';
import { launchChromium } from '../../tests/support/chromium';
import type { Browser } from 'playwright-core';
import { describeRev, mapCodeAt } from './baseline';
import type { MapBenchResult } from './page';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'out/bench-map');
/** The map before the first-paint work (issue "Hardening and hygiene", which measured 2.05 s). */
const DEFAULT_BASELINE = 'aba3df6';

type Variant = 'baseline' | 'current';
const VARIANTS: Variant[] = ['baseline', 'current'];

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { villages: { type: 'string' }, components: { type: 'string' }, rounds: { type: 'string' }, baseline: { type: 'string' } },
  });
  const rounds = Number(values.rounds ?? 5);
  const baselineRev = values.baseline ?? DEFAULT_BASELINE;
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
  const buildPage = (variant: Variant, plugins: Plugin[]) =>
    build({
      root: resolve(ROOT, 'bench/map'),
      base: './',
      logLevel: 'error',
      plugins: [react(), ...plugins],
      build: { outDir: resolve(OUT, variant), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
    });
  await buildPage('current', []);
  await buildPage('baseline', [mapCodeAt(ROOT, baselineRev, resolve(ROOT, 'out/bench-map-baseline-src'))]);
  await writeFile(resolve(OUT, 'district.json'), JSON.stringify({ grids: docs.grids, components: docs.components, tickets: docs.tickets }));
  console.log(`bench pages built in ${ms(performance.now() - start)}; baseline: ${describeRev(ROOT, baselineRev)}`);

  const server = await serveStatic(OUT);
  // WebGL without a GPU: ANGLE on SwiftShader, as in the map e2e tests.
  const browser = await launchChromium({ webgl: true });
  try {
    const results: Record<Variant, MapBenchResult[]> = { baseline: [], current: [] };
    for (let round = 1; round <= rounds; round++) {
      // Alternate which goes first, so neither always meets the machine in the same state.
      const order = round % 2 ? VARIANTS : [...VARIANTS].reverse();
      const line: string[] = [];
      for (const variant of order) {
        const result = await runPage(browser, `${server.url}/${variant}/index.html`);
        results[variant].push(result);
        line.push(`${variant} ${ms(result.firstRenderMs)} (grids only ${ms(result.gridsOnlyFirstRenderMs)})`);
      }
      console.log(`round ${round}: ${line.join(', ')}`);
    }
    const [first] = results.current;
    console.log(`\nheadless Chromium (SwiftShader, 1280×800), ${first.grids} grids, ${first.components} components, ${first.tickets} work orders; medians of ${rounds} rounds, each in a fresh page:`);
    console.log(`  load district JSON:            ${ms(median(results.current.map((r) => r.fetchMs)))} (not part of the map)`);
    const firstRender = (variant: Variant) => median(results[variant].map((r) => r.firstRenderMs));
    for (const variant of VARIANTS) {
      const runs = results[variant];
      const all = (pick: (r: MapBenchResult) => number[]) => runs.flatMap(pick);
      console.log(`  ${variant === 'current' ? 'today' : `baseline (${baselineRev})`}:`);
      console.log(`    time to first render (settled): ${ms(firstRender(variant))}; grids only, same page: ${ms(median(runs.map((r) => r.gridsOnlyFirstRenderMs)))}  (runs ${runs.map((r) => ms(r.firstRenderMs)).join(', ')})`);
      console.log(`    hide component layer: first frame ${ms(median(all((r) => r.hideFirstFrameMs)))}, settled ${ms(median(all((r) => r.hideComponentsMs)))}`);
      console.log(`    show component layer: first frame ${ms(median(all((r) => r.showFirstFrameMs)))}, settled ${ms(median(all((r) => r.showComponentsMs)))}`);
      console.log(`    zoom to street level (z15):     ${ms(median(runs.map((r) => r.zoomInMs)))}`);
    }
    const [today, before] = [firstRender('current'), firstRender('baseline')];
    console.log(`first settled render, today ${ms(today)} against baseline ${ms(before)}: ratio ${(today / before).toFixed(2)}x (goal: today under 1.5 s)`);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One bench page in its own context (offline, as at a station), until it reports. */
async function runPage(browser: Browser, url: string): Promise<MapBenchResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  try {
    // Anything but the local server is refused.
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(url);
    await page.waitForFunction(() => window.mapBenchResult !== undefined, undefined, { timeout: 300_000, polling: 250 });
    const result = (await page.evaluate(() => window.mapBenchResult)) as MapBenchResult;
    if (result.error) throw new Error(`bench page ${url} failed: ${result.error}`);
    return result;
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
