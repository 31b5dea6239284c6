/**
 * A server on 127.0.0.1 that answers like Apache CouchDB and refuses every login, recording
 * each request that brought one: where a test's server must never send its admin login.
 */
import { createServer } from 'node:http';

export interface FakeCouch {
  port: number;
  /** Requests that carried an Authorization header: none may ever arrive. */
  logins: string[];
  close(): Promise<void>;
}

/** Something answering like Apache CouchDB on 127.0.0.1:`port`, refusing every login. */
export async function fakeCouch(port: number): Promise<FakeCouch> {
  const logins: string[] = [];
  const server = createServer((request, response) => {
    if (request.headers.authorization) logins.push(`${request.method} ${request.url}`);
    response.setHeader('content-type', 'application/json');
    if (request.url === '/') response.end(JSON.stringify({ couchdb: 'Welcome', version: '3.5.0' }));
    else response.writeHead(401).end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
  });
  await new Promise<void>((ready, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', ready);
  });
  return {
    port,
    logins,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
