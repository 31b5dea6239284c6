/**
 * Developer loop for bench:ui (not a figure of record): a persistent Chromium profile on a fixed
 * port keeps the seeded 100k database between runs, so each run only rebuilds the page and
 * measures. PROFILE=1 writes a CPU profile of the cold start to out/bench-ui-cold.cpuprofile.
 */
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { DEMO_PRESETS, generateDemoDistrict } from '../../district/demo/generate';
import { serveStatic } from '../../district/devServer/staticServer';
import type { UiBenchResult } from './page';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'out/bench-ui');
const PROFILE_DIR = '/tmp/gl-bench-ui-profile';

async function main(): Promise<void> {
  const { docs, orgTree } = generateDemoDistrict(DEMO_PRESETS.bench);
  const town = orgTree.towns[0];
  const grid = docs.grids.find((g) => g.level === 2 && g.code.startsWith(town.code))!;
  const fresh = !existsSync(PROFILE_DIR);
  await build({ root: resolve(ROOT, 'bench/ui'), base: './', logLevel: 'warn', plugins: [react()], build: { outDir: OUT, emptyOutDir: true } });
  if (fresh) await writeFile(resolve(OUT, 'district.json'), JSON.stringify([...docs.tickets, ...docs.grids, ...docs.catalogItems, ...docs.departments, ...docs.staff]));
  const server = await serveStatic(OUT, { port: 47123 });
  const context = await chromium.launchPersistentContext(PROFILE_DIR, { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('console', (m) => console.log(`console: ${m.text()}`));
    const run = async (query: string): Promise<UiBenchResult> => {
      await page.goto(`${server.url}/index.html?${query}`);
      await page.waitForFunction(() => window.uiBenchResult !== undefined, undefined, { timeout: 600_000, polling: 250 });
      const result = (await page.evaluate(() => window.uiBenchResult)) as UiBenchResult;
      if (result.error) throw new Error(`bench page failed: ${result.error}`);
      return result;
    };
    if (fresh) console.log('seeded', (await run('phase=seed')).seedMs);
    const rounds = Number(process.env.ROUNDS ?? 2);
    for (let round = 1; round <= rounds; round++) {
      await page.goto('about:blank');
      const cdp = await context.newCDPSession(page);
      if (process.env.PROFILE && round === rounds) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const result = await run(`phase=measure&unit=${town.code}&grid=${grid.code}&round=${round}`);
      if (process.env.PROFILE && round === rounds) {
        const { profile } = await cdp.send('Profiler.stop');
        await writeFile(resolve(ROOT, 'out/bench-ui-cold.cpuprofile'), JSON.stringify(profile));
      }
      console.log(`round ${round}: cold ${Math.round(result.coldStartMs ?? 0)} ms, ${result.tickets} orders`);
      for (const list of result.lists?.slice(1) ?? []) console.log(`  ${list.name.padEnd(24)} ${Math.round(list.ms)} ms ${list.rows} rows`);
    }
  } finally {
    await context.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
