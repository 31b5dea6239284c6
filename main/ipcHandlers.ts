/**
 * Registers one ipcMain handler per contract channel. Each handler first checks that the call
 * comes from the app's own top-level page (not an iframe or a page the window was tricked into
 * loading), then validates the payload with the contract's schema, and only then runs.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import {
  invokeContract,
  type InvokeName,
  type InvokeRequest,
  type InvokeResponse,
  type IpcEnvelope,
} from '../ipc/contract';

export type InvokeHandlers = {
  [K in InvokeName]: (payload: InvokeRequest<K>) => Promise<InvokeResponse<K>> | InvokeResponse<K>;
};

/** The parts of a sender frame the check reads (a WebFrameMain in Electron). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}
export type IpcEventLike = { senderFrame: SenderFrame | null };

export interface RegisterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: InvokeHandlers;
  isAppUrl: (url: string) => boolean;
  log?: { warn(message: string): void; error(message: string): void };
}

export function isTrustedSender(event: IpcEventLike, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  // A destroyed frame (null) or a child frame is never trusted, even on our own origin.
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** The wire handler of one channel, exported so tests can call it with a fake event. */
export function createInvokeHandler<K extends InvokeName>(
  name: K,
  handler: InvokeHandlers[K],
  options: Pick<RegisterOptions, 'isAppUrl' | 'log'>,
): (event: IpcEventLike, payload: unknown) => Promise<IpcEnvelope<InvokeResponse<K>>> {
  const { channel, request } = invokeContract[name];
  return async (event, payload) => {
    if (!isTrustedSender(event, options.isAppUrl)) {
      options.log?.warn(`ipc ${channel} refused: sender ${event.senderFrame?.url ?? '(destroyed frame)'} is not the app`);
      return { ok: false, error: { code: 'foreign-sender', message: `${channel}: sender is not the app` } };
    }
    const parsed = (request as z.ZodType).safeParse(payload);
    if (!parsed.success) {
      // The payload itself is not logged: it may hold a password.
      options.log?.warn(`ipc ${channel} refused: invalid payload`);
      return { ok: false, error: { code: 'invalid-payload', message: `${channel}: ${z.prettifyError(parsed.error)}` } };
    }
    try {
      const run = handler as (payload: unknown) => Promise<InvokeResponse<K>> | InvokeResponse<K>;
      return { ok: true, value: await run(parsed.data) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.log?.error(`ipc ${channel} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      return { ok: false, error: { code: 'failed', message: `${channel}: ${message}` } };
    }
  };
}

/** Returns a function that removes every handler again (used on window teardown in tests). */
export function registerIpcHandlers(options: RegisterOptions): () => void {
  const names = Object.keys(invokeContract) as InvokeName[];
  for (const name of names) {
    const wire = createInvokeHandler(name, options.handlers[name] as InvokeHandlers[typeof name], options);
    options.ipcMain.handle(invokeContract[name].channel, (event: IpcMainInvokeEvent, payload: unknown) => wire(event, payload));
  }
  return () => {
    for (const name of names) options.ipcMain.removeHandler(invokeContract[name].channel);
  };
}
