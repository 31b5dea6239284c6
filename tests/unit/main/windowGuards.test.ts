import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, guardWebContents, isAppUrl, isExternalAllowed, type GuardedContents } from '../../../main/windowGuards';

const allowList = ['http://10.20.0.5:5984'];

/** A WebContents reduced to what the guard touches: events and the window-open handler. */
function fakeContents() {
  const events = new EventEmitter();
  let openHandler: Parameters<GuardedContents['setWindowOpenHandler']>[0] | null = null;
  const contents = {
    on: (name: string, listener: (...args: unknown[]) => void) => events.on(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  } as unknown as GuardedContents;
  const opened: string[] = [];
  guardWebContents(contents, {
    isAppUrl: (url) => isAppUrl(url),
    isExternalAllowed: (url) => isExternalAllowed(url, allowList),
    openExternal: (url) => opened.push(url),
  });
  const navigate = (name: string, url: string) => {
    const event = { preventDefault: vi.fn(), url };
    events.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0 ? 'refused' : 'allowed';
  };
  const windowOpen = (url: string) => openHandler!({ url } as Parameters<NonNullable<typeof openHandler>>[0]);
  return { navigate, windowOpen, opened, events };
}

describe('window guards', () => {
  it('lets the app move between its own pages', () => {
    const w = fakeContents();
    expect(w.navigate('will-navigate', 'gridlink://app/tickets')).toBe('allowed');
    expect(w.navigate('will-frame-navigate', 'gridlink://app/map')).toBe('allowed');
  });

  it('refuses navigation to another origin, including look-alikes and redirects', () => {
    const w = fakeContents();
    for (const url of ['https://evil.example/', 'gridlink://app.evil.example/', 'gridlink://other/', 'file:///etc/passwd', 'http://10.20.0.5:5984/_utils']) {
      expect(w.navigate('will-navigate', url), url).toBe('refused');
      expect(w.navigate('will-frame-navigate', url), url).toBe('refused');
      expect(w.navigate('will-redirect', url), url).toBe('refused');
    }
  });

  it('refuses every window.open; an allow-listed link opens in the system browser instead', () => {
    const w = fakeContents();
    expect(w.windowOpen('https://evil.example/phish')).toEqual({ action: 'deny' });
    expect(w.windowOpen('gridlink://app/')).toEqual({ action: 'deny' });
    expect(w.windowOpen('http://10.20.0.5:5984/manual.html')).toEqual({ action: 'deny' });
    expect(w.opened).toEqual(['http://10.20.0.5:5984/manual.html']);
  });

  it('refuses webviews', () => {
    const w = fakeContents();
    const event = { preventDefault: vi.fn() };
    w.events.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('opens only http(s) links to allow-listed origins externally', () => {
    expect(isExternalAllowed('http://10.20.0.5:5984/help', allowList)).toBe(true);
    expect(isExternalAllowed('http://10.20.0.5:5985/help', allowList)).toBe(false);
    expect(isExternalAllowed('http://user:pw@10.20.0.5:5984/', allowList)).toBe(false);
    expect(isExternalAllowed('file:///C:/Windows/system32/calc.exe', allowList)).toBe(false);
    expect(isExternalAllowed('javascript:alert(1)', allowList)).toBe(false);
    expect(isExternalAllowed('not a url', allowList)).toBe(false);
  });

  it('refuses every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
      setDevicePermissionHandler: (handler: typeof device) => (device = handler),
    } as unknown as Parameters<typeof denyAllPermissions>[0]);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });
});
