/**
 * Electron main: window and OS glue only. Every decision lives in a module next to this one
 * (protocol, guards, IPC, station, updates, logging) that Node tests load with fakes.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell, type SaveDialogOptions } from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { basename, dirname, join } from 'node:path';
import { t } from '../core/i18n';
import { APP_HOST, APP_SCHEME, APP_URL, DISTRICT_SCHEME, eventContract, type AppInfo, type UpdateStatus } from '../ipc/contract';
import { checkStation } from '../sync/stationCheck';
import { appInvokeHandlers } from './appHandlers';
import { appSchemePrivileges, contentSecurityPolicy, createAppRequestHandler, pageConnectSources, stationConnectOrigins } from './appProtocol';
import { createDistrictProxy, districtSchemePrivileges, districtTargetOf, type MainFetch } from './districtProxy';
import { exportDiagnostics } from './diagnostics';
import { createPersonService } from './personService';
import { registerIpcHandlers } from './ipcHandlers';
import { configureFileLog, redactLogSecrets } from './logging';
import { mainWindowOptions } from './mainWindow';
import { appMenuTemplate } from './menu';
import { trackReleaseNotes } from './releaseNotes';
import { createRendererLog } from './rendererLog';
import { createStationService } from './stationService';
import { createStationStore } from './stationStore';
import { UPDATE_PUBLIC_KEY } from './buildConstants';
import { updateFeedOf } from './updateFeed';
import { createUpdateService } from './updateService';
import { denyAllPermissions, guardWebContents, isAppUrl, isExternalAllowed } from './windowGuards';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined;
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadFile = join(import.meta.dirname, '../preload/index.cjs');

// Chromium's own UI (date pickers, spell check, context menus) in Chinese whatever the OS locale.
app.commandLine.appendSwitch('lang', 'zh-CN');

// Privileged schemes must be declared before the app is ready.
protocol.registerSchemesAsPrivileged([appSchemePrivileges, districtSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  // A second start would open the same IndexedDB twice: hand over to the running one.
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  const logPath = configureFileLog(log.transports.file, { logsDir: join(app.getPath('userData'), 'logs') });
  redactLogSecrets(log);
  log.errorHandler.startCatching();
  log.info(`Gridlink ${app.getVersion()} starting (${process.platform}-${process.arch})`);

  let mainWindow: BrowserWindow | null = null;
  let formDirty = false;
  const appUrl = (url: string): boolean => isAppUrl(url, devServerUrl);

  const station = createStationService({
    store: createStationStore({ dir: join(app.getPath('userData'), 'station'), safeStorage, log }),
    check: checkStation,
    requireHttps: app.isPackaged,
    log,
  });

  const { autoUpdater, DebUpdater } = electronUpdater;
  autoUpdater.logger = log;
  // Before the service: its listener must have the notes when the service sends 'available'.
  const describeUpdate = trackReleaseNotes(autoUpdater, UPDATE_PUBLIC_KEY);
  const updates = createUpdateService({
    updater: autoUpdater,
    isPackaged: app.isPackaged,
    publicKey: UPDATE_PUBLIC_KEY,
    managedInstall: autoUpdater instanceof DebUpdater,
    isFormDirty: () => formDirty,
    send: (status: UpdateStatus) => mainWindow?.webContents.send(eventContract.updateStatus.channel, describeUpdate(status)),
    log,
  });

  const externalOrigins = (): string[] => stationConnectOrigins(station.getConfig());
  const openExternal = (url: string): void => void shell.openExternal(url);
  const openLogFolder = (): void => void shell.openPath(dirname(logPath));
  const appInfo = (): AppInfo => ({
    version: app.getVersion(),
    platform: process.platform,
    arch: process.arch,
    electron: process.versions['electron'] ?? '',
    chrome: process.versions['chrome'] ?? '',
  });
  const chooseDiagnosticsFile = async (suggestedName: string): Promise<string | null> => {
    const options: SaveDialogOptions = {
      title: t('shell:diagnostics.saveTitle'),
      defaultPath: join(app.getPath('downloads'), suggestedName),
      filters: [{ name: t('shell:diagnostics.zipFilter'), extensions: ['zip'] }],
    };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, {
      isAppUrl: appUrl,
      openExternal,
      isExternalAllowed: (url) => isExternalAllowed(url, externalOrigins()),
      log: (message) => log.warn(message),
    }),
  );
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  denyAllPermissions(session.defaultSession, (message) => log.warn(message));
  protocol.handle(
    APP_SCHEME,
    createAppRequestHandler({ rootDir: rendererDir, csp: () => contentSecurityPolicy(pageConnectSources(station.getConfig())) }),
  );
  // The renderer's sync reaches the district only through here: main adds the station's login,
  // which never crosses into the page. net.fetch: Chromium's network stack (system certificates
  // and proxy, as the page had), never our own schemes again.
  const districtTarget = () => districtTargetOf(station.getConfig(), station.getCredentials());
  const mainFetch: MainFetch = (url, init) => net.fetch(url, { ...init, bypassCustomProtocolHandlers: true });
  protocol.handle(
    DISTRICT_SCHEME,
    createDistrictProxy({
      target: districtTarget,
      fetch: mainFetch,
      isAppOrigin: (origin) => appUrl(`${origin}/`),
      // URL.origin is "null" for a custom scheme: spelled out.
      appOrigin: devServerUrl ? new URL(devServerUrl).origin : `${APP_SCHEME}://${APP_HOST}`,
      log,
    }),
  );

  await station.init();
  const configureUpdates = (): void => updates.configure(updateFeedOf(station.getConfig(), station.getCredentials()));
  station.onChange(configureUpdates);

  registerIpcHandlers({
    ipcMain,
    isAppUrl: appUrl,
    log,
    handlers: appInvokeHandlers({
      appInfo,
      station,
      updates,
      configureUpdates,
      setFormDirty: (dirty) => {
        formDirty = dirty;
      },
      externalOrigins,
      openExternal,
      openLogFolder,
      writeLog: createRendererLog({ log }),
      exportDiagnostics: async (request) => {
        const result = await exportDiagnostics(
          {
            logsDir: dirname(logPath),
            homeDir: app.getPath('home'),
            appInfo: () => ({ ...appInfo(), packaged: app.isPackaged }),
            stationState: () => station.getState(),
            updateStatus: () => describeUpdate(updates.getStatus()),
            chooseFile: chooseDiagnosticsFile,
          },
          request,
        );
        // Shown in its folder, so the clerk can attach it to a message to IT at once.
        if (result.saved) shell.showItemInFolder(result.path);
        log.info(result.saved ? `diagnostics bundle saved (${basename(result.path)})` : 'diagnostics bundle cancelled');
        return result;
      },
      describeUpdate,
      log,
      people: createPersonService({ file: join(app.getPath('userData'), 'people.json'), station: () => station.getConfig() }),
    }),
  });

  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ openLogFolder, checkForUpdates: () => void updates.check() })));

  mainWindow = new BrowserWindow(mainWindowOptions(preloadFile));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
    updates.stop();
  });
  await mainWindow.loadURL(devServerUrl ?? APP_URL);
  configureUpdates();
}
