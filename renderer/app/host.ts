/**
 * The host the page runs in (the desktop app's bridge, or the browser) for what concerns the
 * program rather than the station: the 关于本机 panel, the update badge, the error log and the
 * unsaved-form flag. startStation connects it as soon as it knows the host, before a station
 * opens, so an error during startup reaches the log too.
 */
import { unsavedForms } from '../data/unsavedForms';
import type { Platform } from '../platform';
import { reportPageErrors } from './errorLog';

let connected: Platform | null = null;
let disconnect: (() => void) | null = null;

export function connectHost(platform: Platform, win: Window = window): void {
  if (connected === platform) return;
  disconnect?.();
  connected = platform;
  const stopErrors = reportPageErrors(win, (entry) => platform.writeLog(entry));
  const stopForms = unsavedForms.connect((dirty) => {
    platform.setFormDirty(dirty).catch((error: unknown) => platform.writeLog({ level: 'warn', source: 'renderer', message: `unsaved-form flag not delivered: ${String(error)}` }));
  });
  disconnect = () => {
    stopErrors();
    stopForms();
  };
}

/** The connected host; null before startStation connects one (a benchmark page, a unit test). */
export function currentHost(): Platform | null {
  return connected;
}
