/**
 * The platform in a plain browser. A station is set up through the same form as the desktop
 * app and checked against the district server; only then is its config (never the password)
 * remembered in localStorage. The password lives in this page's memory: a reload asks again.
 *
 * Unlike the desktop app, where the password stays in the main process and the sync reaches the
 * district through main's proxy (main/districtProxy.ts), a web page has no process of its own to
 * keep it: the page holds the password in memory for the session and its sync sends it to the
 * district server itself (Basic auth over https). Anything running in the page can read it; the
 * desktop app is the deployment for shared office PCs (docs/deployment.md, "Security").
 *
 * The address may prefill the form (`?station=320506101002&stationName=…&district=https://…&
 * user=…&districtName=…`). A password put in the address is removed from it at once and never
 * used: addresses end up in history, bookmarks and server logs.
 */
import { defaultUpdateUrl, stationSetupSchema, type LogEntry, type SetupResult, type StationConfig as SavedStation, type SyncSnapshot } from '../../ipc/contract';
import { t } from '../../core/i18n';
import { databaseOfUnit } from '../../core/org';
import { DataKeyError, dataKeyWithPassword, wrapWithPassword, type WrappedKeyStore } from '../../core/dataKey';
import { hidePersonalData } from '../../core/personalData';
import { redactSecrets } from '../../core/redactSecrets';
import { APP_VERSION } from '../data/workstation';
import { checkStation, type StationCheckResult } from '../../sync/stationCheck';
import { authorizeSetupChange, isSetupChange, setupChangeMessageKey } from '../../sync/setupChange';
import { webPersonGuard } from './personSignIn';
import { parseStationConfig } from './stationConfig';
import type { Platform, SetupDefaults, StationConfig, StationCredentials } from './types';

export const STORAGE_KEY = 'gridlink.stationConfig';
/** Per station: its data key wrapped by the station password (core/dataKey.ts), in localStorage. */
export const DATA_KEY_PREFIX = 'gridlink.dataKey.';

/** Query parameter names → setup fields. */
const PARAMS = {
  station: 'stationCode',
  stationName: 'stationName',
  district: 'districtUrl',
  districtName: 'districtName',
  user: 'username',
} as const satisfies Record<string, keyof SetupDefaults>;

const SECRET_PARAMS = ['password', 'pass', 'pwd'];

function dropSecretsFromUrl(win: Window): void {
  const url = new URL(win.location.href);
  const found = SECRET_PARAMS.filter((name) => url.searchParams.has(name));
  if (found.length === 0) return;
  for (const name of found) url.searchParams.delete(name);
  win.history.replaceState(win.history.state, '', url);
}

/** After a setup, the address's station fields have served their purpose; a reload uses the saved setup. */
function forgetSetupInAddress(win: Window): void {
  const url = new URL(win.location.href);
  const names = Object.keys(PARAMS).filter((name) => url.searchParams.has(name));
  if (names.length === 0) return;
  for (const name of names) url.searchParams.delete(name);
  win.history.replaceState(win.history.state, '', url);
}

function defaultsFromQuery(search: URLSearchParams): SetupDefaults {
  const fields: SetupDefaults = {};
  for (const [param, field] of Object.entries(PARAMS)) {
    const value = search.get(param)?.trim();
    if (value) fields[field] = value;
  }
  return fields;
}

/** A remembered station that can sync (server and user known), else null. */
function configFromStorage(storage: Storage): StationConfig | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (raw === null) return null;
  try {
    const config = parseStationConfig(JSON.parse(raw));
    return config.districtUrl && config.username ? config : null;
  } catch {
    // A stale or hand-edited entry must not lock the clerk out: forget it and ask again.
    storage.removeItem(STORAGE_KEY);
    return null;
  }
}

/** Does the address name another station (or server, or user) than the remembered one? */
function addressDiffers(query: SetupDefaults, config: StationConfig): boolean {
  return (
    (query.stationCode !== undefined && query.stationCode !== config.stationCode) ||
    (query.districtUrl !== undefined && query.districtUrl !== config.districtUrl) ||
    (query.username !== undefined && query.username !== config.username)
  );
}

