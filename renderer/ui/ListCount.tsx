import { useTranslation } from 'react-i18next';

/** "共 N 条" beside a list screen's title, once the count is known. */
export function ListCount({ total }: { total: number | undefined }) {
  const { t } = useTranslation('app');
  if (total === undefined || total === 0) return null;
  return <span className="count-badge">{t('list.total', { count: total })}</span>;
}
