/**
 * main/index.ts wired to a fake Electron: what the shell sets up at start, checked without the
 * Electron binary (the smoke test in tests/e2e checks the same against the real one).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeContract } from '../../../ipc/contract';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    lock: true,
    ready: false,
    calls: [] as string[],
    appListeners: new Map<string, Listener>(),
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipc: new Map<string, Listener>(),
    windows: [] as { options: { webPreferences: Record<string, unknown> }; url: string | null }[],
    menu: null as null | { label?: string; submenu?: { label?: string; click?: () => void }[] }[],
    permissionRequest: null as null | Listener,
    openPath: [] as string[],
    openExternal: [] as string[],
    netFetches: [] as string[],
    quit: 0,
  };
  class BrowserWindow {
    record: (typeof state.windows)[number];
    webContents = { send: () => undefined };
    constructor(options: (typeof state.windows)[number]['options']) {
      this.record = { options, url: null };
      state.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      state.calls.push('loadURL');
      return Promise.resolve();
    }
    once() {}
    on() {}
    isMinimized() {
      return false;
    }
    focus() {}
    restore() {}
    show() {}
  }
  const electron = {
    app: {
      get isPackaged() {
        return false;
      },
      requestSingleInstanceLock: () => state.lock,
      commandLine: { appendSwitch: (name: string, value?: string) => state.calls.push(`switch:${name}=${value ?? ''}`) },
      quit: () => void state.quit++,
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
      whenReady: () => {
        state.calls.push('whenReady');
        state.ready = true;
        return Promise.resolve();
      },
      getPath: () => state.userData,
      getVersion: () => '0.1.0',
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, handler: Listener) => state.ipc.set(channel, handler), removeHandler: () => undefined },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: typeof state.menu) => (state.menu = menu) },
    protocol: {
      registerSchemesAsPrivileged: (list: typeof state.privileged) => {
        state.calls.push('registerSchemesAsPrivileged');
        state.privileged.push(...list);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    net: {
      fetch: (url: string) => {
        state.netFetches.push(url);
        return Promise.resolve(new Response('{}'));
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
      getSelectedStorageBackend: () => 'basic_text',
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
    shell: {
      openPath: (path: string) => {
        state.openPath.push(path);
        return Promise.resolve('');
      },
      openExternal: (url: string) => {
        state.openExternal.push(url);
        return Promise.resolve();
      },
    },
  };
  const noop = () => undefined;
  const log = {
    transports: { file: {} as Record<string, unknown>, console: {} },
    errorHandler: { startCatching: noop },
    hooks: [] as unknown[],
    info: noop,
    warn: noop,
    error: noop,
  };
  const autoUpdater = { on: noop, setFeedURL: noop, checkForUpdates: () => Promise.resolve(null), quitAndInstall: noop };
  return { state, electron, log, autoUpdater };
});

vi.mock('electron', () => fake.electron);
// Both load 'electron' through Node's own require, which vi.mock does not reach.
vi.mock('electron-log/main', () => ({ default: fake.log }));
vi.mock('electron-updater', () => ({ default: { autoUpdater: fake.autoUpdater, DebUpdater: class {} } }));

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function startMain(options: { lock?: boolean } = {}) {
  const { state } = fake;
  state.userData = await mkdtemp(join(tmpdir(), 'gridlink-main-'));
  dirs.push(state.userData);
  state.lock = options.lock ?? true;
  Object.assign(state, { ready: false, calls: [], privileged: [], windows: [], menu: null, openPath: [], netFetches: [], quit: 0 });
  state.appListeners.clear();
  state.ipc.clear();
  state.protocolHandlers.clear();
  vi.resetModules();
  await import('../../../main/index');
  if (state.lock) await vi.waitFor(() => expect(state.calls).toContain('loadURL'));
  return state;
}

describe('main process start', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('a second start hands over to the running app and opens no window', async () => {
    const state = await startMain({ lock: false });
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
    expect(state.ipc.size).toBe(0);
  });

  it('opens one sandboxed, isolated window without Node on gridlink://app/', async () => {
    const state = await startMain();
    expect(state.windows).toHaveLength(1);
    const [window] = state.windows;
    expect(window!.url).toBe('gridlink://app/');
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(window!.options.webPreferences['preload'])).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('registers the app scheme as privileged before ready and serves it with the CSP', async () => {
    const state = await startMain();
    expect(state.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(state.calls.indexOf('whenReady'));
    // Chromium's own words (date pickers, menus) in Chinese, set before the app is ready.
    expect(state.calls.indexOf('switch:lang=zh-CN')).toBeGreaterThanOrEqual(0);
    expect(state.calls.indexOf('switch:lang=zh-CN')).toBeLessThan(state.calls.indexOf('whenReady'));
    expect(state.privileged).toEqual([
      { scheme: 'gridlink', privileges: expect.objectContaining({ standard: true, secure: true }) },
      { scheme: 'gridlink-district', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true }) },
    ]);
    const response = await state.protocolHandlers.get('gridlink')!(new Request('gridlink://app/no-such-file.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    // The page may fetch the district only through main's proxy scheme.
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' gridlink-district:;");
  });

  it('answers the district scheme itself: nothing is forwarded before a station is set up, nothing outside the sync ever', async () => {
    const state = await startMain();
    const district = state.protocolHandlers.get('gridlink-district')!;
    const headers = { origin: 'gridlink://app' };
    expect((await district(new Request('gridlink-district://district/gl-station-320506101002/_changes', { headers }))).status).toBe(503);
    expect((await district(new Request('gridlink-district://district/_users/_all_docs', { headers: { origin: 'https://evil.example' } }))).status).toBe(403);
    expect(state.netFetches).toEqual([]);
  });

  it('handles every contract channel and refuses a foreign frame', async () => {
    const state = await startMain();
    expect([...state.ipc.keys()].sort()).toEqual(Object.values(invokeContract).map((c) => c.channel).sort());
    const config = state.ipc.get(invokeContract.getStationConfig.channel)!;
    expect(await config({ senderFrame: { url: 'https://evil.example/', parent: null } }, undefined)).toMatchObject({ ok: false, error: { code: 'foreign-sender' } });
    expect(await config({ senderFrame: { url: 'gridlink://app/', parent: null } }, undefined)).toEqual({ ok: true, value: null });
    const state2 = state.ipc.get(invokeContract.getStationState.channel)!;
    expect(await state2({ senderFrame: { url: 'gridlink://app/', parent: null } }, undefined)).toEqual({ ok: true, value: { status: 'unconfigured' } });
  });

  it('guards every web page it creates and refuses permission requests', async () => {
    const state = await startMain();
    let openHandler: Listener | null = null;
    const contents = { on: () => undefined, setWindowOpenHandler: (handler: Listener) => (openHandler = handler) };
    state.appListeners.get('web-contents-created')!({}, contents);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const granted = vi.fn();
    state.permissionRequest!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('帮助 → 打开日志文件夹 opens the log folder in the user data folder', async () => {
    const state = await startMain();
    const help = state.menu!.find((item) => item.label === '帮助');
    const openLogs = help!.submenu!.find((item) => item.label === '打开日志文件夹');
    openLogs!.click!();
    expect(state.openPath).toEqual([join(state.userData, 'logs')]);
    expect(fake.log.transports.file['maxSize']).toBeGreaterThan(0);
  });
});
