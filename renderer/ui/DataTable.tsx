/** A plain, readable table for the list screens: zebra rows, sticky header, numbers right-aligned. */
import type { CSSProperties, KeyboardEvent, MouseEvent, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'start' | 'end';
  /** Wide text columns take the remaining space and wrap; others stay on one line. */
  grow?: boolean;
  /** A column that may wrap on narrow windows, never narrower than this (e.g. '7em'). */
  wrapAt?: string;
}

/** Whether a click inside a row was meant for something of its own (a link, a button, a field) or selected text. */
function clickIsForControl(event: MouseEvent<HTMLTableRowElement>): boolean {
  const target = event.target as HTMLElement;
  if (target.closest('a, button, input, select, textarea, label')) return true;
  return (window.getSelection()?.toString() ?? '') !== '';
}

/**
 * `rowHref`: the row opens that address when clicked anywhere, or on Enter while focused; the
 * arrow keys move between rows. A row that highlights on hover must also open on click.
 */
export function DataTable<T>({ columns, rows, rowKey, label, rowHref }: {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  label: string;
  rowHref?: (row: T) => string;
}) {
  const open = (row: T) => {
    if (rowHref) window.location.assign(rowHref(row));
  };
  const onKeyDown = (row: T) => (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      (next as HTMLElement | null)?.focus();
    }
  };
  return (
    <div className="table-wrap">
      <table className={`data-table${rowHref ? ' data-table--rows-open' : ''}`} aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" data-col={column.key} className={cellClass(column)} style={column.wrapAt ? ({ '--col-min': column.wrapAt } as CSSProperties) : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              {...(rowHref
                ? {
                    tabIndex: 0,
                    'data-href': rowHref(row),
                    onClick: (event: MouseEvent<HTMLTableRowElement>) => {
                      if (!clickIsForControl(event)) open(row);
                    },
                    onKeyDown: onKeyDown(row),
                  }
                : {})}
            >
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
  return [column.align === 'end' ? 'is-num' : '', column.grow ? 'is-grow' : column.wrapAt ? 'is-wrap' : 'is-nowrap'].filter(Boolean).join(' ');
}
