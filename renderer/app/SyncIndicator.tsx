/**
 * The header's sync status, always in view: online or offline (or the initial sync's progress),
 * when the station last heard from the server, what waits to be uploaded, what the server
 * refused, and a refused login in red with the way out. Clicking it opens the sync screen.
 *
 * Demo sessions do not sync; they say so honestly with LocalOnlyIndicator.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../sync';
import { serverReasonText } from '../../core/serverReason';
import { timeLeftMs } from '../../sync/initialProgress';
import { isLive } from '../data/lastSync';
import { useSyncStatus } from '../data/session';
import { ReloginDialog } from '../ui/ReloginDialog';
import { fromNow } from '../ui/relativeTime';
import { timeLeftText } from '../ui/timeLeft';
import { useNow } from '../data/useNow';
import { hrefOf } from './routes';
import './syncIndicator.css';

const number = new Intl.NumberFormat('zh-CN');

export function LocalOnlyIndicator() {
  const { t } = useTranslation('app');
  return (
    <span className="sync-indicator sync-indicator--local" title={t('syncIndicator.localOnlyHint')}>
      <span className="sync-indicator__dot" aria-hidden="true" />
      {t('syncIndicator.localOnly')}
    </span>
  );
}

export type SyncTone = 'online' | 'offline' | 'syncing' | 'authError' | 'serverError';

/** The one word the indicator leads with, and its colour. */
export function toneOf(status: SyncStatus): SyncTone {
  if (status.authError || status.connection === 'authError') return 'authError';
  if (status.connection === 'offline') return 'offline';
  if (status.connection === 'serverError') return 'serverError';
  if (status.connection === 'connecting' || !status.initial.complete) return 'syncing';
  return 'online';
}

export function SyncIndicator() {
  const status = useSyncStatus();
  if (!status) return <LocalOnlyIndicator />;
  return <LiveSyncIndicator status={status} />;
}

function LiveSyncIndicator({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('syncUi');
  const tone = toneOf(status);
  const now = useNow(tone === 'syncing' ? 5_000 : 20_000);
  const [relogin, setRelogin] = useState(false);
  const { initial } = status;

  let label: string;
  if (tone === 'authError') label = t('indicator.authError');
  else if (tone === 'offline') label = t('indicator.offline');
  else if (tone === 'serverError') label = t('indicator.serverError');
  else if (status.connection === 'connecting') label = t('indicator.connecting');
  else if (!initial.complete) label = initial.total > 0 ? t('progress.initial', { done: number.format(Math.min(initial.done, initial.total)), total: number.format(initial.total) }) : t('indicator.initialNoTotal');
  else label = t('indicator.online');

  // While the first sync runs: the time it still needs. Caught up and connected: live, however
  // long ago the quiet feed last answered. Otherwise: when the server last answered.
  const when =
    tone === 'syncing' && status.connection !== 'connecting' ? timeLeftText(timeLeftMs(initial, now.getTime()))
    : isLive(status) ? t('progress.live')
    : status.lastSyncAt ? t('indicator.lastSync', { when: fromNow(status.lastSyncAt, now) })
    : t('indicator.neverSynced');

  const title = [
    tone === 'offline' ? t('indicator.offlineHint') : null,
    tone === 'serverError' ? t('indicator.serverErrorHint', { reason: serverReasonText(status.lastError) }) : null,
    status.authError?.message ?? null,
    t('indicator.open'),
  ]
    .filter(Boolean)
    .join('\n');

  return (
    <div className={`sync-indicator sync-indicator--${tone}`} data-tone={tone}>
      <a className="sync-indicator__link" href={hrefOf('sync')} title={title} aria-label={`${label}，${t('indicator.open')}`}>
        <span className="sync-indicator__dot" aria-hidden="true" />
        <span className="sync-indicator__state">{label}</span>
        <span className="sync-indicator__item sync-indicator__last">{when}</span>
        {status.pendingTotal > 0 ? (
          <span className="sync-indicator__item sync-indicator__pending">{t('indicator.pending', { count: status.pendingTotal })}</span>
        ) : null}
        {status.rejected.count > 0 ? (
          <span className="sync-indicator__item sync-indicator__rejected">{t('indicator.rejected', { count: status.rejected.count })}</span>
        ) : null}
      </a>
      {tone === 'authError' ? (
        <>
          <button type="button" className="sync-indicator__relogin" onClick={() => setRelogin(true)}>
            {t('indicator.relogin')}
          </button>
          <ReloginDialog open={relogin} onClose={() => setRelogin(false)} />
        </>
      ) : null}
    </div>
  );
}
