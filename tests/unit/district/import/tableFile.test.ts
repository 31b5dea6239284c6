import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_ITEMS } from '../../../../district/demo/catalog';
import { catalogRowsToItems } from '../../../../district/import/catalogRows';
import { readTable } from '../../../../district/import/tableFile';
import { catalogTreeOf, REAL_SIZE, realSizeCatalog, writeCatalogGb18030Csv, writeCatalogXlsx } from '../../../support/realSizeCatalog';

const dir = mkdtempSync(join(tmpdir(), 'gridlink-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = '代码,名称,处置部门,处置时限（小时）';
const [first, second] = CATALOG_ITEMS;
/** A small catalog sheet from the demo list: header, a subcategory, two of its items. */
const LINES = [HEADER, `${first.subcategoryCode},${first.subcategoryName},,`, ...[first, second].map((i) => `${i.code},${i.name},${i.departmentCode},${i.timeLimitHours}`)];
const TEXT = LINES.join('\r\n') + '\r\n';

let files = 0;
function fileOf(...parts: (Buffer | number[])[]): string {
  const path = join(dir, `table-${++files}.csv`);
  writeFileSync(path, Buffer.concat(parts.map((part) => Buffer.from(part))));
  return path;
}

/** What the reader should make of LINES, whatever the file's encoding. */
async function expectTheSmallSheet(path: string): Promise<void> {
  const table = await readTable(path);
  expect(table.headers).toEqual(['代码', '名称', '处置部门', '处置时限（小时）']);
  expect(table.rows.map((r) => [r.row, r.cells['代码'], r.cells['名称']])).toEqual([
    [2, first.subcategoryCode, first.subcategoryName],
    [3, first.code, first.name],
    [4, second.code, second.name],
  ]);
}

describe('reading a .csv file in the encoding the office saved it in', () => {
  it('reads UTF-8, with and without the BOM Excel’s “CSV UTF-8” writes', async () => {
    await expectTheSmallSheet(fileOf(Buffer.from(TEXT)));
    await expectTheSmallSheet(fileOf([0xef, 0xbb, 0xbf], Buffer.from(TEXT)));
  });

  it('reads UTF-16 with its BOM (Excel’s “Unicode text”)', async () => {
    await expectTheSmallSheet(fileOf([0xff, 0xfe], Buffer.from(TEXT, 'utf16le')));
    await expectTheSmallSheet(fileOf([0xfe, 0xff], Buffer.from(TEXT, 'utf16le').swap16()));
  });

  it('reads a GBK file with Chinese headers, codes keeping their leading zeros', async () => {
    await expectTheSmallSheet(fileOf(iconv.encode(TEXT, 'gbk')));
  });

  it('reads characters only GB18030 has, beyond GBK', async () => {
    const names = ['𠀀字号店招破损', '𪚥姓住户求助'];
    const path = fileOf(iconv.encode([HEADER, ...names.map((name, i) => `0100100${i + 1},${name},SFS,24`)].join('\n'), 'gb18030'));
    expect((await readTable(path)).rows.map((r) => r.cells['名称'])).toEqual(names);
  });
});

describe('refusing what cannot be read, never importing �', () => {
  const gbk = (text: string) => iconv.encode(text, 'gbk');

  it('refuses a GBK file with bytes no encoding reads, naming their row as Excel counts it', async () => {
    // Row 4's name is a quoted cell over two lines: the bad bytes are on line 6 but in row 5.
    const path = fileOf(gbk(`${LINES.slice(0, 3).join('\n')}\n${second.code},"${second.name}\n（跨行备注）",SFS,72\n0100100`), [0xff, 0xff], gbk(`,坏行,SFS,72\n`));
    await expect(readTable(path)).rejects.toThrow(/第 5 行有无法按 GB18030 编码识别的字节/);
  });

  it('refuses a GBK file cut off inside a character, naming that row', async () => {
    const path = fileOf(gbk(`${LINES.join('\n')}\n01001003,`), [0xc1], gbk(',SFS,72\n'));
    await expect(readTable(path)).rejects.toThrow(/第 5 行有无法按 GB18030 编码识别的字节/);
  });

  it('refuses a UTF-8 file with one invalid byte, naming its row', async () => {
    const path = fileOf(Buffer.from(`${LINES.join('\n')}\n01001003,`), [0xe9], Buffer.from('邻里,SFS,72\n'));
    await expect(readTable(path)).rejects.toThrow(/第 5 行有无法按 UTF-8 编码识别的字节/);
  });
});

describe('the real-size catalog', () => {
  const tree = realSizeCatalog();

  it('has the size of a district’s real catalog', () => {
    expect([tree.categories.length, tree.classes.length, tree.items.length]).toEqual([REAL_SIZE.categories, REAL_SIZE.classes, REAL_SIZE.items]);
  });

  it.each([
    ['GB18030 .csv', 'catalog.csv', writeCatalogGb18030Csv],
    ['.xlsx', 'catalog.xlsx', writeCatalogXlsx],
  ])('reads back from a %s as written: every category, class and item', async (_kind, name, write) => {
    const path = join(dir, name);
    await write(path, tree);
    const { items, errors } = catalogRowsToItems(await readTable(path));
    expect(errors.list).toEqual([]);
    expect(catalogTreeOf(items)).toEqual(tree);
  });
});
