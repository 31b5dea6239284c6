/**
 * The app's IPC channels as the renderer reaches them: main's handlers (main/appHandlers.ts)
 * registered through main/ipcHandlers.ts on a fake ipcMain, called from the app's own page.
 * Each test passes the parts it exercises; the others throw if reached.
 */
import { invokeContract, type InvokeName, type IpcEnvelope, type InvokeResponse } from '../../../ipc/contract';
import { appInvokeHandlers, type AppHandlerDeps } from '../../../main/appHandlers';
import { registerIpcHandlers } from '../../../main/ipcHandlers';
import { isAppUrl } from '../../../main/windowGuards';

const APP_FRAME = { url: 'gridlink://app/', parent: null };

type Wire = (event: unknown, payload: unknown) => Promise<IpcEnvelope<unknown>>;

export type Invoke = <K extends InvokeName>(name: K, payload?: unknown) => Promise<IpcEnvelope<InvokeResponse<K>>>;

export function appIpc(deps: Partial<AppHandlerDeps>): Invoke {
  const notHere = (name: string) => () => {
    throw new Error(`${name} is not part of this test`);
  };
  const all: AppHandlerDeps = {
    appInfo: () => ({ version: '0.2.0', platform: 'linux', arch: 'x64', electron: '45.6.1', chrome: '142.0.0.0' }),
    station: new Proxy({}, { get: (_target, name) => notHere(`station.${String(name)}`) }) as AppHandlerDeps['station'],
    updates: new Proxy({}, { get: (_target, name) => notHere(`updates.${String(name)}`) }) as AppHandlerDeps['updates'],
    configureUpdates: notHere('configureUpdates'),
    setFormDirty: notHere('setFormDirty'),
    externalOrigins: () => [],
    openExternal: notHere('openExternal'),
    openLogFolder: notHere('openLogFolder'),
    writeLog: notHere('writeLog'),
    exportDiagnostics: notHere('exportDiagnostics'),
    log: { warn: () => undefined },
    ...deps,
  };
  const wires = new Map<string, Wire>();
  registerIpcHandlers({
    ipcMain: { handle: (channel: string, wire: Wire) => void wires.set(channel, wire), removeHandler: () => undefined } as never,
    handlers: appInvokeHandlers(all),
    isAppUrl: (url) => isAppUrl(url),
  });
  return (async (name: InvokeName, payload?: unknown) => wires.get(invokeContract[name].channel)!({ senderFrame: APP_FRAME }, payload)) as Invoke;
}
