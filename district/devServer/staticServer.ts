/**
 * Serves a built web app (out/renderer) on 127.0.0.1 at a random port, as any plain web server
 * would: correct content types, no directory listing, nothing outside the root.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { contentType } from 'mime-types';

export interface StaticServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

async function fileFor(root: string, urlPath: string): Promise<string | null> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const path = normalize(join(root, relative));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const info = await stat(path).catch(() => null);
  if (info?.isFile()) return path;
  if (info?.isDirectory()) {
    const index = join(path, 'index.html');
    return (await stat(index).catch(() => null))?.isFile() ? index : null;
  }
  return null;
}

export interface StaticServerOptions {
  /** Extra response headers on every file, e.g. the Electron app's Content-Security-Policy. */
  headers?: Record<string, string>;
  /** 0 or absent: a free port. */
  port?: number;
}

export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    void fileFor(root, request.url ?? '/').then((file) => {
      if (!file) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      response.writeHead(200, {
        'content-type': contentType(file.split(sep).pop() ?? '') || 'application/octet-stream',
        'cache-control': 'no-store',
        ...options.headers,
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', ready);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
