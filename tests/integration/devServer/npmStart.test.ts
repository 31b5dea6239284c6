/**
 * `npm start` (scripts/start.ts) as a developer runs it: a taken port costs seconds and one
 * line, and however it is stopped, nothing it started keeps running. The runs are stopped
 * while the demo district is still being provisioned, before the build: these tests never
 * write out/, which other suites read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { freePort } from '../../../district/devServer/embeddedServer';
import { findElectronBinary } from '../../../scripts/electronBinary';
import { fakeCouch, type FakeCouch } from '../../support/fakeCouch';
import { cleanUp, dataFolder, isListening, npm, processGroup, within } from './devProcesses';

const servesWebPage = findElectronBinary() === null;
let couch: FakeCouch | null = null;
let holder: Server | null = null;

afterEach(async () => {
  cleanUp();
  await couch?.close();
  couch = null;
  await new Promise<void>((done) => (holder ? holder.close(() => done()) : done()));
  holder = null;
});

/** The one line a failed start prints, npm's own lines aside. */
function ownLines(stderr: string): string[] {
  return stderr
    .trim()
    .split('\n')
    .filter((line) => line && !line.startsWith('npm '));
}

async function startOnFreePorts() {
  const [districtPort, webPort] = [await freePort(), await freePort()];
  const run = npm(['start'], { GRIDLINK_DEV_PORT: String(districtPort), GRIDLINK_WEB_PORT: String(webPort), GRIDLINK_DEV_DATA: dataFolder() });
  // The district server is up (and, with no Electron binary, the web page's server before it).
  await run.waitFor(new RegExp(`listening on http://127\\.0\\.0\\.1:${districtPort}\\b`), 30_000);
  const ports = servesWebPage ? [districtPort, webPort] : [districtPort];
  for (const port of ports) expect(await isListening(port), `port ${port} open`).toBe(true);
  return { run, ports };
}

/** What a run left behind: processes in its group, and its ports still open. */
async function leftOver(run: ReturnType<typeof npm>, ports: number[]) {
  const open = await Promise.all(ports.map(isListening));
  return { processes: processGroup(run.pid), openPorts: ports.filter((_, i) => open[i]) };
}

async function expectAllGone(run: ReturnType<typeof npm>, ports: number[]) {
  await within(6_000, async () => {
    const left = await leftOver(run, ports);
    return left.processes.length === 0 && left.openPorts.length === 0;
  });
  expect(await leftOver(run, ports)).toEqual({ processes: [], openPorts: [] });
}

describe('npm start with a port taken', () => {
  it('exits within seconds with one clear line when a CouchDB holds the district port, and sends it no login', { timeout: 30_000 }, async () => {
    couch = await fakeCouch(await freePort());
    const data = dataFolder();
    const started = Date.now();
    const run = npm(['start'], { GRIDLINK_DEV_PORT: String(couch.port), GRIDLINK_WEB_PORT: String(await freePort()), GRIDLINK_DEV_DATA: data });
    const code = await run.exit(15_000);
    expect(code, run.stdout() + run.stderr()).not.toBeNull();
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const lines = ownLines(run.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${couch.port} on 127.0.0.1 is taken by a CouchDB 3.5.0`);
    expect(lines[0]).toContain(`GRIDLINK_DISTRICT_URL=http://127.0.0.1:${couch.port}`);
    expect(lines[0]).toContain('GRIDLINK_DEV_PORT');
    expect(couch.logins).toEqual([]);
    expect(run.stdout()).not.toContain('building the app');
  });

  it.runIf(servesWebPage)('exits within seconds with one clear line when the web page port is taken, starting no server', { timeout: 30_000 }, async () => {
    const webPort = await freePort();
    const districtPort = await freePort();
    // Some program holding the port: it takes connections and says nothing.
    holder = createServer((socket) => socket.resume());
    await new Promise<void>((ready) => holder?.listen(webPort, '127.0.0.1', ready));
    const run = npm(['start'], { GRIDLINK_DEV_PORT: String(districtPort), GRIDLINK_WEB_PORT: String(webPort), GRIDLINK_DEV_DATA: dataFolder() });
    const code = await run.exit(15_000);
    expect(code, run.stdout() + run.stderr()).not.toBeNull();
    expect(code).not.toBe(0);
    const lines = ownLines(run.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^port ${webPort} on 127\\.0\\.0\\.1 is taken by .*GRIDLINK_WEB_PORT`));
    expect(await isListening(districtPort)).toBe(false);
  });
});

describe.runIf(process.platform === 'linux')('stopping npm start', () => {
  it('killing only the npm process frees its ports and leaves no process behind', { timeout: 60_000 }, async () => {
    const { run, ports } = await startOnFreePorts();
    process.kill(run.pid, 'SIGTERM');
    await expectAllGone(run, ports);
  });

  it('Ctrl-C stops it and every process it started', { timeout: 60_000 }, async () => {
    const { run, ports } = await startOnFreePorts();
    // A terminal's Ctrl-C: SIGINT to the whole foreground process group.
    process.kill(-run.pid, 'SIGINT');
    await expectAllGone(run, ports);
  });
});
