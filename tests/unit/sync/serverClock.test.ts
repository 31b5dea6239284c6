/** The clock offset from a real HTTP answer's Date header, on loopback. */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../district/devServer/embeddedServer';
import { measureClockOffset } from '../../../sync/serverClock';

let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server whose clock is `aheadMs` ahead of this machine's (or sends no Date at all). */
async function serverAhead(aheadMs: number | null): Promise<string> {
  server = createServer((_request, response) => {
    response.sendDate = false;
    if (aheadMs !== null) response.setHeader('date', new Date(Date.now() + aheadMs).toUTCString());
    response.end();
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}/`;
}

describe('the clock offset to the district server', () => {
  it('is the server time minus this machine’s, to about a second (the header has whole seconds)', async () => {
    expect(Math.abs((await measureClockOffset(await serverAhead(5 * 60_000)))! - 5 * 60_000)).toBeLessThan(1_500);
  });

  it('is negative when this machine runs ahead', async () => {
    expect(Math.abs((await measureClockOffset(await serverAhead(-12 * 60_000)))! + 12 * 60_000)).toBeLessThan(1_500);
  });

  it('is unknown without an answer or without a Date header', async () => {
    expect(await measureClockOffset(await serverAhead(null))).toBeNull();
    expect(await measureClockOffset(`http://127.0.0.1:${await freePort()}/`, fetch, 2_000)).toBeNull();
  });
});
