/**
 * `npm start`: builds the app and runs it against a district server. With GRIDLINK_DISTRICT_URL
 * unset it starts the embedded default district (the demo district on 127.0.0.1:5984, data in
 * .data/dev-district). Where the Electron binary is installed it opens the desktop app;
 * otherwise it serves the same renderer as a web page and prints its address.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { serveStatic } from '../district/devServer/staticServer';
import { startDevDistrict, type DevDistrict } from '../district/devServer/devDistrict';
import { findElectronBinary } from './electronBinary';

const root = resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  let district: DevDistrict | null = null;
  let districtUrl = process.env.GRIDLINK_DISTRICT_URL;
  if (!districtUrl) {
    console.log('No GRIDLINK_DISTRICT_URL: starting the embedded demo district…');
    district = await startDevDistrict({
      dataDir: join(root, '.data/dev-district'),
      port: Number(process.env.GRIDLINK_DEV_PORT ?? 5984),
      log: (line) => console.log(line),
    });
    districtUrl = district.server.url;
  }
  const station = district?.credentials.find((c) => c.unit.length === 12);
  console.log(`district server: ${districtUrl}`);
  if (station) console.log(`demo station ${station.unit}: user ${station.user}, password ${station.password}  (all logins: .data/dev-district/passwords.csv)`);

  console.log('building the app…');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  const stop = async () => {
    await district?.server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const electron = findElectronBinary();
  if (electron) {
    console.log('opening the desktop app; on first run enter the district server and a station login above');
    const app = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, GRIDLINK_DEFAULT_DISTRICT_URL: districtUrl } });
    app.on('exit', () => void stop());
    return;
  }
  const web = await serveStatic(join(root, 'out/renderer'), { port: Number(process.env.GRIDLINK_WEB_PORT ?? 5173) });
  const query = new URLSearchParams({ district: districtUrl, districtName: district?.districtName ?? '', ...(station ? { station: station.unit, user: station.user } : {}) });
  console.log('The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD), so the app runs as a web page:');
  console.log(`  ${web.url}/?${query.toString()}`);
  console.log(`  the demo district without a server: ${web.url}/?demo=1`);
  console.log('Ctrl-C stops the app and the server.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
