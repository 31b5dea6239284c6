/**
 * `npm run server`: the embedded default district on 127.0.0.1, for development and demos.
 * Stops on Ctrl-C, on SIGTERM and when npm is killed. Apache CouchDB in production: see
 * docs/deployment.md.
 */
import { Command } from 'commander';
import { startDevDistrict, type DevDistrict } from './devDistrict';
import { DataFolderInUseError } from './dataFolderLock';
import { PortInUseError, parsePort, portInUseLine } from './portCheck';
import { whenStarterGone } from './starterWatch';

let district: DevDistrict | null = null;
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  // Stopped while starting: the server ends with this process (exitWithParent.cjs).
  void (district?.server.stop() ?? Promise.resolve()).finally(() => process.exit(code));
}

function fail(err: unknown): never {
  if (err instanceof PortInUseError) console.error(portInUseLine(err, 'choose another port with --port (or GRIDLINK_DEV_PORT)'));
  else if (err instanceof DataFolderInUseError) console.error(`${err.message} (--data or GRIDLINK_DEV_DATA)`);
  else console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const program = new Command('server')
  .description('Start the embedded demo district server (pouchdb-server) on 127.0.0.1')
  .option('--port <port>', 'port to listen on (default: GRIDLINK_DEV_PORT, else 5984)')
  .option('--data <dir>', 'data folder, kept across restarts (default: GRIDLINK_DEV_DATA, else .data/dev-district)')
  .action(async (options: { port?: string; data?: string }) => {
    let port: number;
    try {
      port = options.port !== undefined ? parsePort(options.port, '--port') : parsePort(process.env.GRIDLINK_DEV_PORT || '5984', 'GRIDLINK_DEV_PORT');
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(2);
    }
    const data = options.data ?? (process.env.GRIDLINK_DEV_DATA || '.data/dev-district');
    process.on('SIGINT', () => stop(0));
    process.on('SIGTERM', () => stop(0));
    whenStarterGone(() => stop(0));
    district = await startDevDistrict({ dataDir: data, port, log: (l) => console.log(l) });
    const { server } = district;
    void server.exited.then(({ code, signal }) => {
      if (stopping) return;
      console.error(`the district server stopped unexpectedly (${signal ?? `exit code ${code}`}); its log: ${server.logFile}`);
      stop(1);
    });
    const station = district.credentials.find((c) => c.unit.length === 12);
    console.log(`district server: ${server.url}  (${district.districtName}, admin credentials in ${data}/admin.json)`);
    if (station) console.log(`a demo station: ${station.unit}  user ${station.user}  (all logins in ${data}/passwords.csv)`);
    console.log('Ctrl-C stops the server.');
  });

program.parseAsync().catch(fail);
