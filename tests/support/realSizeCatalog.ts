/**
 * An event catalog of the size a district's real one has (4 categories, 264 classes, 645
 * items), grown from the demo district's list: each major category gets 66 subcategories,
 * the demo's 12 names repeated as rounds (矛盾纠纷, 矛盾纠纷（二）…), with 3 items for the
 * first 117 subcategories and 2 for the rest, codes in the catalog's scheme (major 2 +
 * subcategory 3 + item 3). Deterministic, so a failure names the same rows every run.
 * Written as the office's files: .xlsx and GB18030 .csv.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { EVENT_MAJOR_CATEGORIES, type EventMajorCode } from '../../core/schema';
import { CATALOG_ITEMS } from '../../district/demo/catalog';
import type { CatalogFields } from '../../district/import/catalogRows';

export interface CatalogTree {
  categories: { code: string; name: string }[];
  classes: { code: string; name: string }[];
  items: { code: string; name: string; departmentCode: string; timeLimitHours: number }[];
}

export const REAL_SIZE = { categories: 4, classes: 264, items: 645 } as const;
const CLASSES_PER_CATEGORY = REAL_SIZE.classes / REAL_SIZE.categories;
/** 117 × 3 + 147 × 2 = 645. */
const CLASSES_WITH_THREE_ITEMS = REAL_SIZE.items - 2 * REAL_SIZE.classes;
const ROUNDS = ['', '（二）', '（三）', '（四）', '（五）', '（六）'];
/** Names that test the file formats: a character only GB18030 has, a comma and quotes. */
const SPECIAL_NAMES = new Map([
  ['02013001', '𠀀字号店招破损'],
  ['03001002', '电动自行车违规充电, 含“飞线”及"楼道"充电'],
]);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function realSizeCatalog(): CatalogTree {
  const tree: CatalogTree = { categories: [], classes: [], items: [] };
  const majors = Object.keys(EVENT_MAJOR_CATEGORIES) as EventMajorCode[];
  for (const major of majors) {
    tree.categories.push({ code: major, name: EVENT_MAJOR_CATEGORIES[major] });
    const demo = CATALOG_ITEMS.filter((item) => item.majorCode === major);
    const demoClasses = [...new Set(demo.map((item) => item.subcategoryCode))];
    for (let s = 0; s < CLASSES_PER_CATEGORY; s++) {
      const base = demo.filter((item) => item.subcategoryCode === demoClasses[s % demoClasses.length]);
      const round = ROUNDS[Math.floor(s / demoClasses.length)];
      const classCode = `${major}${pad(s + 1, 3)}`;
      tree.classes.push({ code: classCode, name: `${base[0].subcategoryName}${round}` });
      const count = tree.classes.length <= CLASSES_WITH_THREE_ITEMS ? 3 : 2;
      for (let i = 0; i < count; i++) {
        const code = `${classCode}${pad(i + 1, 3)}`;
        const { name, departmentCode, timeLimitHours } = base[i % base.length];
        tree.items.push({ code, name: SPECIAL_NAMES.get(code) ?? `${name}${round}`, departmentCode, timeLimitHours });
      }
    }
  }
  return tree;
}

/** The sheet's rows as the district keeps it: a subcategory row, then its items. */
function sheetRows(tree: CatalogTree): (string | number)[][] {
  const rows: (string | number)[][] = [['代码', '名称', '处置部门', '处置时限（小时）']];
  for (const { code, name } of tree.classes) {
    rows.push([code, name]);
    for (const item of tree.items.filter((i) => i.code.startsWith(code))) rows.push([item.code, item.name, item.departmentCode, item.timeLimitHours]);
  }
  return rows;
}

function workbookOf(tree: CatalogTree): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('事件清单');
  sheet.addRows(sheetRows(tree));
  // Codes are text in the sheet, so their leading zeros stay.
  sheet.getColumn(1).numFmt = '@';
  return workbook;
}

export async function writeCatalogXlsx(path: string, tree: CatalogTree): Promise<void> {
  await workbookOf(tree).xlsx.writeFile(path);
}

/** As Excel's plain "CSV" on Chinese Windows saves it: GB18030 (GBK), no BOM. */
export async function writeCatalogGb18030Csv(path: string, tree: CatalogTree): Promise<void> {
  const utf8 = await workbookOf(tree).csv.writeBuffer();
  writeFileSync(path, iconv.encode(utf8.toString(), 'gb18030'));
}

/** The catalog as an import left it: categories, classes and items, read back from its items. */
export function catalogTreeOf(items: readonly CatalogFields[]): CatalogTree {
  const sorted = [...items].sort((a, b) => a.code.localeCompare(b.code));
  const categories = new Map(sorted.map((item) => [item.majorCode, EVENT_MAJOR_CATEGORIES[item.majorCode]]));
  const classes = new Map(sorted.map((item) => [item.subcategoryCode, item.subcategoryName]));
  return {
    categories: [...categories].map(([code, name]) => ({ code, name })),
    classes: [...classes].map(([code, name]) => ({ code, name })),
    items: sorted.map(({ code, name, departmentCode, timeLimitHours }) => ({ code, name, departmentCode, timeLimitHours })),
  };
}
