import { describe, expect, it } from 'vitest';
import { catalogRowsToItems } from '../../../../district/import/catalogRows';
import type { Table } from '../../../../district/import/tableFile';

const headers = ['代码', '名称', '处置部门', '处置时限（小时）'];
function table(rows: string[][]): Table {
  return { headers, rows: rows.map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ''])) })) };
}

describe('the event catalog sheet', () => {
  it('turns subcategory and item rows into catalog items under their subcategory', () => {
    const { items, errors } = catalogRowsToItems(table([['03002', '消防安全'], ['03002001', '消防通道堵塞', 'XFJY', '24']]));
    expect(errors.list).toEqual([]);
    expect(items).toEqual([
      { code: '03002001', name: '消防通道堵塞', majorCode: '03', subcategoryCode: '03002', subcategoryName: '消防安全', departmentCode: 'XFJY', timeLimitHours: 24 },
    ]);
  });

  it('reports every bad row with its number, not just the first', () => {
    const { errors } = catalogRowsToItems(
      table([
        ['03002', '消防安全'],
        ['0300200', '位数不对', 'XFJY', '24'],
        ['03002002', '', 'XFJY', '0'],
        ['03009001', '无上级', 'XFJY', '24'],
      ]),
    );
    expect(errors.sorted.map((e) => e.row)).toEqual([3, 4, 4, 5]);
    expect(errors.sorted[0].message).toContain('应为 8 位数字');
    expect(errors.sorted.map((e) => e.message).join('\n')).toMatch(/「名称」不能为空[\s\S]*处置时限「0」无效/);
  });

  it('names a missing column once, on the header row', () => {
    const { errors } = catalogRowsToItems({ headers: ['代码', '名称'], rows: [] });
    expect(errors.sorted.map((e) => [e.row, e.message])).toEqual([
      [1, '缺少列「处置部门」'],
      [1, '缺少列「处置时限（小时）」'],
    ]);
  });
});
