/** The platform inside Electron: a thin adapter over the preload bridge. */
import { DISTRICT_PROXY_URL } from '../../ipc/contract';
import { fromBase64 } from '../../core/dataKey';
import type { GridlinkBridge } from './bridge';
import { parseStationConfig } from './stationConfig';
import type { HostUpdates, Platform, SetupDefaults } from './types';

function need<K extends keyof GridlinkBridge>(bridge: Partial<GridlinkBridge>, name: K): GridlinkBridge[K] {
  const fn = bridge[name];
  if (typeof fn !== 'function') {
    throw new Error(`preload bridge has no ${name}(): the preload and renderer builds do not match`);
  }
  return fn.bind(bridge) as GridlinkBridge[K];
}

export function electronPlatform(bridge: Partial<GridlinkBridge>): Platform {
  // What reports in the background (the unsaved-form flag, the log, update statuses) checks
  // before it calls: a bridge without it must not turn every keystroke into an error.
  const has = (name: keyof GridlinkBridge): boolean => typeof bridge[name] === 'function';
  const updates: HostUpdates | null =
    has('getUpdateStatus') && has('onUpdateStatus') && has('checkForUpdates') && has('installUpdate')
      ? {
          getStatus: () => need(bridge, 'getUpdateStatus')(),
          subscribe: (listener) => need(bridge, 'onUpdateStatus')(listener),
          check: () => need(bridge, 'checkForUpdates')(),
          install: () => need(bridge, 'installUpdate')(),
        }
      : null;
  return {
    kind: 'electron',
    async getStationConfig() {
      // Main decides what "set up" means: `unconfigured` also covers a saved station whose
      // password the keyring lost, which is set up again (and so stored again), not unlocked.
      const state = await need(bridge, 'getStationState')();
      // The bridge crosses a process boundary: check what comes back like any other input.
      return state.status === 'unconfigured' ? null : parseStationConfig(state.config);
    },
    async getSetupDefaults() {
      const saved = await need(bridge, 'getStationConfig')();
      if (saved === null) return {};
      const defaults: SetupDefaults = {
        districtUrl: saved.districtUrl,
        stationCode: saved.stationCode,
        stationName: saved.stationName,
        username: saved.username,
        updateUrl: saved.updateUrl,
        updateChannel: saved.updateChannel,
      };
      if (saved.districtName !== undefined) defaults.districtName = saved.districtName;
      return defaults;
    },
    async getSyncAccess() {
      // Main holds the password and adds it to every request it forwards (main/districtProxy.ts).
      const state = await need(bridge, 'getStationState')();
      return state.status === 'ready' ? { serverUrl: DISTRICT_PROXY_URL } : null;
    },
    async configuredStation() {
      const saved = await need(bridge, 'getStationConfig')();
      return saved && { districtUrl: saved.districtUrl, stationCode: saved.stationCode, stationName: saved.stationName };
    },
    async getDataKey() {
      const answer = await need(bridge, 'getDataKey')();
      return answer === null ? null : fromBase64(answer.key);
    },
    setupStation: (setup) => need(bridge, 'setupStation')(setup),
    unlock: (password) => need(bridge, 'unlockStation')({ password }),

    async measureClockOffset() {
      return (await need(bridge, 'measureClockOffset')()).offsetMs;
    },
    async applyDistrictSettings(settings) {
      await need(bridge, 'applyDistrictSettings')(settings);
    },
    async getAppInfo() {
      const [info, config] = await Promise.all([need(bridge, 'getAppInfo')(), need(bridge, 'getStationConfig')()]);
      return {
        version: info.version,
        system: `${info.platform} ${info.arch}`,
        runtime: [info.electron && `Electron ${info.electron}`, info.chrome && `Chromium ${info.chrome}`].filter(Boolean).join(' · '),
        updateChannel: config?.updateChannel ?? null,
      };
    },
    updates,
    async setFormDirty(dirty) {
      if (has('setFormDirty')) await need(bridge, 'setFormDirty')({ dirty });
    },
    openLogFolder: has('openLogFolder')
      ? async () => {
          await need(bridge, 'openLogFolder')();
        }
      : null,
    writeLog(entry) {
      if (!has('writeLog')) return;
      // Nowhere left to report a failed report: the page's console already showed the error.
      need(bridge, 'writeLog')(entry).catch(() => undefined);
    },
    exportDiagnostics: (sync) => need(bridge, 'exportDiagnostics')({ sync }),
    // Main checks and keeps the verifiers; the station is main's own configured one.
    signInPerson: (_station, person, password) => need(bridge, 'signInPerson')({ person, password }),
  };
}
