/** The body of a list screen: loading, the honest empty state, or the table with its count. */
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from './DataTable';
import { EmptyState } from './EmptyState';

export function ListBody<T>({ rows, total, columns, rowKey, label }: {
  rows: readonly T[] | undefined;
  total: number | undefined;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
}) {
  const { t } = useTranslation(['app', 'common']);
  if (rows === undefined) return <p className="loading" role="status">{t('common:loading')}</p>;
  if (rows.length === 0) return <EmptyState />;
  return (
    <div className="panel">
      <DataTable columns={columns} rows={rows} rowKey={rowKey} label={label} />
      {total !== undefined && total > rows.length ? (
        <p className="panel__foot">{t('app:list.showingFirst', { count: total, shown: rows.length })}</p>
      ) : null}
    </div>
  );
}
