/**
 * Who this workstation is, for its heartbeat: a random id made at its first start and kept in
 * its own storage (several workstations of one station must not share a report), the app's
 * version, and what its storage still allows the local database.
 */
const KEY = 'gridlink.workstationId';

declare const __GRIDLINK_VERSION__: string | undefined;

/** The version of this build (electron.vite.config.ts `define`); the same for app and web page. */
export const APP_VERSION: string = typeof __GRIDLINK_VERSION__ === 'string' ? __GRIDLINK_VERSION__ : '0.0.0-dev';

export function workstationId(storage: Storage = window.localStorage): string {
  try {
    const known = storage.getItem(KEY);
    if (known && /^ws-[0-9a-f]{8}$/.test(known)) return known;
    const made = `ws-${crypto.randomUUID().slice(0, 8)}`;
    storage.setItem(KEY, made);
    return made;
  } catch {
    // Storage refused (a locked-down profile): a report per session beats none.
    return `ws-${crypto.randomUUID().slice(0, 8)}`;
  }
}

/** Bytes the browser storage quota still leaves, or null where the host does not say. */
export async function storageLeft(): Promise<number | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { quota, usage } = await navigator.storage.estimate();
  return quota === undefined || usage === undefined ? null : Math.max(0, quota - usage);
}
