/** "剩余约 3 分钟": the time an initial sync still needs, rounded the way a clerk would say it. */
import { t } from '../../core/i18n';

export function timeLeftText(ms: number | null): string {
  if (ms === null) return t('syncUi:progress.estimating');
  if (ms < 60_000) return t('syncUi:progress.lessThanMinute');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('syncUi:progress.minutes', { minutes });
  return t('syncUi:progress.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
