import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

/** What a list shows before the first sync has brought anything: honest, not a fake sample. */
export function EmptyState({ title, hint }: { title?: string; hint?: string }) {
  const { t } = useTranslation('app');
  return (
    <div className="empty-state" role="status">
      <Icon name="inbox" size={44} />
      <p className="empty-state__title">{title ?? t('list.empty')}</p>
      <p className="empty-state__hint">{hint ?? t('list.emptyHint')}</p>
    </div>
  );
}
