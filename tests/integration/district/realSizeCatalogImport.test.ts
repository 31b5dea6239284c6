import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItemDoc } from '../../../core/schema';
import { importCatalog } from '../../../district/import/importReference';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { provisionedDistrict, type ProvisionedDistrict } from '../../support/provisionedDistrict';
import { catalogTreeOf, REAL_SIZE, realSizeCatalog, writeCatalogGb18030Csv, writeCatalogXlsx } from '../../support/realSizeCatalog';

const tree = realSizeCatalog();
let district: ProvisionedDistrict;

beforeAll(async () => {
  district = await provisionedDistrict();
});
afterAll(async () => {
  await district?.stop();
});

const cli = (...args: string[]) => runDistrictCli(['--district', district.demo.orgTree.code, ...args], adminEnv(district.couch), 60_000);

async function storedCatalog(): Promise<CatalogItemDoc[]> {
  const res = await district.couch.adminFetch(`/${district.districtDb}/_all_docs?include_docs=true&startkey="catalogItem:"&endkey="catalogItem:\ufff0"`);
  return ((await res.json()) as { rows: { doc: CatalogItemDoc }[] }).rows.map((row) => row.doc);
}

/** `bytes` with `bad` put at the end of line `row` (no cell of the fixture spans lines). */
function withBytesEndingRow(bytes: Buffer, row: number, bad: number[]): Buffer {
  let end = -1;
  for (let line = 0; line < row; line++) end = bytes.indexOf(0x0a, end + 1);
  return Buffer.concat([bytes.subarray(0, end), Buffer.from(bad), bytes.subarray(end)]);
}

async function districtSeq(): Promise<string> {
  return String(((await (await district.couch.adminFetch(`/${district.districtDb}`)).json()) as { update_seq: unknown }).update_seq);
}

describe('importing a catalog of the real size', () => {
  it('imports the office’s GB18030 .csv with the CLI, and every category, class and item reads back as written', async () => {
    const path = join(district.dir, 'catalog-gbk.csv');
    await writeCatalogGb18030Csv(path, tree);
    const result = await cli('import', 'catalog', path, '--version', '2026.1');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`共 ${REAL_SIZE.items} 条`);
    const stored = await storedCatalog();
    expect(stored.filter((doc) => doc.active && doc.catalogVersion === '2026.1')).toHaveLength(REAL_SIZE.items);
    expect(catalogTreeOf(stored.filter((doc) => doc.active))).toEqual(tree);
  });

  it('finds the same catalog in the .xlsx of it: every item unchanged', async () => {
    const path = join(district.dir, 'catalog.xlsx');
    await writeCatalogXlsx(path, tree);
    const report = await importCatalog(district.connection, path, { version: '2026.2' });
    expect(report).toMatchObject({ total: REAL_SIZE.items, created: 0, changed: 0, unchanged: REAL_SIZE.items, deactivated: 0 });
    expect(catalogTreeOf((await storedCatalog()).filter((doc) => doc.active))).toEqual(tree);
  });

  it('refuses the .csv with one undecodable row, naming it, and writes nothing', async () => {
    const path = join(district.dir, 'catalog-broken.csv');
    writeFileSync(path, withBytesEndingRow(readFileSync(join(district.dir, 'catalog-gbk.csv')), 101, [0xff, 0xff]));
    const before = await districtSeq();
    const result = await cli('import', 'catalog', path, '--version', 'broken');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/第 101 行有无法按 GB18030 编码识别的字节/);
    expect(await districtSeq()).toBe(before);
  });
});
