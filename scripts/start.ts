/**
 * `npm start`: builds the app and runs it against a district server. With GRIDLINK_DISTRICT_URL
 * unset it starts the embedded default district (the demo district on 127.0.0.1, port
 * GRIDLINK_DEV_PORT or 5984, data in GRIDLINK_DEV_DATA or .data/dev-district). Where the
 * Electron binary is installed it opens the desktop app; otherwise it serves the same renderer
 * as a web page (port GRIDLINK_WEB_PORT or 5173) and prints its address.
 *
 * Ports are checked before anything starts, so a taken one costs seconds and one line, and no
 * login goes to a server this did not start. Ctrl-C, SIGTERM or npm killed stop everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { serveStatic, type StaticServer } from '../district/devServer/staticServer';
import { startDevDistrict, type DevDistrict } from '../district/devServer/devDistrict';
import { DataFolderInUseError } from '../district/devServer/dataFolderLock';
import { PortInUseError, assertPortFree, holderOf, parsePort, portInUseLine } from '../district/devServer/portCheck';
import { whenStarterGone } from '../district/devServer/starterWatch';
import { findElectronBinary } from './electronBinary';

const root = resolve(import.meta.dirname, '..');

/** Everything this process started, so that stopping stops all of it. */
const running: { web?: StaticServer; district?: DevDistrict; children: Set<ChildProcess> } = { children: new Set() };
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of running.children) {
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  }
  const children = [...running.children].map((child) => new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()))));
  // A district server still starting ends with this process (exitWithParent.cjs).
  void Promise.allSettled([...children, running.web?.close(), running.district?.server.stop()]).finally(() => process.exit(code));
}

/** A child that stops with this process: tracked until it exits. */
function track(child: ChildProcess): ChildProcess {
  running.children.add(child);
  child.once('exit', () => running.children.delete(child));
  return child;
}

function build(): Promise<void> {
  // electron-vite's own script, not `npx`: a signal reaches the build, not a wrapper.
  const bin = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin/electron-vite.js');
  const child = track(spawn(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' }));
  return new Promise((done, failed) => {
    child.once('error', failed);
    child.once('exit', (code) => (code === 0 ? done() : failed(new Error(stopping ? 'stopped' : `the build failed (exit code ${code}): see its output above`))));
  });
}

/** Serves the web page, holding its port from the start: a taken one is found before anything else runs. */
async function serveWebPage(port: number): Promise<StaticServer> {
  try {
    return await serveStatic(join(root, 'out/renderer'), { port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port, await holderOf(port));
    throw err;
  }
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  whenStarterGone(() => stop(0));

  const givenUrl = process.env.GRIDLINK_DISTRICT_URL || null;
  const devPort = parsePort(process.env.GRIDLINK_DEV_PORT || '5984', 'GRIDLINK_DEV_PORT');
  const dataDir = resolve(root, process.env.GRIDLINK_DEV_DATA || '.data/dev-district');
  const electron = findElectronBinary();
  const webPort = electron ? null : parsePort(process.env.GRIDLINK_WEB_PORT || '5173', 'GRIDLINK_WEB_PORT', true);

  if (!givenUrl) await portFree(devPort, 'GRIDLINK_DEV_PORT');
  if (webPort !== null) running.web = await serveWebPage(webPort).catch((err: unknown) => rethrowWith(err, 'GRIDLINK_WEB_PORT'));

  let districtUrl = givenUrl;
  if (!districtUrl) {
    console.log('No GRIDLINK_DISTRICT_URL: starting the embedded demo district…');
    running.district = await startDevDistrict({ dataDir, port: devPort, log: (line) => console.log(line) }).catch((err: unknown) => rethrowWith(err, 'GRIDLINK_DEV_PORT'));
    const { server } = running.district;
    void server.exited.then(({ code, signal }) => {
      if (stopping) return;
      console.error(`the district server stopped unexpectedly (${signal ?? `exit code ${code}`}); its log: ${server.logFile}`);
      stop(1);
    });
    districtUrl = server.url;
  }
  const district = running.district;
  const station = district?.credentials.find((c) => c.unit.length === 12);
  console.log(`district server: ${districtUrl}`);
  if (station) console.log(`demo station ${station.unit}: user ${station.user}, password ${station.password}  (all logins: ${join(dataDir, 'passwords.csv')})`);
  // Who signs in at that station once it is open (personal accounts, issue 15).
  for (const person of district?.credentials.filter((c) => station && c.unit === station.unit && c.user.startsWith('person-')) ?? []) console.log(`  a person there: ${person.user}, password ${person.password}`);

  console.log('building the app…');
  await build();

  if (electron) {
    console.log('opening the desktop app; on first run enter the district server and a station login above');
    const app = track(spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, GRIDLINK_DEFAULT_DISTRICT_URL: districtUrl } }));
    app.on('exit', () => stop(0));
    return;
  }
  const web = running.web as StaticServer;
  const query = new URLSearchParams({ district: districtUrl, districtName: district?.districtName ?? '', ...(station ? { station: station.unit, user: station.user } : {}) });
  const why = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' : '';
  console.log(`Electron's binary is not installed here${why}, so the app runs as a web page:`);
  console.log(`  ${web.url}/?${query.toString()}`);
  console.log(`  the demo district without a server: ${web.url}/?demo=1`);
  console.log('Ctrl-C stops the app and the server.');
}

async function portFree(port: number, variable: string): Promise<void> {
  await assertPortFree(port).catch((err: unknown) => rethrowWith(err, variable));
}

/** A taken port becomes an error saying which variable picks another; other errors pass. */
function rethrowWith(err: unknown, variable: string): never {
  if (err instanceof PortInUseError) throw new Error(portInUseLine(err, `choose another port with ${variable}`));
  if (err instanceof DataFolderInUseError) throw new Error(`${err.message} (GRIDLINK_DEV_DATA)`);
  throw err;
}

main().catch((err: unknown) => {
  if (stopping) return;
  console.error(err instanceof Error ? err.message : String(err));
  stop(1);
});
