/**
 * Reads the first sheet of an .xlsx file, or a .csv file, as rows of text cells keyed by
 * header, each with the row number the operator sees in Excel (the header is row 1). Cells
 * are read as displayed text: codes keep their leading zeros when the sheet stores them as
 * text, and a code stored as a number shows up as a wrong-length code, not a silent fix.
 *
 * A .csv file comes in whatever encoding the office's Excel saved it in: UTF-8 (with or
 * without a BOM), UTF-16 with a BOM ("Unicode text"), or GBK/GB18030 (Excel's plain "CSV" on
 * Chinese Windows). Bytes none of these read are refused with their row, never imported as �.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { analyse } from 'chardet';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
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

type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';

interface CsvText {
  text: string;
  encoding: CsvEncoding;
}

const BOMS: readonly (readonly [number[], CsvEncoding])[] = [
  [[0xef, 0xbb, 0xbf], 'UTF-8'],
  [[0xff, 0xfe], 'UTF-16LE'],
  [[0xfe, 0xff], 'UTF-16BE'],
];

/** What every decoder here writes for bytes it cannot read. */
const UNREADABLE = '\uFFFD';

function decodeAs(bytes: Uint8Array, encoding: CsvEncoding): string {
  if (encoding === 'GB18030') return iconv.decode(Buffer.from(bytes), 'gb18030');
  // The platform's decoder for the Unicode forms: it marks a lone surrogate or an odd last
  // byte of UTF-16 with U+FFFD, where iconv-lite keeps or drops them without a sign.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** chardet's score for a multi-byte charset in which it found none of its common characters. */
const CHARDET_NO_COMMON_CHARACTERS = 10;

/**
 * Of two encodings that both fail somewhere, the one the file was likelier meant to be in,
 * so the refusal names it (and its row). GB18030 only when chardet finds common Chinese
 * characters in it and trusts it above UTF-8: UTF-8 Chinese text also reads as GBK pairs
 * (rare characters, which chardet scores at its floor), and on short text chardet's own top
 * guess is often Big5, EUC-KR or Latin-1, so it never picks an encoding on its own here.
 */
function likelierEncoding(bytes: Uint8Array): CsvEncoding {
  const matches = analyse(bytes);
  const confidence = (name: string) => matches.find((match) => match.name === name)?.confidence ?? 0;
  return confidence('GB18030') > Math.max(CHARDET_NO_COMMON_CHARACTERS, confidence('UTF-8')) ? 'GB18030' : 'UTF-8';
}

/**
 * The text of a .csv file's bytes: by its BOM when it has one, else UTF-8 when every byte
 * reads as UTF-8, else GB18030 (a superset of GBK and GB2312) when every byte reads as that.
 * UTF-8 goes first because GBK text is almost never valid UTF-8, while UTF-8 text often
 * passes as GBK pairs. The text holds U+FFFD when neither reads the whole file.
 */
function decodeCsv(bytes: Uint8Array): CsvText {
  const bom = BOMS.find(([mark]) => mark.every((byte, i) => bytes[i] === byte));
  if (bom) return { encoding: bom[1], text: decodeAs(bytes.subarray(bom[0].length), bom[1]) };
  for (const encoding of ['UTF-8', 'GB18030'] as const) {
    const text = decodeAs(bytes, encoding);
    if (!text.includes(UNREADABLE)) return { encoding, text };
  }
  const encoding = likelierEncoding(bytes);
  return { encoding, text: decodeAs(bytes, encoding) };
}

/**
 * The first row holding an unreadable character. Rows are counted by the CSV parser, not by
 * lines of the text, so a quoted cell that spans lines is one row, as Excel shows it.
 */
function firstUnreadableRow(sheet: ExcelJS.Worksheet): number {
  for (let number = 1; number <= sheet.rowCount; number++) {
    const values = sheet.getRow(number).values as unknown[];
    if (values.some((value) => typeof value === 'string' && value.includes(UNREADABLE))) return number;
  }
  // Not reached: every character of the text lands in some cell.
  return sheet.rowCount;
}

async function readCsv(path: string): Promise<ExcelJS.Worksheet> {
  const { text, encoding } = decodeCsv(await readFile(path));
  // Keep every cell as written: exceljs would otherwise turn 01001001 into a number.
  const sheet = await new ExcelJS.Workbook().csv.read(Readable.from([text]), { map: (value: unknown) => value } as never);
  // A decoder writes U+FFFD for what it cannot read; a U+FFFD already in the file is an
  // earlier loss just the same, so both are refused.
  if (text.includes(UNREADABLE)) throw new DistrictError(t('district:import.undecodable', { path, row: firstUnreadableRow(sheet), encoding }));
  return sheet;
}

function cellText(value: ExcelJS.Cell): string {
  return (value.text ?? '').toString().trim();
}

async function readSheet(path: string): Promise<ExcelJS.Worksheet | undefined> {
  const extension = extname(path).toLowerCase();
  try {
    if (extension === '.csv') return await readCsv(path);
    if (extension !== '.xlsx') throw new DistrictError(t('district:import.unknownExtension', { path }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    return workbook.worksheets[0];
  } catch (err) {
    if (err instanceof DistrictError) throw err;
    throw new DistrictError(t('district:import.unreadable', { path, message: (err as Error).message }));
  }
}

export async function readTable(path: string): Promise<Table> {
  const sheet = await readSheet(path);
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
