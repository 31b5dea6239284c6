import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { freePort } from '../../../../district/devServer/embeddedServer';
import { PortInUseError, assertPortFree, parsePort, portInUseLine } from '../../../../district/devServer/portCheck';
import { fakeCouch, type FakeCouch } from '../../../support/fakeCouch';

let couch: FakeCouch | null = null;
let silent: Server | null = null;

afterEach(async () => {
  await couch?.close();
  couch = null;
  await new Promise<void>((done) => (silent ? silent.close(() => done()) : done()));
  silent = null;
});

async function refusal(port: number): Promise<PortInUseError> {
  const err = await assertPortFree(port).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PortInUseError);
  return err as PortInUseError;
}

describe('checking a dev server port', () => {
  it('lets a free port pass, and leaves it free', async () => {
    const port = await freePort();
    await assertPortFree(port);
    await assertPortFree(port);
  });

  it('names a CouchDB on the port, and how to use it or another port, without sending it a login', async () => {
    couch = await fakeCouch(await freePort());
    const err = await refusal(couch.port);
    expect(err.holder).toEqual({ kind: 'couchdb', version: '3.5.0' });
    expect(portInUseLine(err, 'choose another port with GRIDLINK_DEV_PORT')).toBe(
      `port ${couch.port} on 127.0.0.1 is taken by a CouchDB 3.5.0 already running there: the app uses it with GRIDLINK_DISTRICT_URL=http://127.0.0.1:${couch.port} npm start; to run the embedded server beside it, choose another port with GRIDLINK_DEV_PORT`,
    );
    expect(couch.logins).toEqual([]);
  });

  it('names a program that answers nothing as another program, within seconds', async () => {
    const port = await freePort();
    silent = createServer((socket) => socket.resume());
    await new Promise<void>((ready) => silent?.listen(port, '127.0.0.1', ready));
    const started = Date.now();
    const err = await refusal(port);
    expect(err.holder).toEqual({ kind: 'unknown' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(portInUseLine(err, 'choose another port with --port')).toBe(`port ${port} on 127.0.0.1 is taken by another program: stop it, or choose another port with --port`);
  });

  it('refuses a port setting that is not a port, naming where it came from', () => {
    expect(parsePort('5985', 'GRIDLINK_DEV_PORT')).toBe(5985);
    expect(parsePort('0', 'GRIDLINK_WEB_PORT', true)).toBe(0);
    expect(() => parsePort('0', '--port')).toThrow('--port must be a port number from 1 to 65535, got "0"');
    expect(() => parsePort('59 84', 'GRIDLINK_DEV_PORT')).toThrow('GRIDLINK_DEV_PORT must be a port number from 1 to 65535, got "59 84"');
    expect(() => parsePort('70000', 'GRIDLINK_DEV_PORT')).toThrow('got "70000"');
  });
});
