/**
 * Before a dev server starts: is its port on 127.0.0.1 free, and if not, what answers there.
 * What answers is asked with a plain `GET /` and no credentials, so a login never reaches a
 * server this process did not start (a real CouchDB locks its admin out after a few wrong ones).
 */
import { createServer } from 'node:net';

/** What holds a taken port, as far as an anonymous `GET /` tells. */
export type PortHolder = { kind: 'couchdb'; version?: string } | { kind: 'embedded' } | { kind: 'web' } | { kind: 'unknown' };

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly holder: PortHolder,
  ) {
    super(`port ${port} on 127.0.0.1 is already in use`);
    this.name = 'PortInUseError';
  }
}

/**
 * Listens on 127.0.0.1:`port` and lets go at once; throws PortInUseError when something holds
 * it. This only says the port was free a moment ago: another program may take it before the
 * server listens, so whoever listens next must still handle EADDRINUSE (the embedded server and
 * the web server do, with the same error).
 */
export async function assertPortFree(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(false) : reject(err)));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
  if (!free) throw new PortInUseError(port, await holderOf(port));
}

/** Asks 127.0.0.1:`port` who it is: anonymously, briefly, following no redirect. */
export async function holderOf(port: number): Promise<PortHolder> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual', signal: AbortSignal.timeout(1500) });
    const welcome = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (welcome?.['couchdb'] === 'Welcome') return { kind: 'couchdb', ...(typeof welcome['version'] === 'string' ? { version: welcome['version'] } : {}) };
    if (welcome?.['express-pouchdb'] === 'Welcome') return { kind: 'embedded' };
    return { kind: 'web' };
  } catch {
    return { kind: 'unknown' };
  }
}

/**
 * One line for the person at the terminal: which port, what holds it, and `change`, how to use
 * another one (e.g. "set GRIDLINK_DEV_PORT to another port").
 */
export function portInUseLine(err: PortInUseError, change: string): string {
  const at = `port ${err.port} on 127.0.0.1`;
  switch (err.holder.kind) {
    case 'couchdb':
      return `${at} is taken by a CouchDB${err.holder.version ? ` ${err.holder.version}` : ''} already running there: the app uses it with GRIDLINK_DISTRICT_URL=http://127.0.0.1:${err.port} npm start; to run the embedded server beside it, ${change}`;
    case 'embedded':
      return `${at} is taken by another embedded district server (an earlier npm start or npm run server still running?): stop it, or ${change}`;
    case 'web':
      return `${at} is taken by a web server that is not CouchDB: stop it, or ${change}`;
    case 'unknown':
      return `${at} is taken by another program: stop it, or ${change}`;
  }
}

/**
 * A port from a flag or an environment variable; `from` names where it came from for the
 * error ("GRIDLINK_DEV_PORT", "--port"). 0 (a free port) only where `allowZero`.
 */
export function parsePort(text: string, from: string, allowZero = false): number {
  const port = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  const lowest = allowZero ? 0 : 1;
  if (!Number.isInteger(port) || port < lowest || port > 65535) throw new Error(`${from} must be a port number from ${lowest} to 65535, got "${text}"`);
  return port;
}
