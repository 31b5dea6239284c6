/**
 * The header's sync status. Until the sync engine is wired in, the app honestly says it shows
 * local data only; the engine's indicator replaces this through AppShell's `syncIndicator` slot.
 */
import { useTranslation } from 'react-i18next';

export function LocalOnlyIndicator() {
  const { t } = useTranslation('app');
  return (
    <span className="sync-indicator sync-indicator--local" title={t('syncIndicator.localOnlyHint')}>
      <span className="sync-indicator__dot" aria-hidden="true" />
      {t('syncIndicator.localOnly')}
    </span>
  );
}
