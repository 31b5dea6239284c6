/**
 * A loopback TCP proxy in front of the test server, so a test can make the server unreachable
 * and reachable again ("offline", "network back") without stopping it. Works the same in
 * front of the embedded server and a real CouchDB.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** `http://127.0.0.1:<proxy port>`: use this as the server URL in the client under test. */
  url: string;
  /** Drop every open connection and refuse new ones until `restore()`. */
  cut(): Promise<void>;
  /**
   * Drop every open connection and answer every request with HTTP `status` until `restore()`:
   * a server that is up but failing (a 503 from a reverse proxy in front of CouchDB). CORS
   * preflights are answered as CouchDB answers them, so a page sees the status itself.
   */
  failWith(status: number): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 80);
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | null = null;

  let failing: number | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        if (failing !== null) return answer(client, failing, sockets);
        const upstream = connect(targetPort, target.hostname);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    cut: close,
    async failWith(status) {
      await close();
      failing = status;
      await listen();
    },
    async restore() {
      if (failing !== null) {
        failing = null;
        await close();
      }
      await listen();
    },
    stop: close,
  };
}

/** Answers each request on `client` with `status` (a preflight with 204), keeping CORS as CouchDB sets it. */
function answer(client: Socket, status: number, sockets: Set<Socket>): void {
  sockets.add(client);
  client.on('error', () => client.destroy()).on('close', () => sockets.delete(client));
  client.on('data', (chunk) => {
    const head = chunk.toString('latin1');
    const origin = /^origin:\s*(.+)$/im.exec(head)?.[1]?.trim();
    const preflight = head.startsWith('OPTIONS ');
    const body = preflight ? '' : JSON.stringify({ error: 'unavailable', reason: `status ${status} from the test proxy` });
    const cors = origin
      ? [`Access-Control-Allow-Origin: ${origin}`, 'Access-Control-Allow-Credentials: true', 'Access-Control-Allow-Methods: GET, PUT, POST, HEAD, DELETE', 'Access-Control-Allow-Headers: accept, authorization, content-type, origin, referer, cache-control, x-requested-with']
      : [];
    const lines = [`HTTP/1.1 ${preflight ? '204 No Content' : `${status} Failing`}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: keep-alive', ...cors];
    client.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}