export function refusalOf(result: Exclude<StationCheckResult, { ok: true }>, stationCode: string): SetupResult {
  return { ok: false, reason: result.reason, message: t(`shell:setup.${result.reason}`, { code: stationCode }) };
}

function savedForm(config: StationConfig): SavedStation {
  return {
    ...config,
    database: databaseOfUnit(config.stationCode),
    updateUrl: defaultUpdateUrl(config.districtUrl),
    updateChannel: 'stable',
  };
}

/** Log lines a web page keeps for its diagnostics file (it has no log file). */
const KEPT_LOG_LINES = 200;

type KeptLine = LogEntry & { at: string };

/** The web page's diagnostics: what the desktop app's zip holds, as one JSON file, downloaded. */
function diagnosticsFile(station: StationConfig | null, sync: SyncSnapshot | null, lines: readonly KeptLine[], win: Window): string {
  const clean = (text: string) => hidePersonalData(redactSecrets(text));
  const report = {
    exportedAt: new Date().toISOString(),
    app: { kind: 'web', version: APP_VERSION, userAgent: win.navigator.userAgent, address: `${win.location.origin}${win.location.pathname}` },
    // Which station and server; never the login.
    station: station && {
      stationCode: station.stationCode,
      stationName: station.stationName,
      ...(station.districtName ? { districtName: station.districtName } : {}),
      districtUrl: clean(station.districtUrl),
    },
    sync: sync && { ...sync, lastError: sync.lastError === null ? null : clean(sync.lastError) },
    log: lines.map((line) => ({ ...line, message: clean(line.message) })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** `Chrome 134.0.6998.88` from a user agent (the whole string goes into the diagnostics file). */
function browserOf(userAgent: string): string {
  for (const [token, name] of [['Edg', 'Edge'], ['Firefox', 'Firefox'], ['HeadlessChrome', 'Chrome'], ['Chrome', 'Chrome'], ['Version', 'Safari']] as const) {
    const version = new RegExp(`\\b${token}/([\\d.]+)`).exec(userAgent)?.[1];
    if (version) return `${name} ${version}`;
  }
  return userAgent;
}

function download(win: Window, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = win.document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the URL by then; a later revoke cannot cut it.
  win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface WebPlatformOptions {
  /** Do not remember the station (demo and test sessions must not overwrite a real setup). */
  remember?: boolean;
  /** The server check; tests of the adapter may pass their own fetch through it. */
  check?: typeof checkStation;
}

export function webPlatform(win: Window = window, options: WebPlatformOptions = {}): Platform {
  const check = options.check ?? checkStation;
  /** This page session's password: never written anywhere. */
  let password: string | null = null;
  let current: StationConfig | null = null;
  const kept: KeptLine[] = [];
  /** The data key once opened this page session, and for which station. */
  let dataKey: { stationCode: string; raw: Uint8Array<ArrayBuffer> } | null = null;

  const keyStore = (stationCode: string): WrappedKeyStore => ({
    load: async () => win.localStorage.getItem(DATA_KEY_PREFIX + stationCode),
    save: async (wrapped) => win.localStorage.setItem(DATA_KEY_PREFIX + stationCode, wrapped),
  });
  const openDataKey = async (stationCode: string, withPassword: string): Promise<Uint8Array<ArrayBuffer>> => {
    if (dataKey?.stationCode === stationCode) return dataKey.raw;
    const raw = await dataKeyWithPassword(keyStore(stationCode), withPassword);
    dataKey = { stationCode, raw };
    return raw;
  };

  const query = (): SetupDefaults => {
    dropSecretsFromUrl(win);
    return defaultsFromQuery(new URLSearchParams(win.location.search));
  };

  return {
    kind: 'web',
    async getStationConfig() {
      const fromAddress = query();
      const saved = configFromStorage(win.localStorage);
      // A bookmark of another station opens the setup form for it, prefilled.
      current = saved && !addressDiffers(fromAddress, saved) ? saved : null;
      return current;
    },
    async getSetupDefaults() {
      const saved = configFromStorage(win.localStorage);
      const fromAddress = query();
      if (!saved || addressDiffers(fromAddress, saved)) return fromAddress;
      return { ...saved, ...fromAddress };
    },
    async getSyncAccess() {
      return current && password !== null ? { serverUrl: current.districtUrl, credentials: { username: current.username, password } satisfies StationCredentials } : null;
    },
    async configuredStation() {
      const saved = current ?? configFromStorage(win.localStorage);
      return saved && { districtUrl: saved.districtUrl, stationCode: saved.stationCode, stationName: saved.stationName };
    },
    async getDataKey() {
      return current && password !== null ? openDataKey(current.stationCode, password) : null;
    },
    async setupStation(input) {
      const setup = stationSetupSchema.parse(input);
      // Another station or server than the remembered one: the current password or a district
      // admin, as in the desktop app (sync/setupChange.ts). A page's storage is the clerk's to
      // clear, so here this guards against a slip, not against someone set on it.
      const configured = current ?? configFromStorage(win.localStorage);
      if (configured && isSetupChange(configured, setup)) {
        const authorized = await authorizeSetupChange({
          current: configured,
          heldPassword: current === configured ? password : null,
          currentPassword: setup.currentPassword,
          admin: setup.admin,
          check,
        });
        if (!authorized.ok) return { ok: false, reason: authorized.reason, message: t(setupChangeMessageKey(authorized.reason), { code: configured.stationCode }) };
      }
      const result = await check(setup);
      if (!result.ok) return refusalOf(result, setup.stationCode);
      const config: StationConfig = {
        districtUrl: setup.districtUrl,
        stationCode: setup.stationCode,
        stationName: setup.stationName || setup.stationCode,
        username: setup.username,
        ...(setup.districtName ? { districtName: setup.districtName } : {}),
      };
      if (options.remember !== false) win.localStorage.setItem(STORAGE_KEY, JSON.stringify(config));
      // A new password for a station whose key this page has open: wrapped again with it.
      if (dataKey?.stationCode === config.stationCode && password !== setup.password) await keyStore(config.stationCode).save(await wrapWithPassword(dataKey.raw, setup.password));
      current = config;
      password = setup.password;
      forgetSetupInAddress(win);
      return { ok: true, state: { status: 'ready', config: savedForm(config), secretStorage: 'memory-only' } };
    },
    async unlock(candidate) {
      if (!current) throw new Error(t('shell:setup.notConfigured'));
      const result = await check({ ...current, password: candidate });
      if (!result.ok && result.reason !== 'unreachable') return refusalOf(result, current.stationCode);
      if (!result.ok) {
        // Offline: the password-wrapped data key tells a wrong password from the right one.
        try {
          await openDataKey(current.stationCode, candidate);
        } catch (error) {
          if (!(error instanceof DataKeyError)) throw error;
          return refusalOf({ ok: false, reason: 'wrongPassword' }, current.stationCode);
        }
      }
      password = candidate;
      // Offline at start is normal for a village station: let the clerk work, sync will tell.
      return {
        ok: true,
        state: { status: 'ready', config: savedForm(current), secretStorage: 'memory-only' },
        ...(result.ok ? {} : { warning: t('shell:setup.offlineUnlock') }),
      };
    },

    async applyDistrictSettings() {
      // The web page is updated with its server: no feed or channel to follow.
    },
    async measureClockOffset() {
      // A page cannot read the district's Date header across origins, and the server answers an
      // unauthenticated probe with 401 (require_valid_user): the desktop app asks from main.
      return null;
    },
    async getAppInfo() {
      return { version: APP_VERSION, system: null, runtime: browserOf(win.navigator.userAgent), updateChannel: null };
    },
    // A web page is the server's current build at every load: nothing to download or install.
    updates: null,
    async setFormDirty() {},
    openLogFolder: null,
    writeLog(entry) {
      kept.push({ ...entry, at: new Date().toISOString() });
      if (kept.length > KEPT_LOG_LINES) kept.splice(0, kept.length - KEPT_LOG_LINES);
    },
    signInPerson(station, person, password) {
      return webPersonGuard(win.localStorage, station).signIn(person, password);
    },
    async exportDiagnostics(sync) {
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
      const name = `${t('shell:diagnostics.fileName')}${current ? `-${current.stationCode}` : ''}-${stamp}.json`;
      download(win, name, diagnosticsFile(current, sync, kept, win));
      return { saved: true, path: name };
    },
  };
}
