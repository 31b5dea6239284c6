import { describe, expect, it, vi } from 'vitest';
import { invokeContract, type InvokeName } from '../../../ipc/contract';
import { createInvokeHandler, registerIpcHandlers, type InvokeHandlers } from '../../../main/ipcHandlers';
import { isAppUrl } from '../../../main/windowGuards';

const appFrame = { url: 'gridlink://app/setup', parent: null };
const setupInput = {
  districtUrl: 'http://10.20.0.5:5984',
  stationCode: '320506101002',
  username: 'station-320506101002',
  password: '密码-correct horse',
};

function handlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  const fail = () => {
    throw new Error('not used in this test');
  };
  const all = Object.fromEntries(Object.keys(invokeContract).map((name) => [name, fail])) as unknown as InvokeHandlers;
  return { ...all, ...overrides };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per contract channel', () => {
    const handle = vi.fn();
    const remove = registerIpcHandlers({ ipcMain: { handle, removeHandler: vi.fn() }, handlers: handlers(), isAppUrl: (url) => isAppUrl(url) });
    expect(handle.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.values(invokeContract).map((c) => c.channel).sort());
    remove();
  });

  it('runs a valid call from the app page', async () => {
    const setupStation = vi.fn(async () => ({ ok: false as const, reason: 'wrongPassword' as const, message: '用户名或密码错误' }));
    const wire = createInvokeHandler('setupStation', setupStation, { isAppUrl: (url) => isAppUrl(url) });
    expect(await wire({ senderFrame: appFrame }, setupInput)).toEqual({ ok: true, value: { ok: false, reason: 'wrongPassword', message: '用户名或密码错误' } });
    expect(setupStation).toHaveBeenCalledWith(setupInput);
  });

  it('refuses a message from a foreign frame without running the handler', async () => {
    const getStationConfig = vi.fn(() => null);
    const warn = vi.fn();
    const wire = createInvokeHandler('getStationConfig', getStationConfig, { isAppUrl: (url) => isAppUrl(url), log: { warn, error: vi.fn() } });
    const foreign = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      // Our own origin, but inside an iframe: still not the app's page.
      { senderFrame: { url: 'gridlink://app/', parent: appFrame } },
      { senderFrame: { url: 'gridlink://app.evil.example/', parent: null } },
      { senderFrame: null },
    ];
    for (const event of foreign) {
      expect(await wire(event, undefined)).toMatchObject({ ok: false, error: { code: 'foreign-sender' } });
    }
    expect(getStationConfig).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(foreign.length);
  });

  it('refuses a malformed payload with a validation error naming the field', async () => {
    const setupStation = vi.fn();
    const warn = vi.fn();
    const wire = createInvokeHandler('setupStation', setupStation, { isAppUrl: (url) => isAppUrl(url), log: { warn, error: vi.fn() } });
    const bad = [
      { ...setupInput, stationCode: '3205' },
      { ...setupInput, districtUrl: 'file:///etc/passwd' },
      { ...setupInput, password: 42 },
      'a string',
      undefined,
    ];
    for (const payload of bad) {
      const result = await wire({ senderFrame: appFrame }, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    const result = await wire({ senderFrame: appFrame }, { ...setupInput, stationCode: '3205' });
    expect(!result.ok && result.error.message).toMatch(/stationCode/);
    expect(setupStation).not.toHaveBeenCalled();
    // The refused payload held a password: it must not reach the log.
    expect(JSON.stringify(warn.mock.calls)).not.toContain(setupInput.password);
  });

  it('refuses a payload on a channel that takes none', async () => {
    const wire = createInvokeHandler('getStationConfig', () => null, { isAppUrl: (url) => isAppUrl(url) });
    expect(await wire({ senderFrame: appFrame }, { sneaky: true })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await wire({ senderFrame: appFrame }, undefined)).toEqual({ ok: true, value: null });
  });

  it('turns a handler failure into an error answer instead of a crash', async () => {
    const name: InvokeName = 'checkForUpdates';
    const wire = createInvokeHandler(name, () => Promise.reject(new Error('feed unreachable')), { isAppUrl: (url) => isAppUrl(url), log: { warn: vi.fn(), error: vi.fn() } });
    expect(await wire({ senderFrame: appFrame }, undefined)).toEqual({ ok: false, error: { code: 'failed', message: 'update:check: feed unreachable' } });
  });

  it('trusts the dev server page only when running from it', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
