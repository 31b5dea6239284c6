/** A plain, readable table for the list screens: zebra rows, sticky header, numbers right-aligned. */
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'start' | 'end';
  /** Wide text columns take the remaining space and wrap; others stay on one line. */
  grow?: boolean;
}

export function DataTable<T>({ columns, rows, rowKey, label }: { columns: Column<T>[]; rows: readonly T[]; rowKey: (row: T) => string; label: string }) {
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={cellClass(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellClass<T>(column: Column<T>): string {
  return [column.align === 'end' ? 'is-num' : '', column.grow ? 'is-grow' : 'is-nowrap'].filter(Boolean).join(' ');
}
