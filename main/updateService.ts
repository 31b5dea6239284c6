/**
 * Auto-update from the district: electron-updater's generic provider pointed at the feed URL of
 * the station configuration, checked at start and every few hours, progress pushed to the
 * renderer. It never restarts on its own: the clerk clicks "重启以安装", and even that is refused
 * while a form holds unsaved input. A downloaded update otherwise installs when the app quits.
 *
 * The updater is passed in (electron-updater's `autoUpdater` in the app, a real DebUpdater with
 * a fake app in tests), so channel, staging and sha512 checks are electron-updater's own. Before
 * any download the feed's signature is checked against the district's public key built into the
 * app (main/updateSignature.ts): the sha512s only prove the installer matches the feed, not
 * that the district wrote the feed. Without a built-in key nothing is downloaded at all.
 */
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { InstallResult, UpdateChannel, UpdateStatus } from '../ipc/contract';
import { t } from '../core/i18n';
import { isFeedSignedBy } from './updateSignature';

export type UpdaterLike = Pick<
  AppUpdater,
  'on' | 'checkForUpdates' | 'downloadUpdate' | 'setFeedURL' | 'quitAndInstall' | 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'requestHeaders'
>;

export interface UpdateFeed {
  url: string;
  channel: UpdateChannel;
  /** Sent when the feed is on the district CouchDB (its release database needs a login). */
  authorization?: string;
}

export interface UpdateServiceOptions {
  updater: UpdaterLike;
  /** false in `electron-vite dev` and unpackaged runs: electron-updater would refuse anyway. */
  isPackaged: boolean;
  /** The district's release public key (PEM) built into the app; null: updates stay off. */
  publicKey: string | null;
  /** deb installs are IT-managed (installing needs root): announce, do not download. */
  managedInstall?: boolean;
  isFormDirty: () => boolean;
  send: (status: UpdateStatus) => void;
  intervalMs?: number;
  log?: { info(message: string): void; warn(message: string): void; error(message: string): void };
}

export interface UpdateService {
  /** Points the updater at a (new) feed and checks now and every intervalMs. */
  configure(feed: UpdateFeed | null): void;
  check(): Promise<UpdateStatus>;
  getStatus(): UpdateStatus;
  install(): InstallResult;
  stop(): void;
}

export const DEFAULT_UPDATE_INTERVAL_MS = 4 * 60 * 60 * 1000;

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { updater, log } = options;
  let status: UpdateStatus = !options.isPackaged
    ? { state: 'disabled', reason: 'not-packaged' }
    : options.publicKey === null
      ? { state: 'disabled', reason: 'unsigned-build' }
      : { state: 'disabled', reason: 'not-configured' };
  const enabled = options.isPackaged && options.publicKey !== null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let feedConfigured = false;

  const set = (next: UpdateStatus): void => {
    status = next;
    options.send(next);
  };

  // Channel switches must never install an older version: the local database has already been
  // migrated forward by the newer one (electron-updater allows downgrades on a channel change).
  updater.allowDowngrade = false;
  // Downloads start here, after the signature check, never inside electron-updater's check.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = !options.managedInstall;

  updater.on('checking-for-update', () => set({ state: 'checking' }));
  updater.on('update-not-available', (info: UpdateInfo) => set({ state: 'up-to-date', version: info.version }));
  updater.on('update-available', (info: UpdateInfo) => {
    if (options.publicKey !== null && isFeedSignedBy(info as UpdateInfo & Record<string, unknown>, options.publicKey)) {
      set({ state: 'available', version: info.version });
      return;
    }
    log?.error(`update ${info.version} refused: the feed's signature does not verify against the district's key`);
    set({ state: 'error', message: t('shell:update.badSignature', { version: info.version }) });
  });
  updater.on('download-progress', (progress: ProgressInfo) => {
    const version = status.state === 'available' || status.state === 'downloading' ? status.version : '';
    const percent = Math.min(100, Math.max(0, Math.floor(progress.percent)));
    // Progress arrives many times per second; the renderer only needs whole percents.
    if (status.state === 'downloading' && status.percent === percent) return;
    set({ state: 'downloading', version, percent });
  });
  updater.on('update-downloaded', (info: UpdateInfo) => set({ state: 'ready', version: info.version }));
  updater.on('error', (error: Error) => {
    log?.error(`update failed: ${error.message}`);
    // A download that failed after "ready" does not undo the downloaded update.
    if (status.state !== 'ready') set({ state: 'error', message: error.message });
  });

  const check = async (): Promise<UpdateStatus> => {
    if (!enabled || !feedConfigured) return status;
    if (status.state === 'checking' || status.state === 'downloading' || status.state === 'ready') return status;
    try {
      await updater.checkForUpdates();
      // 'available' only after the signature verified (the event above); the download's end
      // arrives through the events too.
      if (status.state === 'available' && !options.managedInstall) updater.downloadUpdate().catch(() => undefined);
    } catch (error) {
      // Already reported through the 'error' event; a failed check is retried at the next tick.
      log?.warn(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return status;
  };

  return {
    configure(feed) {
      if (timer !== null) clearInterval(timer);
      timer = null;
      feedConfigured = feed !== null;
      if (!enabled) {
        if (options.isPackaged) log?.warn('updates off: this build has no district release key (build/update-public-key.pem)');
        return;
      }
      if (feed === null) {
        set({ state: 'disabled', reason: 'not-configured' });
        return;
      }
      updater.setFeedURL({ provider: 'generic', url: feed.url, channel: feed.channel === 'beta' ? 'beta' : 'latest' });
      updater.requestHeaders = feed.authorization === undefined ? null : { authorization: feed.authorization };
      log?.info(`updates from ${feed.url} (channel ${feed.channel})`);
      if (status.state === 'disabled') set({ state: 'idle' });
      void check();
      timer = setInterval(() => void check(), options.intervalMs ?? DEFAULT_UPDATE_INTERVAL_MS);
      timer.unref?.();
    },
    check,
    getStatus: () => status,
    install() {
      if (status.state !== 'ready') return { started: false, reason: 'not-ready', message: t('shell:update.notReady') };
      if (options.isFormDirty()) return { started: false, reason: 'form-open', message: t('shell:update.formOpen') };
      log?.info(`restarting to install ${status.version}`);
      updater.quitAndInstall(false, true);
      return { started: true };
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
