/**
 * Reads the first sheet of an .xlsx file, or a .csv file, as rows of text cells keyed by
 * header, each with the row number the operator sees in Excel (the header is row 1). Cells
 * are read as displayed text: codes keep their leading zeros when the sheet stores them as
 * text, and a code stored as a number shows up as a wrong-length code, not a silent fix.
 */
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { t } from '../../core/i18n';
import { DistrictError } from '../districtError';

export interface TableRow {
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

function cellText(value: ExcelJS.Cell): string {
  return (value.text ?? '').toString().trim();
}

export async function readTable(path: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  const extension = extname(path).toLowerCase();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (extension === '.xlsx') {
      await workbook.xlsx.readFile(path);
      sheet = workbook.worksheets[0];
    } else if (extension === '.csv') {
      // Keep every cell as written: exceljs would otherwise turn 01001001 into a number.
      sheet = await workbook.csv.readFile(path, { map: (value: unknown) => value } as never);
    } else {
      throw new DistrictError(t('district:import.unknownExtension', { path }));
    }
  } catch (err) {
    if (err instanceof DistrictError) throw err;
    throw new DistrictError(t('district:import.unreadable', { path, message: (err as Error).message }));
  }
  if (!sheet || sheet.rowCount < 1) throw new DistrictError(t('district:import.empty', { path }));
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, column) => {
    headers[column - 1] = cellText(cell).replace(/^\uFEFF/, '');
  });
  const rows: TableRow[] = [];
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const cells: Record<string, string> = {};
    let any = false;
    headers.forEach((header, index) => {
      const text = cellText(row.getCell(index + 1));
      if (text) any = true;
      cells[header] = text;
    });
    if (any) rows.push({ row: number, cells });
  }
  return { headers, rows };
}

/** The first of `names` that is a header of the table, for columns known by several names. */
export function columnOf(table: Table, names: readonly string[]): string | null {
  return names.find((name) => table.headers.includes(name)) ?? null;
}
