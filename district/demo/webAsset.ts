/**
 * The demo district as one JSON file for the web build's `?demo=1` page (out/renderer/demo/):
 * the page loads it instead of bundling the generator, so neither the generator nor its
 * devDependency (@faker-js/faker) ever reaches the renderer. Built by electron.vite.config.ts;
 * left out of the installers (electron-builder.yml).
 */
import { allDemoDocs, generateDemoDistrict } from './generate';
import type { OrgTree } from '../../core/org';
import type { AnyDoc } from '../../core/schema';

/** The same seed as the embedded dev server's demo district, so codes match across tools. */
export const DEMO_SEED = 1;
export const DEMO_ASSET_PATH = 'demo/district.json';

export interface DemoDistrictFile {
  orgTree: OrgTree;
  docs: AnyDoc[];
}

export function demoDistrictFile(): string {
  const district = generateDemoDistrict({ seed: DEMO_SEED });
  const file: DemoDistrictFile = { orgTree: district.orgTree, docs: [...allDemoDocs(district)] as AnyDoc[] };
  return JSON.stringify(file);
}
