/**
 * The header's way into 关于本机. It reads 关于本机 until an update needs the clerk: then it
 * says so (有新版本, 正在下载更新 37%, 更新已下载，重启以安装), so nobody has to open a menu to
 * find out that a new version waits.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../platform';
import { AboutPanel } from './AboutPanel';
import { badgeText } from './updateWording';
import { useUpdateStatus } from './useUpdateStatus';
import './about.css';

export function AboutButton({ host }: { host: Platform }) {
  const { t } = useTranslation('app');
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useUpdateStatus(host.updates);
  const badge = badgeText(status, t);
  return (
    <>
      <button
        type="button"
        className={`about-button${badge ? ` about-button--${status?.state}` : ''}`}
        aria-haspopup="dialog"
        title={t('about.open')}
        onClick={() => setOpen(true)}
      >
        <span className="about-button__mark" aria-hidden="true">{badge ? '↑' : 'i'}</span>
        {badge ?? t('about.open')}
      </button>
      {open ? <AboutPanel host={host} status={status} onStatus={setStatus} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
