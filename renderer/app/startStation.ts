/**
 * Opens the configured station: reads its config from the host, opens its local database and,
 * only for `?demo=1`, fills it with the demo district (loaded on demand, so the generator is not
 * part of what a real station downloads and runs).
 */
import { openDatabase, type GridlinkDatabase } from '../../sync/database';
import type { StationSession } from '../data/session';
import { detectPlatform, StationConfigError, type Platform, type StationConfig } from '../platform';

export type StartupState =
  | { phase: 'opening' | 'seedingDemo' }
  | { phase: 'unconfigured'; platform: Platform['kind']; problem?: string }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; session: StationSession };

export function isDemoRequested(search: string): boolean {
  return new URLSearchParams(search).get('demo') === '1';
}

/** Demo data never shares a database with a real station's data. */
function databaseName(stationCode: string, demo: boolean): string {
  return demo ? `gridlink-demo-${stationCode}` : `gridlink-${stationCode}`;
}

export async function startStation(report: (state: StartupState) => void): Promise<void> {
  report({ phase: 'opening' });
  const demo = isDemoRequested(window.location.search);
  const platform = detectPlatform(window, { remember: !demo });
  let station: StationConfig | null;
  try {
    station = await platform.getStationConfig();
  } catch (error) {
    if (error instanceof StationConfigError) return report({ phase: 'unconfigured', platform: platform.kind, problem: error.message });
    return report({ phase: 'failed', message: messageOf(error) });
  }

  let db: GridlinkDatabase | undefined;
  try {
    if (demo) {
      report({ phase: 'seedingDemo' });
      const { prepareDemoStation } = await import('../demo/demoStation');
      const prepared = prepareDemoStation(station?.stationCode);
      station = prepared.station;
      db = await openDatabase({ name: databaseName(station.stationCode, true) });
      await prepared.seed(db);
    } else {
      if (!station) return report({ phase: 'unconfigured', platform: platform.kind });
      db = await openDatabase({ name: databaseName(station.stationCode, false) });
    }
    report({ phase: 'ready', session: { station, db, platform: platform.kind, demo } });
  } catch (error) {
    await db?.close();
    if (error instanceof StationConfigError) return report({ phase: 'unconfigured', platform: platform.kind, problem: error.message });
    report({ phase: 'failed', message: messageOf(error) });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
