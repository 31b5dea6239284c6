/**
 * The preload must expose exactly the contract's functions on `window.gridlink` and nothing
 * that reaches ipcRenderer directly. Checked on the source (electron mocked) and on the built
 * one-file CJS bundle the sandbox actually loads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeFunctionNames, invokeContract } from '../../../ipc/contract';

interface FakeElectron {
  exposed: Map<string, Record<string, unknown>>;
  invoked: { channel: string; payload: unknown }[];
  listeners: Map<string, ((...args: unknown[]) => void)[]>;
  module: Record<string, unknown>;
}

function fakeElectron(): FakeElectron {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: { channel: string; payload: unknown }[] = [];
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const module = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        invoked.push({ channel, payload });
        if (channel === invokeContract.setFormDirty.channel) return { ok: false, error: { code: 'invalid-payload', message: 'form:set-dirty: dirty expected boolean' } };
        return { ok: true, value: { answered: channel } };
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
    },
  };
  return { exposed, invoked, listeners, module };
}

const fake = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock('electron', () => ({
  get contextBridge() {
    return fake.current!['contextBridge'];
  },
  get ipcRenderer() {
    return fake.current!['ipcRenderer'];
  },
}));

async function checkBridge(electron: FakeElectron) {
  expect([...electron.exposed.keys()]).toEqual(['gridlink']);
  const bridge = electron.exposed.get('gridlink')!;
  expect(Object.keys(bridge).sort()).toEqual([...bridgeFunctionNames].sort());
  for (const value of Object.values(bridge)) expect(typeof value).toBe('function');

  // Each function calls its own channel and unwraps the answer.
  expect(await (bridge['getStationConfig'] as () => Promise<unknown>)()).toEqual({ answered: 'station:get-config' });
  await (bridge['setupStation'] as (p: unknown) => Promise<unknown>)({ districtUrl: 'x' });
  expect(electron.invoked.at(-1)).toEqual({ channel: 'station:setup', payload: { districtUrl: 'x' } });
  // A refused call rejects with the code main gave.
  await expect((bridge['setFormDirty'] as (p: unknown) => Promise<unknown>)({ dirty: 'yes' })).rejects.toThrow(/^invalid-payload: /);

  // Events reach the listener without the IpcRendererEvent, and unsubscribe works.
  const seen: unknown[] = [];
  const off = (bridge['onUpdateStatus'] as (l: (p: unknown) => void) => () => void)((status) => seen.push(status));
  for (const listener of electron.listeners.get('update:status') ?? []) listener({ sender: 'ipcRenderer' }, { state: 'checking' });
  off();
  for (const listener of electron.listeners.get('update:status') ?? []) listener({ sender: 'ipcRenderer' }, { state: 'idle' });
  expect(seen).toEqual([{ state: 'checking' }]);
}

describe('preload bridge', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('exposes exactly the contract functions (source)', async () => {
    const electron = fakeElectron();
    fake.current = electron.module;
    await import('../../../preload/index');
    await checkBridge(electron);
  });

  const built = join(import.meta.dirname, '../../../out/preload/index.cjs');
  it.skipIf(!existsSync(built))('exposes exactly the contract functions (built out/preload/index.cjs, self-contained)', async () => {
    const code = readFileSync(built, 'utf8');
    // A sandboxed preload can require only electron's sandbox modules: everything else bundled.
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const electron = fakeElectron();
    const module = { exports: {} };
    runInNewContext(code, {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
        return electron.module;
      },
      module,
      exports: module.exports,
      console,
    });
    await checkBridge(electron);
  });
});
