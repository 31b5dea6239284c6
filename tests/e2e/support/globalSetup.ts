/** Vitest global setup of the e2e project: one renderer build per test run, only when stale. */
import { ensureRendererBuilt } from './rendererBuild';

export default async function setup(): Promise<void> {
  const started = Date.now();
  if (await ensureRendererBuilt()) {
    console.log(`e2e: built the renderer in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
