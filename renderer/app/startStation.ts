/**
 * Opens the station: asks the host which station this is (first-run setup or the password when
 * needed), opens its local database, starts its sync with the district server and, only for
 * `?demo=1`, fills the database with the demo district (loaded on demand, so the generator is
 * not part of what a real station downloads and runs).
 *
 * Offline first: nothing here waits for the server once the station is known. The local data
 * opens whether or not the district answers; the sync catches up when it does.
 */
import { openDatabase, type GridlinkDatabase } from '../../sync/database';
import { importDataKey } from '../../core/dataKey';
import { t } from '../../core/i18n';
import { databaseOfUnit } from '../../core/org';
import { startStationSync, type ServerReader, type StationSync } from '../../sync';
import { effectiveSettings, settingIdsFor } from '../../core/settings';
import { pullSelectorOf, type PullSelector } from '../../core/syncWindow';
import type { SettingDoc } from '../../core/schema';
import { stationConflictPolicies } from '../../core/conflicts/policies';
import { stationConflictRecorder } from '../../core/conflicts/conflictRecords';
import { startMaterializer } from '../../core/workorders/materializer';
import { rememberLastSync } from '../data/lastSync';
import { startHeartbeat } from '../data/heartbeat';
import { followDistrictSettings } from '../data/districtSettings';
import { startRetention } from '../data/retention';
import { auditReveals, auditSessionEvents } from '../data/audit';
import { APP_VERSION, storageLeft, workstationId } from '../data/workstation';
import { actorOf, type StationSession } from '../data/session';
import { browserCompressor } from '../data/browserCompressor';
import { createPhotoStore } from '../../core/photos/photoStore';
import { connectHost } from './host';
import {
  detectPlatform,
  StationConfigError,
  type Platform,
  type SetupDefaults,
  type SetupResult,
  type StationConfig,
  type SyncAccess,
  type StationSetup,
} from '../platform';

export type StartupState =
  | { phase: 'opening' | 'seedingDemo' }
  /** First run (or a station the address names differently): the setup form. */
  | {
      phase: 'setup';
      platform: Platform['kind'];
      defaults: SetupDefaults;
      problem?: string;
      /** The station this workstation is set up for: changing it asks for its password or a district admin. */
      configured?: ConfiguredStation;
      submit(setup: StationSetup): Promise<SetupResult>;
    }
  /** Set up, but the password is not known this session (a reload in a browser, `basic_text`). */
  | { phase: 'unlock'; platform: Platform['kind']; station: StationConfig; submit(password: string): Promise<SetupResult>; setupAgain(): void }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; session: StationSession };

export type ConfiguredStation = NonNullable<Awaited<ReturnType<Platform['configuredStation']>>>;

export function isDemoRequested(search: string): boolean {
  return new URLSearchParams(search).get('demo') === '1';
}

/** Demo data never shares a database with a real station's data. */
function databaseName(stationCode: string, demo: boolean): string {
  return demo ? `gridlink-demo-${stationCode}` : `gridlink-${stationCode}`;
}

type Report = (state: StartupState) => void;

