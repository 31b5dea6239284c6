/**
 * 同步: the station's sync with the district in detail: connection, last sync, the initial
 * sync's progress, what waits to be uploaded (per type), what the server refused (with the
 * clerk's choices), conflict records and where to settle them; then the station's setup and
 * what the workstation holds locally.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../data/names';
import type { SyncStatus } from '../../../sync';
import { timeLeftMs } from '../../../sync/initialProgress';
import { isLive } from '../../data/lastSync';
import type { CollectionName, DocType } from '../../../core/schema';
import { useDatabase, useSession, useSyncStatus } from '../../data/session';
import { useLiveCount } from '../../data/useLiveCount';
import { useOpenConflicts } from '../../data/useOpenConflicts';
import { useRetention } from '../../data/retention';
import { DEFAULT_SETTLED_RETENTION_DAYS } from '../../../core/settings';
import { QUARANTINE_KINDS } from '../../../core/schema';
import { FactRow } from '../../ui/FactRow';
import { formatDateTime } from '../../ui/formatDate';
import { Screen } from '../../ui/Screen';
import { hrefOfView } from '../mediation/mediationRoute';
import { RejectedPanel } from './RejectedPanel';
import { SyncPanel } from './SyncPanel';
import { ReloginDialog } from '../../ui/ReloginDialog';
import { fromNow } from '../../ui/relativeTime';
import { timeLeftText } from '../../ui/timeLeft';
import { useNow } from '../../data/useNow';
import './sync.css';

const number = new Intl.NumberFormat('zh-CN');
const SHOWN: CollectionName[] = ['tickets', 'events', 'cases', 'grids', 'staff', 'components', 'catalog', 'departments', 'photos', 'quarantine'];

export function SyncScreen() {
  const { t } = useTranslation('app');
  const { t: ts } = useTranslation('syncUi');
  const { demo } = useSession();
  const status = useSyncStatus();
  return (
    <Screen title={t('nav.sync')} purpose={ts('screen.purpose')}>
      <div className="sync-screen">
        {status ? <StatusPanel status={status} /> : <p className="panel panel--padded sync-muted">{ts('screen.demo')}</p>}
        {demo ? null : <RejectedPanel />}
        {status ? <PendingPanel status={status} /> : null}
        <ConflictsPanel />
        <RetentionPanel />
        <div className="two-col">
          <ConfigPanel />
          <LocalPanel />
        </div>
      </div>
    </Screen>
  );
}

function StatusPanel({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('syncUi');
  const { sync } = useSession();
  const { initial } = status;
  const now = useNow(initial.complete ? 20_000 : 5_000);
  const [syncNow, setSyncNow] = useState<{ text: string; ok: boolean } | null>(null);
  const [relogin, setRelogin] = useState(false);
  const initialText = initial.complete
    ? t('screen.initialDone')
    : initial.total > 0
      ? `${t('progress.initialDetail', { done: number.format(Math.min(initial.done, initial.total)), total: number.format(initial.total), percent: Math.floor((100 * Math.min(initial.done, initial.total)) / initial.total) })}，${timeLeftText(timeLeftMs(initial, now.getTime()))}`
      : t('indicator.initialNoTotal');
  const lastSyncText = !status.lastSyncAt
    ? t('indicator.neverSynced')
    : isLive(status)
      ? t('progress.liveDetail', { when: fromNow(status.lastSyncAt, now), at: formatDateTime(status.lastSyncAt) })
      : `${fromNow(status.lastSyncAt, now)}（${formatDateTime(status.lastSyncAt)}）`;
  const rows: [string, string][] = [
    [t('screen.connection'), t(`connection.${status.authError ? 'authError' : status.connection}`)],
    [t('screen.lastSync'), lastSyncText],
    [t('screen.initial'), initialText],
    [t('screen.pendingTotal'), t('screen.count', { count: status.pendingTotal })],
  ];
  return (
    <section className="panel panel--padded sync-status" aria-labelledby="sync-status" data-connection={status.connection}>
      <div className="sync-status__head">
        <h2 id="sync-status" className="panel__title">{t('screen.statusTitle')}</h2>
        <button
          type="button"
          className="action-button action-button--primary"
          onClick={() => {
            // Asked anyway (a cable just plugged in is found at once), but the clerk is told
            // what stands in the way rather than 已开始同步.
            sync?.resync();
            setSyncNow(syncNowAnswer(status, t));
          }}
        >
          {t('screen.syncNow')}
        </button>
      </div>
      {syncNow ? <p className={`sync-message sync-message--${syncNow.ok ? 'ok' : 'warn'}`} role="status">{syncNow.text}</p> : null}
      {status.authError ? (
        <div className="sync-message sync-message--danger" role="alert">
          <span>{status.authError.message}</span>
          <button type="button" className="action-button action-button--danger" onClick={() => setRelogin(true)}>{t('indicator.relogin')}</button>
          <ReloginDialog open={relogin} onClose={() => setRelogin(false)} />
        </div>
      ) : null}
      {!initial.complete && initial.total > 0 ? (
        <progress className="sync-progress" max={initial.total} value={Math.min(initial.done, initial.total)} aria-label={t('screen.initial')} />
      ) : null}
      <dl className="facts">
        {rows.map(([label, value]) => (
          <FactRow key={label} label={label} value={value} />
        ))}
      </dl>
      {status.lastError ? (
        <details className="sync-technical">
          <summary>{t('screen.lastError')}</summary>
          <code>{status.lastError}</code>
        </details>
      ) : null}
    </section>
  );
}

/** What 立即同步 can do now: start a sync, or why it cannot. */
function syncNowAnswer(status: SyncStatus, t: (key: string) => string): { text: string; ok: boolean } {
  if (status.authError || status.connection === 'authError') return { text: t('progress.syncNowAuth'), ok: false };
  if (status.connection === 'offline') return { text: t('progress.syncNowOffline'), ok: false };
  if (status.connection === 'serverError') return { text: t('progress.syncNowServer'), ok: false };
  if (isLive(status)) return { text: t('progress.syncNowLive'), ok: true };
  return { text: t('screen.syncNowDone'), ok: true };
}

