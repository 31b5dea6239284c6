/**
 * CPU profile of one benchmark step in the harness page (`BENCH_PROFILE=1 npm run bench:sync`):
 * Chromium's sampling profiler through playwright's CDP session, the raw profile written to
 * out/bench-sync-profile/<step>.cpuprofile (open it in DevTools), and a summary printed — self
 * time per source module and per function. The harness is then built unminified; modules are
 * told apart by the `// <path>` markers the bundler writes into unminified output.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { HARNESS_OUT } from '../../tests/support/syncHarness/harness';

const PROFILE_OUT = fileURLToPath(new URL('../../out/bench-sync-profile', import.meta.url));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export const profiling = !!process.env.BENCH_PROFILE;

/** Runs `step` under the CPU profiler and prints where its main-thread time went. */
export async function profiled<T>(page: Page, label: string, step: () => Promise<T>): Promise<T> {
  if (!profiling) return step();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const result = await step();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  mkdirSync(PROFILE_OUT, { recursive: true });
  writeFileSync(join(PROFILE_OUT, `${label}.cpuprofile`), JSON.stringify(profile));
  summarise(label, profile);
  return result;
}

function regionsOfBundle(): { line: number; name: string }[] {
  const dir = join(HARNESS_OUT, 'assets');
  const regions: { line: number; name: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((text, line) => {
        const match = /^\/\/(?:#region)? ((?:\\0|\.\.\/|node_modules\/|[a-z]+\/)\S*\.[cm]?[jt]sx?)$/.exec(text);
        if (match) regions.push({ line, name: moduleGroup(match[1]) });
      });
  }
  return regions;
}

/** node_modules/rxdb/dist/esm/plugins/x/y.js → "rxdb/plugins/x"; our files keep their path. */
function moduleGroup(path: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (!inModules) return path.replace(/^(\.\.\/)+/, '');
  const [, pkg, rest] = inModules;
  if (pkg === 'rxdb') return `rxdb/${rest.replace(/^dist\/(esm|cjs)\//, '').replace(/\/[^/]*$/, '')}`;
  return pkg;
}

function summarise(label: string, profile: CpuProfile): void {
  const regions = regionsOfBundle();
  const regionAt = (line: number) => {
    let lo = 0;
    let hi = regions.length - 1;
    let found = '(bundle)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (regions[mid].line <= line) {
        found = regions[mid].name;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const perModule = new Map<string, number>();
  const perFunction = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id)!;
    total += ms;
    const inBundle = callFrame.url.includes('/assets/');
    const group = inBundle ? regionAt(callFrame.lineNumber) : callFrame.url ? 'other script' : callFrame.functionName || '(native)';
    perModule.set(group, (perModule.get(group) ?? 0) + ms);
    const fn = `${callFrame.functionName || '(anonymous)'} [${group}${inBundle ? `:${callFrame.lineNumber + 1}` : ''}]`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(`\nprofile ${label}: ${total.toFixed(0)} ms sampled on the page's main thread`);
  console.log(`self time per module:\n${top(perModule, 18)}`);
  console.log(`self time per function:\n${top(perFunction, 25)}`);
}
