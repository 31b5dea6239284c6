/**
 * `npm run server`: the embedded default district on 127.0.0.1, for development and demos.
 * Stops on Ctrl-C. Apache CouchDB in production: see docs/deployment.md.
 */
import { Command } from 'commander';
import { startDevDistrict } from './devDistrict';

const program = new Command('server')
  .description('Start the embedded demo district server (pouchdb-server) on 127.0.0.1')
  .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), Number(process.env.GRIDLINK_DEV_PORT ?? 5984))
  .option('--data <dir>', 'data folder (kept across restarts)', '.data/dev-district')
  .action(async (options: { port: number; data: string }) => {
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
      console.error(`--port must be a port number, got ${options.port}`);
      process.exit(2);
    }
    const district = await startDevDistrict({ dataDir: options.data, port: options.port, log: (l) => console.log(l) });
    const station = district.credentials.find((c) => c.unit.length === 12);
    console.log(`district server: ${district.server.url}  (${district.districtName}, admin credentials in ${options.data}/admin.json)`);
    if (station) console.log(`a demo station: ${station.unit}  user ${station.user}  (all logins in ${options.data}/passwords.csv)`);
    const stop = () => void district.server.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