export async function startStation(report: Report): Promise<void> {
  report({ phase: 'opening' });
  const demo = isDemoRequested(window.location.search);
  const platform = detectPlatform(window, { remember: !demo });
  connectHost(platform);
  try {
    if (demo) await openDemo(platform, report);
    else await openStation(platform, report);
  } catch (error) {
    platform.writeLog({ level: 'error', source: 'renderer', message: `the station did not open: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
    report({ phase: 'failed', message: messageOf(error) });
  }
}

async function openDemo(platform: Platform, report: Report): Promise<void> {
  report({ phase: 'seedingDemo' });
  const { prepareDemoStation } = await import('../demo/demoStation');
  let prepared;
  try {
    prepared = await prepareDemoStation((await platform.getSetupDefaults()).stationCode);
  } catch (error) {
    if (!(error instanceof StationConfigError)) throw error;
    return askSetupForever(platform, report, error.message);
  }
  const db = await openDatabase({ name: databaseName(prepared.station.stationCode, true) });
  try {
    await prepared.seed(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  report({
    phase: 'ready',
    session: {
      station: prepared.station,
      db,
      platform: platform.kind,
      demo: true,
      sync: null,
      actor: actorOf(prepared.station),
      photos: createPhotoStore({ photos: db.photos, compress: browserCompressor() }),
      relogin: async () => ({ ok: false, reason: 'unreachable', message: t('syncUi:screen.demo') }),
    },
  });
}

/** A demo with a station that does not exist: explain it, there is nothing to set up. */
function askSetupForever(platform: Platform, report: Report, problem: string): Promise<void> {
  report({ phase: 'setup', platform: platform.kind, defaults: {}, problem, submit: async (setup) => platform.setupStation(setup) });
  return new Promise(() => undefined);
}

async function openStation(platform: Platform, report: Report): Promise<void> {
  const { station, access, notice } = await signIn(platform, report);
  report({ phase: 'opening' });
  // Personal data in the local database is encrypted with the workstation's data key.
  const raw = await platform.getDataKey();
  if (raw === null) throw new Error(t('shell:setup.notConfigured'));
  const dataKey = await importDataKey(raw);
  const db = await openDatabase({ name: databaseName(station.stationCode, false), dataKey });
  // Events other units add to orders this station holds (a town's 督办) are folded into them
  // whenever the station is open, whatever screen shows: started before the sync brings any.
  const actor = actorOf(station);
  const stopMaterializer = startMaterializer(db, actor, (error) => console.error('work orders: folding events in failed', error));
  let sync: StationSync;
  try {
    sync = await startSync(platform, db, station, access);
  } catch (error) {
    await stopMaterializer();
    await db.close();
    throw error;
  }

  // Once per open database: the district's settings for this station, as they sync down.
  followDistrictSettings(db.settings, station.stationCode, platform);
  // Settled refused and conflict records are cleared by the district's stated rule, at start and daily.
  startRetention(db, station.stationCode);
  // Who signs in, out, fails, locks and unlocks here is recorded for the district (等保).
  auditSessionEvents(db, actor);
  auditReveals(db, actor);

  // Photos taken at another station come from the server on first view, then stay local.
  const photos = createPhotoStore({ photos: db.photos, compress: browserCompressor(), fetchAttachment: (id, name) => sync.fetchAttachment(id, name) });
  const session = (current: StationSync, sessionNotice?: string): StationSession => ({
    station,
    db,
    platform: platform.kind,
    demo: false,
    sync: current,
    actor,
    photos,
    ...(sessionNotice ? { notice: sessionNotice } : {}),
    async relogin(password) {
      const result = await platform.setupStation({ ...setupOf(station), password });
      if (!result.ok) return result;
      // The old sync holds the refused password (or asked main, which now holds the new one):
      // replace it, keep the database open.
      const access = await platform.getSyncAccess();
      if (access === null) throw new Error(t('shell:setup.notConfigured'));
      await sync.stop();
      sync = await startSync(platform, db, station, access);
      report({ phase: 'ready', session: session(sync, result.warning) });
      return result;
    },
  });

  // The page may go away at any time (a reload, closing the window): stop syncing cleanly so
  // no request is cut half-way through a write of the local database.
  // The materializer stops after the sync: an event the feed stores while the sync winds down
  // is still folded in (a final order is not looked at again at the next start).
  window.addEventListener('pagehide', () => {
    void sync.stop().finally(stopMaterializer);
  });
  report({ phase: 'ready', session: session(sync, notice) });
}

/**
 * The sync window the district set for this unit (core/syncWindow.ts), from the settings this
 * desk has; a desk that has none yet (its first start) asks the server for them first, so a new
 * desk at a busy town does not store years of settled orders before its settings arrive.
 */
async function stationPullSelector(db: GridlinkDatabase, unit: string, server: ServerReader): Promise<PullSelector | null> {
  const ids = settingIdsFor(unit);
  const local = (await db.settings.findByIds(ids).exec()).values();
  const docs: SettingDoc[] = [...local].map((doc) => doc.toMutableJSON());
  const settings = effectiveSettings(unit, docs.length > 0 ? docs : ((await server.docs(ids)) as unknown as SettingDoc[]));
  return pullSelectorOf(settings);
}

/**
 * The sync with the station's database, with the domain's ways to merge (conflict policies) and
 * to keep what a merge did not keep (conflict records that sync up).
 */
async function startSync(platform: Platform, db: GridlinkDatabase, station: StationConfig, access: SyncAccess): Promise<StationSync> {
  const sync = await startStationSync({
    db,
    // The desktop app: main's proxy, which adds the login (no credentials in the page).
    serverUrl: access.serverUrl,
    dbName: databaseOfUnit(station.stationCode),
    ...(access.credentials ? { credentials: access.credentials } : {}),
    policies: stationConflictPolicies(station.stationCode, db.events),
    recordConflicts: stationConflictRecorder(db.events, actorOf(station)),
    pullSelector: (server) => stationPullSelector(db, station.stationCode, server),
  });
  rememberLastSync(sync, station.stationCode);
  // The host's word on version and channel (the desktop app's own); the build's where it has none.
  const app = await platform.getAppInfo().catch(() => null);
  // Ends with this sync (its status completes on stop), so a re-login starts a fresh one.
  startHeartbeat({
    collection: db.stationStatus,
    stationCode: station.stationCode,
    workstation: workstationId(),
    person: station.username,
    appVersion: app?.version ?? APP_VERSION,
    ...(app?.updateChannel ? { updateChannel: app.updateChannel } : {}),
    status$: sync.status$,
    freeDisk: storageLeft,
    clockOffset: () => platform.measureClockOffset(),
  });
  return sync;
}

function setupOf(station: StationConfig): Omit<StationSetup, 'password'> {
  return {
    districtUrl: station.districtUrl,
    stationCode: station.stationCode,
    stationName: station.stationName,
    username: station.username,
    ...(station.districtName ? { districtName: station.districtName } : {}),
  };
}

interface SignedIn {
  station: StationConfig;
  access: SyncAccess;
  notice?: string;
}

/**
 * Until the host knows the station and its password: the setup form, or the password prompt.
 * Each form's submit answers the form (a refusal stays on the form with its message); a
 * success moves on here.
 */
async function signIn(platform: Platform, report: Report): Promise<SignedIn> {
  let problem: string | undefined;
  let notice: string | undefined;
  for (;;) {
    let station: StationConfig | null;
    try {
      station = await platform.getStationConfig();
    } catch (error) {
      if (!(error instanceof StationConfigError)) throw error;
      station = null;
      problem = error.message;
    }
    if (!station) {
      const defaults = await platform.getSetupDefaults();
      const configured = await platform.configuredStation();
      notice = await ask<string | undefined>((done) =>
        report({
          phase: 'setup',
          platform: platform.kind,
          defaults,
          ...(problem ? { problem } : {}),
          ...(configured ? { configured } : {}),
          submit: async (setup) => {
            const result = await platform.setupStation(setup);
            if (result.ok) done(result.warning);
            return result;
          },
        }),
      );
      problem = undefined;
      continue;
    }
    const access = await platform.getSyncAccess();
    if (access) return { station, access, ...(notice ? { notice } : {}) };

    const known = station;
    const answer = await ask<{ unlocked: true; warning?: string } | { unlocked: false }>((done) =>
      report({
        phase: 'unlock',
        platform: platform.kind,
        station: known,
        submit: async (password) => {
          const result = await platform.unlock(password);
          if (result.ok) done({ unlocked: true, ...(result.warning ? { warning: result.warning } : {}) });
          return result;
        },
        setupAgain: () => done({ unlocked: false }),
      }),
    );
    if (answer.unlocked) {
      notice = answer.warning;
      continue;
    }
    // The clerk wants to change the server or station: the setup form, prefilled.
    const configured = await platform.configuredStation();
    notice = await ask<string | undefined>((done) =>
      report({
        phase: 'setup',
        platform: platform.kind,
        defaults: setupOf(known),
        ...(configured ? { configured } : {}),
        submit: async (setup) => {
          const result = await platform.setupStation(setup);
          if (result.ok) done(result.warning);
          return result;
        },
      }),
    );
  }
}

function ask<T>(show: (done: (value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve) => show(resolve));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
