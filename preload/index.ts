/**
 * The typed bridge: `window.gridlink`, one function per contract channel, never ipcRenderer
 * itself (a page holding ipcRenderer could call any channel with any payload).
 * Built as one self-contained CJS file, as a sandboxed preload must be.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventContract,
  invokeContract,
  type EventName,
  type EventPayload,
  type GridlinkBridge,
  type InvokeName,
  type InvokeRequest,
  type InvokeResponse,
  type IpcEnvelope,
} from '../ipc/contract';

async function call<K extends InvokeName>(name: K, payload?: InvokeRequest<K>): Promise<InvokeResponse<K>> {
  const envelope = (await ipcRenderer.invoke(invokeContract[name].channel, payload)) as IpcEnvelope<InvokeResponse<K>>;
  if (envelope.ok) return envelope.value;
  throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
}

function subscribe<K extends EventName>(name: K) {
  return (listener: (payload: EventPayload<K>) => void): (() => void) => {
    // Wrapped so the page never sees the IpcRendererEvent (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: EventPayload<K>): void => listener(payload);
    ipcRenderer.on(eventContract[name].channel, wrapped);
    return () => {
      ipcRenderer.removeListener(eventContract[name].channel, wrapped);
    };
  };
}

const bridge = {
  getAppInfo: () => call('getAppInfo'),
  getStationState: () => call('getStationState'),
  getStationConfig: () => call('getStationConfig'),
  setupStation: (payload) => call('setupStation', payload),
  applyDistrictSettings: (payload) => call('applyDistrictSettings', payload),
  measureClockOffset: () => call('measureClockOffset'),
  unlockStation: (payload) => call('unlockStation', payload),
  getDataKey: () => call('getDataKey'),
  getUpdateStatus: () => call('getUpdateStatus'),
  checkForUpdates: () => call('checkForUpdates'),
  installUpdate: () => call('installUpdate'),
  setFormDirty: (payload) => call('setFormDirty', payload),
  openExternal: (payload) => call('openExternal', payload),
  openLogFolder: () => call('openLogFolder'),
  writeLog: (payload) => call('writeLog', payload),
  exportDiagnostics: (payload) => call('exportDiagnostics', payload),
  signInPerson: (payload) => call('signInPerson', payload),
  onUpdateStatus: subscribe('updateStatus'),
} satisfies GridlinkBridge;

contextBridge.exposeInMainWorld('gridlink', bridge);
