/**
 * The station's configuration and password for this session: first-run setup (checked against
 * the district server before anything is saved), unlock when the password could not be kept,
 * and the credentials the sync engine asks for. The password lives in this closure and, when
 * the OS offers it, in safeStorage; nowhere else.
 */
import {
  defaultUpdateUrl,
  isSecureServerUrl,
  type SetupResult,
  type StationConfig,
  type StationCredentials,
  type StationSetup,
  type StationState,
  type UpdateChannel,
} from '../ipc/contract';
import type { StationCheckInput, StationCheckResult } from '../sync/stationCheck';
import { authorizeSetupChange, isSetupChange, setupChangeMessageKey, type checkDistrictAdmin, type SetupChangeRefusal } from '../sync/setupChange';
import { basemapOf } from '../core/basemap';
import { t } from '../core/i18n';
import { DataKeyError, fromBase64, generateDataKey, toBase64, unwrapWithPassword, wrapWithPassword } from '../core/dataKey';
import type { StationStore } from './stationStore';

export interface StationService {
  /** Reads the saved station; call once at start. */
  init(): Promise<void>;
  getState(): StationState;
  getConfig(): StationConfig | null;
  getCredentials(): StationCredentials | null;
  setup(input: StationSetup): Promise<SetupResult>;
  unlock(input: { password: string }): Promise<SetupResult>;
  /** The district's update feed and channel and basemap for this station; kept like the setup's own. */
  applyDistrictSettings(input: { updateChannel?: UpdateChannel; updateUrl?: string; basemapUrl?: string }): Promise<{ changed: boolean }>;
  /**
   * The data key of the local database (base64), made on first use; null until set up and
   * unlocked. Throws DataKeyError when the password does not open a password-wrapped key.
   */
  getDataKey(): Promise<{ key: string } | null>;
  /** Called whenever the configuration changes (CSP connect-src, update feed). */
  onChange(listener: (config: StationConfig) => void): void;
}

/** A configured station re-pointed at another station or server, and on whose word. */
export interface SetupChange {
  from: { districtUrl: string; stationCode: string };
  to: { districtUrl: string; stationCode: string };
  authorizedBy: { kind: 'currentPassword' } | { kind: 'districtAdmin'; admin: string };
}

export interface StationServiceOptions {
  store: StationStore;
  /** Packaged builds: the district and update addresses must be https (http only to this machine). */
  requireHttps?: boolean;
  check: (input: StationCheckInput) => Promise<StationCheckResult>;
  /** The district admin check for a setup change (default: `/_session` at the current server). */
  checkAdmin?: typeof checkDistrictAdmin;
  /**
   * Called when a configured station was changed to another station or server, with who
   * allowed it: a seam for the audit record (issue 15 part 5 wires it).
   */
  onSetupChanged?: (change: SetupChange) => void;
  log?: { info(message: string): void; warn(message: string): void };
}

function refusal(result: Exclude<StationCheckResult, { ok: true }>, stationCode: string): SetupResult {
  return { ok: false, reason: result.reason, message: t(`shell:setup.${result.reason}`, { code: stationCode }) };
}

function changeRefusal(reason: SetupChangeRefusal, stationCode: string): SetupResult {
  return { ok: false, reason, message: t(setupChangeMessageKey(reason), { code: stationCode }) };
}

