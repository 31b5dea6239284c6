/**
 * 关于本机: the program's version and update channel, the update (checking, downloading with its
 * progress, ready, with the district's release notes) and 重启以安装, and 导出诊断包 for IT.
 *
 * A dialog over the current screen, not a screen of its own: a form the clerk is filling in
 * stays open underneath, so main can refuse the restart while it holds unsaved input.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../data/session';
import type { HostAppInfo, HostUpdates, Platform, UpdateStatus } from '../../platform';
import { FactRow } from '../../ui/FactRow';
import { syncSnapshot } from './syncSnapshot';
import { updateLine } from './updateWording';

export interface AboutPanelProps {
  host: Platform;
  status: UpdateStatus | null;
  onStatus: (status: UpdateStatus) => void;
  onClose: () => void;
}

export function AboutPanel({ host, status, onStatus, onClose }: AboutPanelProps) {
  const { t } = useTranslation('app');
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog ref={dialog} className="about" aria-labelledby="about-title" onClose={onClose}>
      <header className="about__head">
        <h2 id="about-title" className="about__title">{t('about.title')}</h2>
        <button type="button" className="about__close" aria-label={t('about.close')} onClick={onClose}>×</button>
      </header>
      <div className="about__body">
        <VersionSection host={host} />
        <UpdateSection host={host} updates={host.updates} status={status} onStatus={onStatus} />
        <DiagnosticsSection host={host} />
      </div>
    </dialog>
  );
}

function VersionSection({ host }: { host: Platform }) {
  const { t } = useTranslation('app');
  const [info, setInfo] = useState<HostAppInfo | null>(null);
  useEffect(() => {
    let live = true;
    host.getAppInfo().then(
      (next) => live && setInfo(next),
      () => live && setInfo({ version: null, system: null, runtime: '', updateChannel: null }),
    );
    return () => {
      live = false;
    };
  }, [host]);

  const unknown = t('about.unknown');
  const version =
    host.kind === 'web'
      ? info?.version ? t('about.webVersion', { version: info.version }) : t('about.webVersionUnknown')
      : (info?.version ?? unknown);
  const runtime = [info?.system, info?.runtime].filter(Boolean).join(' · ');
  return (
    <section className="about__section" aria-labelledby="about-version">
      <h3 id="about-version" className="about__subtitle">{t('about.versionTitle')}</h3>
      <dl className={`facts about-facts${host.kind === 'electron' ? ' about-facts--pair' : ''}`}>
        <FactRow label={t('about.version')} value={info ? version : '…'} className="about-facts__version" />
        {host.kind === 'electron' ? (
          <FactRow label={t('about.channel')} value={info ? (info.updateChannel ? t(`about.channels.${info.updateChannel}`) : unknown) : '…'} />
        ) : null}
        {runtime ? <FactRow label={t('about.runtime')} value={runtime} className="about-facts__runtime" /> : null}
      </dl>
    </section>
  );
}

type InstallState = { kind: 'idle' } | { kind: 'asking' } | { kind: 'started' } | { kind: 'refused'; message: string };

function UpdateSection({ host, updates, status, onStatus }: { host: Platform; updates: HostUpdates | null; status: UpdateStatus | null; onStatus: (status: UpdateStatus) => void }) {
  const { t } = useTranslation('app');
  const [checking, setChecking] = useState(false);
  const [install, setInstall] = useState<InstallState>({ kind: 'idle' });

  if (updates === null) {
    return (
      <section className="about__section" aria-labelledby="about-update">
        <h3 id="about-update" className="about__subtitle">{t('about.updateTitle')}</h3>
        <p className="about-line about-line--quiet">{host.kind === 'web' ? t('about.webUpdates') : t('about.noUpdates')}</p>
      </section>
    );
  }

  const line = updateLine(status, t);
  const check = async () => {
    setChecking(true);
    try {
      onStatus(await updates.check());
    } catch (error) {
      onStatus({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setChecking(false);
    }
  };
  const restart = async () => {
    setInstall({ kind: 'asking' });
    try {
      const result = await updates.install();
      setInstall(result.started ? { kind: 'started' } : { kind: 'refused', message: result.message });
    } catch (error) {
      setInstall({ kind: 'refused', message: t('about.installFailed', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const busy = status?.state === 'checking' || status?.state === 'downloading' || checking;
  const version = status?.state === 'downloading' ? t('about.downloadingVersion', { version: status.version }) : status?.state === 'ready' ? t('about.readyVersion', { version: status.version }) : null;
  const notes = status?.state === 'available' || status?.state === 'downloading' || status?.state === 'ready' ? status.notes : undefined;
  return (
    <section className="about__section" aria-labelledby="about-update" data-update-state={status?.state ?? 'unknown'}>
      <h3 id="about-update" className="about__subtitle">{t('about.updateTitle')}</h3>
      <p className={`about-line about-line--${line.tone}`} role="status">
        <span className="about-line__dot" aria-hidden="true" />
        {line.text}
      </p>
      {status?.state === 'downloading' ? (
        <progress className="about-progress" max={100} value={status.percent} aria-label={line.text} />
      ) : null}
      {version ? <p className="about-muted">{version}</p> : null}
      {notes ? (
        <div className="about-notes">
          <h4 className="about-notes__title">{t('about.notes')}</h4>
          <p className="about-notes__text">{notes}</p>
        </div>
      ) : null}
      {install.kind === 'refused' ? <p className="about-message about-message--danger" role="alert">{install.message}</p> : null}
      {install.kind === 'started' ? <p className="about-message about-message--ok" role="status">{t('about.installing')}</p> : null}
      <div className="about__actions">
        {status?.state === 'ready' ? (
          <button type="button" className="action-button action-button--primary" disabled={install.kind === 'asking' || install.kind === 'started'} onClick={() => void restart()}>
            {t('about.install')}
          </button>
        ) : null}
        {status?.state !== 'ready' && status?.state !== 'disabled' ? (
          <button type="button" className="action-button" disabled={busy} onClick={() => void check()}>{t('about.check')}</button>
        ) : null}
      </div>
    </section>
  );
}

type ExportState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; path: string } | { kind: 'failed'; message: string };

function DiagnosticsSection({ host }: { host: Platform }) {
  const { t } = useTranslation('app');
  const sync = useSyncStatus();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const exportBundle = async () => {
    setState({ kind: 'busy' });
    try {
      const result = await host.exportDiagnostics(sync ? syncSnapshot(sync) : null);
      setState(result.saved ? { kind: 'saved', path: result.path } : { kind: 'idle' });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const openLogs = host.openLogFolder;
  return (
    <section className="about__section" aria-labelledby="about-diagnostics">
      <h3 id="about-diagnostics" className="about__subtitle">{t('about.diagnosticsTitle')}</h3>
      <p className="about-muted">{t('about.diagnosticsBody')}</p>
      {state.kind === 'saved' ? (
        <p className="about-message about-message--ok" role="status">{t(host.kind === 'web' ? 'about.exportedWeb' : 'about.exported', { path: state.path })}</p>
      ) : null}
      {state.kind === 'failed' ? <p className="about-message about-message--danger" role="alert">{t('about.exportFailed', { message: state.message })}</p> : null}
      <div className="about__actions">
        <button type="button" className="action-button" disabled={state.kind === 'busy'} onClick={() => void exportBundle()}>
          {state.kind === 'busy' ? t('about.exporting') : t('about.export')}
        </button>
        {openLogs ? (
          <button type="button" className="action-button action-button--quiet" onClick={() => void openLogs().catch(() => undefined)}>{t('about.openLogs')}</button>
        ) : null}
      </div>
    </section>
  );
}
