/**
 * The event catalog (事件清单) as a table: one row per subcategory (5-digit code: major +
 * subcategory) and one per item (8 digits) under it. Columns: 代码, 名称, 处置部门,
 * 处置时限（小时）; the last two only on item rows. An item's subcategory row is its parent
 * and must be in the same file.
 */
import { checkCatalogItemCode } from '../../core/codes';
import { docId } from '../../core/schema';
import type { CatalogItemDoc, EventMajorCode } from '../../core/schema';
import { columnOf, type Table } from './tableFile';
import { FirstSeen, RowErrors } from './rowErrors';

export const CATALOG_COLUMNS = {
  code: ['代码', '事项代码', 'code'],
  name: ['名称', '事项名称', 'name'],
  department: ['处置部门', '部门代码', 'departmentCode'],
  timeLimit: ['处置时限（小时）', '处置时限(小时)', '处置时限', 'timeLimitHours'],
} as const;

export type CatalogFields = Omit<CatalogItemDoc, 'id' | 'type' | 'scope' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'catalogVersion' | 'active'>;

export function catalogRowsToItems(table: Table): { items: CatalogFields[]; errors: RowErrors } {
  const errors = new RowErrors();
  const column = Object.fromEntries(Object.entries(CATALOG_COLUMNS).map(([key, names]) => [key, columnOf(table, names)])) as Record<
    keyof typeof CATALOG_COLUMNS,
    string | null
  >;
  for (const [key, names] of Object.entries(CATALOG_COLUMNS)) {
    if (!column[key as keyof typeof CATALOG_COLUMNS]) errors.add(1, 'missingColumn', { column: names[0] });
  }
  if (errors.list.length > 0) return { items: [], errors };
  const cell = (row: Record<string, string>, key: keyof typeof CATALOG_COLUMNS) => row[column[key] as string] ?? '';

  const seen = new FirstSeen();
  const subcategories = new Map<string, string>();
  const itemRows: { row: number; code: string; cells: Record<string, string> }[] = [];
  for (const { row, cells } of table.rows) {
    const code = cell(cells, 'code');
    const name = cell(cells, 'name');
    if (!name) errors.add(row, 'missingValue', { column: column.name });
    if (code.length === 5) {
      if (!/^0[1-4][0-9]{3}$/.test(code) || code.endsWith('000')) errors.add(row, 'badSubcategory', { code });
      else subcategories.set(code, name);
    } else {
      const checked = checkCatalogItemCode(code);
      if (!checked.ok) {
        errors.addText(row, checked.message);
        continue;
      }
      itemRows.push({ row, code, cells });
    }
    const first = seen.duplicateOf(code, row);
    if (first !== null) errors.add(row, 'duplicate', { code, first });
  }

  const items: CatalogFields[] = [];
  for (const { row, code, cells } of itemRows) {
    const subcategoryCode = code.slice(0, 5);
    if (!subcategories.has(subcategoryCode)) errors.add(row, 'missingParent', { code, parent: subcategoryCode });
    const departmentCode = cell(cells, 'department');
    if (!departmentCode) errors.add(row, 'missingValue', { column: column.department });
    const hours = Number(cell(cells, 'timeLimit'));
    if (!Number.isInteger(hours) || hours < 1 || hours > 10000) errors.add(row, 'badTimeLimit', { value: cell(cells, 'timeLimit') });
    items.push({
      code,
      name: cell(cells, 'name'),
      majorCode: code.slice(0, 2) as EventMajorCode,
      subcategoryCode,
      subcategoryName: subcategories.get(subcategoryCode) ?? '',
      departmentCode,
      timeLimitHours: hours,
    });
  }
  return { items, errors };
}

export function catalogDocId(code: string): string {
  return docId('catalogItem', code);
}