export function createStationService(options: StationServiceOptions): StationService {
  const { store, check, log } = options;
  let config: StationConfig | null = null;
  let password: string | null = null;
  /** The data key once opened this session (base64). */
  let dataKey: string | null = null;
  const listeners: ((config: StationConfig) => void)[] = [];

  const getState = (): StationState => {
    if (config === null) return { status: 'unconfigured' };
    const secretStorage = store.canKeepPassword() ? 'safe-storage' : 'memory-only';
    if (password === null) {
      // With a working keyring a lost secret is re-asked through setup; this state is for basic_text.
      return secretStorage === 'memory-only' ? { status: 'locked', config, secretStorage } : { status: 'unconfigured' };
    }
    return { status: 'ready', config, secretStorage };
  };

  /** The first address that would carry credentials in clear, when https is required. */
  const insecureAddress = (addresses: { districtUrl: string; updateUrl: string }): string | null => {
    if (!options.requireHttps) return null;
    return [addresses.districtUrl, addresses.updateUrl].find((url) => !isSecureServerUrl(url)) ?? null;
  };

  /** The stored data key opened (or made and stored), kept sealed by the OS when it can. */
  const openDataKey = async (withPassword: string): Promise<string> => {
    const saved = await store.loadDataKey();
    let raw: Uint8Array<ArrayBuffer>;
    if (saved?.kind === 'os') raw = fromBase64(saved.key);
    else if (saved?.kind === 'password') raw = await unwrapWithPassword(saved.wrapped, withPassword);
    else raw = generateDataKey();
    const key = toBase64(raw);
    if (saved?.kind !== 'os' && store.canKeepPassword()) await store.saveDataKey({ kind: 'os', key });
    else if (saved === null) await store.saveDataKey({ kind: 'password', wrapped: await wrapWithPassword(raw, withPassword) });
    return key;
  };

  const insecureWarning = (): string | undefined => (store.canKeepPassword() ? undefined : t('shell:setup.insecureStorage'));

  return {
    async init() {
      const saved = await store.load();
      if (saved === null) return;
      const insecure = insecureAddress(saved.config);
      if (insecure) {
        // An address saved by an older version: set up again rather than send the password in clear.
        log?.warn(`saved station ${saved.config.stationCode} ignored: insecure address ${insecure}`);
        return;
      }
      config = saved.config;
      password = saved.password;
      for (const listener of listeners) listener(config);
    },

    getState,
    getConfig: () => config,
    getCredentials: () => (config !== null && password !== null ? { username: config.username, password } : null),
    async getDataKey() {
      if (config === null || password === null) return null;
      dataKey ??= await openDataKey(password);
      return { key: dataKey };
    },
    onChange: (listener) => listeners.push(listener),

    async setup(input) {
      // Signing in again (重新登录) sends the same station without its district settings (update
      // feed and channel, basemap): keep the ones IT set rather than falling back to the
      // defaults. Another station or server starts fresh.
      const same = config !== null && config.districtUrl === input.districtUrl && config.stationCode === input.stationCode ? config : null;
      const updateUrl = input.updateUrl ?? same?.updateUrl ?? defaultUpdateUrl(input.districtUrl);
      const updateChannel = input.updateChannel ?? same?.updateChannel ?? 'stable';
      const insecure = insecureAddress({ districtUrl: input.districtUrl, updateUrl });
      if (insecure) return { ok: false, reason: 'insecureUrl', message: t('shell:setup.insecureUrl', { url: insecure }) };
      // Another station or server: only with the current password or a district admin's word.
      const previous = config;
      let authorizedBy: SetupChange['authorizedBy'] | null = null;
      if (previous !== null && isSetupChange(previous, input)) {
        const authorized = await authorizeSetupChange({
          current: previous,
          heldPassword: password,
          currentPassword: input.currentPassword,
          admin: input.admin,
          check,
          ...(options.checkAdmin ? { checkAdmin: options.checkAdmin } : {}),
        });
        if (!authorized.ok) {
          log?.warn(`station change from ${previous.stationCode} to ${input.stationCode} at ${input.districtUrl} refused: ${authorized.reason}`);
          return changeRefusal(authorized.reason, previous.stationCode);
        }
        authorizedBy = authorized.by === 'districtAdmin' ? { kind: 'districtAdmin', admin: authorized.admin } : { kind: 'currentPassword' };
      }
      const result = await check({
        districtUrl: input.districtUrl,
        stationCode: input.stationCode,
        username: input.username,
        password: input.password,
      });
      if (!result.ok) {
        log?.warn(`station setup refused for ${input.stationCode} at ${input.districtUrl}: ${result.reason}`);
        return refusal(result, input.stationCode);
      }
      const next: StationConfig = {
        districtUrl: input.districtUrl,
        stationCode: input.stationCode,
        stationName: input.stationName ?? input.stationCode,
        ...(input.districtName === undefined ? {} : { districtName: input.districtName }),
        username: input.username,
        database: result.database,
        updateUrl,
        updateChannel,
        ...(same?.basemapUrl ? { basemapUrl: same.basemapUrl } : {}),
      };
      const { passwordKept } = await store.save(next, input.password);
      // A new password re-wraps a password-wrapped data key this session has opened.
      if (dataKey !== null && !passwordKept) await store.saveDataKey({ kind: 'password', wrapped: await wrapWithPassword(fromBase64(dataKey), input.password) });
      config = next;
      password = input.password;
      log?.info(`station ${next.stationCode} configured (database ${next.database}, password ${passwordKept ? 'in safeStorage' : 'in memory only'})`);
      if (previous !== null && authorizedBy !== null) {
        log?.info(`station changed from ${previous.stationCode} (${previous.districtUrl}) to ${next.stationCode}, allowed by ${authorizedBy.kind === 'districtAdmin' ? `district admin ${authorizedBy.admin}` : 'the current password'}`);
        options.onSetupChanged?.({ from: { districtUrl: previous.districtUrl, stationCode: previous.stationCode }, to: { districtUrl: next.districtUrl, stationCode: next.stationCode }, authorizedBy });
      }
      for (const listener of listeners) listener(next);
      const warning = insecureWarning();
      return { ok: true, state: getState(), ...(warning === undefined ? {} : { warning }) };
    },

    async applyDistrictSettings(input) {
      if (config === null) return { changed: false };
      // A basemap no map could draw is not let into the page's security policy.
      const basemapUrl = input.basemapUrl !== undefined && basemapOf(input.basemapUrl) !== null ? input.basemapUrl : undefined;
      const next: StationConfig = {
        ...config,
        ...(input.updateChannel ? { updateChannel: input.updateChannel } : {}),
        ...(input.updateUrl ? { updateUrl: input.updateUrl } : {}),
        ...(basemapUrl ? { basemapUrl } : {}),
      };
      if (next.updateChannel === config.updateChannel && next.updateUrl === config.updateUrl && next.basemapUrl === config.basemapUrl) return { changed: false };
      const insecure = insecureAddress(next);
      if (insecure) {
        log?.warn(`district settings ignored: update address ${insecure} is not https`);
        return { changed: false };
      }
      // Saved with the password this session holds; without one (not unlocked yet) it waits
      // in memory until the next sign-in saves the config.
      if (password !== null) await store.save(next, password);
      config = next;
      log?.info(`settings from the district: update feed ${next.updateUrl} (channel ${next.updateChannel}), basemap ${next.basemapUrl ?? 'none'}`);
      for (const listener of listeners) listener(next);
      return { changed: true };
    },

    async unlock(input) {
      if (config === null) throw new Error(t('shell:setup.notConfigured'));
      const result = await check({ ...config, password: input.password });
      if (!result.ok && result.reason !== 'unreachable') return refusal(result, config.stationCode);
      // Offline, a password-wrapped data key tells a wrong password from the right one.
      try {
        dataKey = await openDataKey(input.password);
      } catch (error) {
        if (!(error instanceof DataKeyError)) throw error;
        // The server took a password the key was not wrapped with (changed since): opening the
        // station then says so (getDataKey throws); offline it is simply the wrong password.
        if (!result.ok) return { ok: false, reason: 'wrongPassword', message: t('shell:setup.wrongPassword', { code: config.stationCode }) };
      }
      password = input.password;
      // Offline at start is normal for a village station: let the clerk work, sync will tell.
      const warning = result.ok ? insecureWarning() : t('shell:setup.offlineUnlock');
      return { ok: true, state: getState(), ...(warning === undefined ? {} : { warning }) };
    },
  };
}
