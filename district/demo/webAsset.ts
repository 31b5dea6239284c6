/**
 * The demo district as one JSON file for the web build's `?demo=1` page (out/renderer/demo/):
 * the page loads it instead of bundling the generator, so neither the generator nor its
 * devDependency (@faker-js/faker) ever reaches the renderer. Built by electron.vite.config.ts;
 * left out of the installers (electron-builder.yml).
 */
import { allDemoDocs, DEMO_NOW_MS, generateDemoDistrict } from './generate';
import type { OrgTree } from '../../core/org';
import type { AnyDoc } from '../../core/schema';

/** The same seed as the embedded dev server's demo district, so codes match across tools. */
export const DEMO_SEED = 1;
export const DEMO_ASSET_PATH = 'demo/district.json';

export interface DemoDistrictFile {
  orgTree: OrgTree;
  docs: AnyDoc[];
  /** When the data ends: the page moves it to the current week (renderer/demo/demoDates.ts). */
  endsAt: number;
}

export function demoDistrictFile(): string {
  // A fixed end, so the file is the same whenever it is built; the page anchors it to today.
  const district = generateDemoDistrict({ seed: DEMO_SEED, endsAt: DEMO_NOW_MS });
  const file: DemoDistrictFile = { orgTree: district.orgTree, docs: [...allDemoDocs(district)] as AnyDoc[], endsAt: DEMO_NOW_MS };
  return JSON.stringify(file);
}
