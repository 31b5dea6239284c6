/**
 * The Electron preload bridge (`window.gridlink`) as the renderer sees it. Its type is the one
 * IPC contract (ipc/contract.ts), so a channel renamed there fails to compile here. It is read
 * without augmenting the global Window type: the web build has no bridge at all.
 */
import type { GridlinkBridge } from '../../ipc/contract';

export type { GridlinkBridge };

/** The bridge object if a preload exposed one (we run inside Electron), else null. */
export function findBridge(win: Window): Partial<GridlinkBridge> | null {
  const candidate: unknown = (win as Window & { gridlink?: unknown }).gridlink;
  return typeof candidate === 'object' && candidate !== null ? (candidate as Partial<GridlinkBridge>) : null;
}
