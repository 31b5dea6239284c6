import { useTranslation } from 'react-i18next';
import { timeLeftMs } from '../../sync/initialProgress';
import { useFirstSync } from '../data/firstSync';
import { useNow } from '../data/useNow';
import { Icon } from './icons';
import { timeLeftText } from './timeLeft';

const number = new Intl.NumberFormat('zh-CN');

/**
 * What a list shows before the first sync has brought anything: honest, not a fake sample.
 * While that sync is running it says so, with how far it is, rather than 暂无数据.
 */
export function EmptyState({ title, hint }: { title?: string; hint?: string }) {
  const { t } = useTranslation(['app', 'syncUi']);
  const syncing = useFirstSync();
  const now = useNow(5_000);
  if (syncing && !title) {
    const left = timeLeftText(timeLeftMs(syncing, now.getTime()));
    return (
      <div className="empty-state empty-state--syncing" role="status" aria-busy="true">
        <Icon name="sync" size={44} />
        <p className="empty-state__title">{t('syncUi:progress.firstSyncTitle')}</p>
        <p className="empty-state__hint">
          {syncing.total > 0
            ? t('syncUi:progress.firstSyncHint', { done: number.format(Math.min(syncing.done, syncing.total)), total: number.format(syncing.total), left })
            : t('syncUi:progress.firstSyncHintNoTotal')}
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state" role="status">
      <Icon name="inbox" size={44} />
      <p className="empty-state__title">{title ?? t('app:list.empty')}</p>
      <p className="empty-state__hint">{hint ?? t('app:list.emptyHint')}</p>
    </div>
  );
}
