/** Row-numbered problems of an import file, collected for every row before anything is written. */
import { t } from '../../core/i18n';

export interface RowError {
  /** Row number as the operator sees it (Excel row, CSV line, or GeoJSON feature number). */
  row: number;
  message: string;
}

export class RowErrors {
  readonly list: RowError[] = [];
  add(row: number, key: string, params: Record<string, unknown> = {}): void {
    this.list.push({ row, message: t(`district:import.row.${key}`, params) });
  }
  addText(row: number, message: string): void {
    this.list.push({ row, message });
  }
  get sorted(): RowError[] {
    return [...this.list].sort((a, b) => a.row - b.row);
  }
}

/** Remembers the first row of each key, to report the later duplicates. */
export class FirstSeen {
  private readonly rows = new Map<string, number>();
  duplicateOf(key: string, row: number): number | null {
    const first = this.rows.get(key);
    if (first !== undefined) return first;
    this.rows.set(key, row);
    return null;
  }
}
