/** The platform inside Electron: a thin adapter over the preload bridge. */
import type { GridlinkBridge } from './bridge';
import { parseStationConfig } from './stationConfig';
import type { Platform } from './types';

function need<K extends keyof GridlinkBridge>(bridge: Partial<GridlinkBridge>, name: K): GridlinkBridge[K] {
  const fn = bridge[name];
  if (typeof fn !== 'function') {
    throw new Error(`preload bridge has no ${name}(): the preload and renderer builds do not match`);
  }
  return fn.bind(bridge) as GridlinkBridge[K];
}

export function electronPlatform(bridge: Partial<GridlinkBridge>): Platform {
  return {
    kind: 'electron',
    async getStationConfig() {
      const config = await need(bridge, 'getStationConfig')();
      // The bridge crosses a process boundary: check what comes back like any other input.
      return config === null ? null : parseStationConfig(config);
    },
  };
}
