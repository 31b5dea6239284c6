/** What an update status says to a clerk, in the panel and on the header's button. */
import type { TFunction } from 'i18next';
import type { UpdateStatus } from '../../platform';

export type UpdateTone = 'quiet' | 'busy' | 'ok' | 'attention' | 'danger';

export function updateLine(status: UpdateStatus | null, t: TFunction): { text: string; tone: UpdateTone } {
  if (status === null) return { text: t('app:about.checking'), tone: 'busy' };
  switch (status.state) {
    case 'idle':
      return { text: t('app:about.idle'), tone: 'quiet' };
    case 'disabled':
      return {
        text: status.reason === 'unsigned-build' ? t('shell:update.unsignedBuild') : t(`app:about.disabled.${status.reason}`),
        tone: status.reason === 'unsigned-build' ? 'danger' : 'quiet',
      };
    case 'checking':
      return { text: t('app:about.checking'), tone: 'busy' };
    case 'up-to-date':
      return { text: t('app:about.upToDate', { version: status.version }), tone: 'ok' };
    case 'available':
      return { text: t('shell:update.available', { version: status.version }), tone: 'attention' };
    case 'downloading':
      return { text: t('app:about.downloading', { percent: status.percent }), tone: 'busy' };
    case 'ready':
      return { text: t('app:about.ready'), tone: 'attention' };
    case 'error':
      return { text: t('shell:update.failed', { message: status.message }), tone: 'danger' };
  }
}

/** The header button's words: "关于本机", or what the clerk should notice about an update. */
export function badgeText(status: UpdateStatus | null, t: TFunction): string | null {
  if (status?.state === 'available') return t('app:about.badge.available');
  if (status?.state === 'downloading') return t('app:about.badge.downloading', { percent: status.percent });
  if (status?.state === 'ready') return t('app:about.badge.ready');
  return null;
}
