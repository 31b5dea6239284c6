import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalog, importComponents, importGrids } from '../../../district/import/importReference';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { provisionedDistrict, type ProvisionedDistrict } from '../../support/provisionedDistrict';

let district: ProvisionedDistrict;

beforeAll(async () => {
  district = await provisionedDistrict();
});
afterAll(async () => {
  await district?.stop();
});

const cli = (...args: string[]) => runDistrictCli(['--district', district.demo.orgTree.code, ...args], adminEnv(district.couch), 60_000);

async function districtState(): Promise<{ seq: string; docs: number }> {
  const info = (await (await district.couch.adminFetch(`/${district.districtDb}`)).json()) as { update_seq: unknown; doc_count: number };
  return { seq: String(info.update_seq), docs: info.doc_count };
}

async function countOf(type: string): Promise<number> {
  const res = await district.couch.adminFetch(`/${district.districtDb}/_all_docs?startkey="${type}:"&endkey="${type}:\ufff0"`);
  return ((await res.json()) as { rows: unknown[] }).rows.length;
}

/** The demo district's catalog as the district's spreadsheet: subcategory rows, then their items. */
async function writeCatalogWorkbook(path: string): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('事件清单');
  sheet.addRow(['代码', '名称', '处置部门', '处置时限（小时）']);
  const items = district.demo.docs.catalogItems;
  const subcategories = new Map(items.map((item) => [item.subcategoryCode, item.subcategoryName]));
  for (const [code, name] of subcategories) {
    sheet.addRow([code, name]);
    for (const item of items.filter((i) => i.subcategoryCode === code)) sheet.addRow([item.code, item.name, item.departmentCode, item.timeLimitHours]);
  }
  // Codes are text in the sheet, so their leading zeros stay.
  sheet.getColumn(1).numFmt = '@';
  await workbook.xlsx.writeFile(path);
  return items.length;
}

describe('reference data import', () => {
  it('imports the catalog from a spreadsheet, versioned', async () => {
    const path = join(district.dir, 'catalog.xlsx');
    const count = await writeCatalogWorkbook(path);
    const report = await importCatalog(district.connection, path, { version: '2026.1' });
    expect(report).toMatchObject({ kind: 'catalog', version: '2026.1', total: count, created: count });
    expect(await countOf('catalogItem')).toBe(count);
    const item = district.demo.docs.catalogItems[0];
    const stored = (await (await district.couch.adminFetch(`/${district.districtDb}/${encodeURIComponent(item.id)}`)).json()) as Record<string, unknown>;
    expect(stored).toMatchObject({ code: item.code, name: item.name, catalogVersion: '2026.1', active: true, scope: [district.demo.orgTree.code] });
  });

  it('refuses a file with a bad code, a missing parent and a duplicate, naming all three rows, and changes nothing', async () => {
    const path = join(district.dir, 'broken.csv');
    writeFileSync(
      path,
      [
        '代码,名称,处置部门,处置时限（小时）',
        '01001,矛盾纠纷,,', // row 2: a subcategory
        '01001001,邻里纠纷,SFJ,72', // row 3: fine
        '09001002,大类不存在,SFJ,72', // row 4: bad code (major 09)
        '01777001,小类不存在,SFJ,24', // row 5: missing parent 01777
        '01001001,邻里纠纷重复,SFJ,72', // row 6: duplicate of row 3
      ].join('\n'),
    );
    const before = await districtState();
    const result = await cli('import', 'catalog', path, '--version', 'broken');
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toContain('3 处错误');
    expect(lines.slice(1).map((line) => /第 (\d+) 行/.exec(line)?.[1])).toEqual(['4', '5', '6']);
    expect(lines[1]).toContain('大类段「09」');
    expect(lines[2]).toContain('01777');
    expect(lines[3]).toContain('第 3 行重复');
    expect(await districtState()).toEqual(before);
  });

  it('imports grids from GeoJSON, then components inside them, and refuses a grid outside its parent', async () => {
    const grids = district.demo.docs.grids;
    const collection = {
      type: 'FeatureCollection',
      features: grids.map((g) => ({ type: 'Feature', properties: { code: g.code, name: g.name, population: g.population }, geometry: g.boundary })),
    };
    writeFileSync(join(district.dir, 'grids.geojson'), JSON.stringify(collection));
    const report = await importGrids(district.connection, join(district.dir, 'grids.geojson'), { version: 'g1' });
    expect(report).toMatchObject({ total: grids.length, created: grids.length });
    // The same file again changes nothing.
    expect(await importGrids(district.connection, join(district.dir, 'grids.geojson'))).toMatchObject({ created: 0, changed: 0, unchanged: grids.length });

    const components = district.demo.docs.components;
    const header = '部件代码,部件名称,小类名称,主管部门,权属单位,养护单位,所属单位代码,网格代码,经度,纬度,地址,状态';
    const rows = components.map((c) =>
      [c.code, c.name, c.minorName, c.responsibleDepartment, c.ownerUnit, c.maintenanceUnit, c.ownerCode, c.gridCode, c.location.lng, c.location.lat, c.address ?? '', '完好'].join(','),
    );
    writeFileSync(join(district.dir, 'components.csv'), [header, ...rows].join('\n'));
    const imported = await importComponents(district.connection, join(district.dir, 'components.csv'));
    expect(imported).toMatchObject({ total: components.length, created: components.length });

    // A level-3 grid moved far outside its village's grid is refused, and nothing is written.
    const child = grids.find((g) => g.level === 3)!;
    const shifted = child.boundary.coordinates.map((ring) => ring.map(([lng, lat]) => [lng + 1, lat]));
    const moved = { ...collection, features: [{ type: 'Feature', properties: { code: child.code, name: child.name }, geometry: { type: 'Polygon', coordinates: shifted } }] };
    writeFileSync(join(district.dir, 'moved.geojson'), JSON.stringify(moved));
    const before = await districtState();
    await expect(importGrids(district.connection, join(district.dir, 'moved.geojson'))).rejects.toThrow(/第 1 行：.*超出上级网格/);
    expect(await districtState()).toEqual(before);
  });
});