function PendingPanel({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('syncUi');
  const entries = (Object.entries(status.pendingUploads) as [DocType, number][]).filter(([, count]) => count > 0);
  return (
    <SyncPanel id="sync-pending" title={t('screen.pendingTitle')} count={status.pendingTotal}>
      {entries.length === 0 ? (
        <p className="sync-muted">{t('screen.pendingEmpty')}</p>
      ) : (
        <dl className="facts">
          {entries.map(([type, count]) => (
            <FactRow key={type} label={t(`types.${type}`)} value={t('screen.pendingRow', { count })} className="is-num" />
          ))}
        </dl>
      )}
    </SyncPanel>
  );
}

/** Conflict records are settled where their document is shown (a mediation case's page). */
function ConflictsPanel() {
  const { t } = useTranslation('syncUi');
  const open = useOpenConflicts();
  const byDoc = new Map<string, number>();
  for (const record of open) byDoc.set(record.docId, (byDoc.get(record.docId) ?? 0) + 1);
  return (
    <SyncPanel id="sync-conflicts" title={t('screen.conflictsTitle')} count={open.length} warn>
      {open.length === 0 ? (
        <p className="sync-muted">{t('screen.conflictsNone')}</p>
      ) : (
        <>
          <p className="sync-muted">{t('screen.conflictsBody', { count: open.length })}</p>
          <ul className="sync-links">
            {[...byDoc].map(([docId, count]) => {
              const key = docId.slice(docId.indexOf(':') + 1);
              const isCase = docId.startsWith('mediationCase:');
              return (
                <li key={docId}>
                  {isCase ? <a href={hrefOfView({ view: 'case', key })}>{t('screen.conflictsLink')} {key}</a> : <span>{docId}</span>}
                  <span className="sync-muted">（{t('screen.count', { count })}）</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </SyncPanel>
  );
}

/** The stated rule for settled records, and what its last run cleared. */
function RetentionPanel() {
  const { t } = useTranslation('syncUi');
  const { days, last } = useRetention();
  const detail = last
    ? QUARANTINE_KINDS.filter((kind) => last.byKind[kind]).map((kind) => t(`retention.kinds.${kind}`, { count: last.byKind[kind] })).join('，')
    : '';
  return (
    <section className="panel panel--padded" aria-labelledby="sync-retention">
      <h2 id="sync-retention" className="panel__title">{t('retention.title')}</h2>
      <p>{days === undefined ? t('retention.loading') : t('retention.rule', { days })}</p>
      <p className="sync-muted">{t('retention.ruleSource', { days: DEFAULT_SETTLED_RETENTION_DAYS })}</p>
      <p role="status">
        {!last
          ? t('retention.never')
          : last.removed === 0
            ? t('retention.lastNone', { at: formatDateTime(last.at) })
            : t('retention.last', { at: formatDateTime(last.at), count: last.removed, detail: detail ? `（${detail}）` : '' })}
      </p>
    </section>
  );
}

function ConfigPanel() {
  const { t } = useTranslation('app');
  const { station, platform } = useSession();
  // A station set up by code alone stores its code as its name: the one name lookup names it.
  const names = useNames();
  const notSet = t('list.notSet');
  const config: [string, string][] = [
    [t('syncScreen.districtName'), station.districtName || notSet],
    [t('syncScreen.stationName'), names.unit(station.stationCode)],
    [t('syncScreen.stationCode'), station.stationCode],
    [t('syncScreen.districtUrl'), station.districtUrl || notSet],
    [t('syncScreen.username'), station.username || notSet],
    [t('syncScreen.platform'), t(`syncScreen.platforms.${platform}`)],
  ];
  return (
    <section className="panel panel--padded" aria-labelledby="sync-config">
      <h2 id="sync-config" className="panel__title">{t('syncScreen.configTitle')}</h2>
      <dl className="facts sync-config">
        {config.map(([label, value]) => (
          <FactRow key={label} label={label} value={value} />
        ))}
      </dl>
    </section>
  );
}

function LocalPanel() {
  const { t } = useTranslation('app');
  return (
    <section className="panel panel--padded" aria-labelledby="sync-local">
      <h2 id="sync-local" className="panel__title">{t('syncScreen.localTitle')}</h2>
      <dl className="facts">
        {SHOWN.map((name) => (
          <CollectionCount key={name} name={name} />
        ))}
      </dl>
    </section>
  );
}

function CollectionCount({ name }: { name: CollectionName }) {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const count = useLiveCount(db[name] as (typeof db)['grids']);
  return <FactRow label={t(`syncScreen.collections.${name}`)} value={count === undefined ? '…' : number.format(count)} className="is-num" />;
}
