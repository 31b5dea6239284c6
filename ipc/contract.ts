/**
 * The one IPC contract between main, the preload bridge and the renderer's platform adapter:
 * channel names, payload schemas (checked in main) and result schemas (the renderer's types).
 *
 * Adding a channel here makes the preload (`satisfies GridlinkBridge`) and main's handler map
 * fail to compile until both implement it, so the three sides cannot drift apart.
 * Plain TypeScript + zod: no electron, no Node built-ins (the preload bundles this file).
 */
import { z } from 'zod';
import { isUnitCode } from '../core/org';
import { RELEASE_NOTES_MAX } from '../core/releases/signedFeed';

/** The app is served from `gridlink://app/…`, never from file:// (see main/appProtocol.ts). */
export const APP_SCHEME = 'gridlink';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/**
 * The district server as the desktop app's renderer reaches it: main answers this scheme and
 * forwards each request to the configured district server with the station's login added
 * (main/districtProxy.ts), so the page never holds the password. No trailing slash: the sync
 * engine joins `/<database>/…` to it.
 */
export const DISTRICT_SCHEME = 'gridlink-district';
export const DISTRICT_HOST = 'district';
export const DISTRICT_PROXY_URL = `${DISTRICT_SCHEME}://${DISTRICT_HOST}`;

/**
 * Default update feed: the `app` document of the district's release database, whose
 * attachments `release publish --couch` writes (any static web server works too).
 */
export const RELEASE_DATABASE = 'gl-releases';
export const RELEASE_DOC = 'app';
export function defaultUpdateUrl(districtUrl: string): string {
  const base = districtUrl.endsWith('/') ? districtUrl : `${districtUrl}/`;
  return new URL(`${RELEASE_DATABASE}/${RELEASE_DOC}/`, base).toString();
}

const unitCode = z.string().refine(isUnitCode, 'unit code: 6, 9 or 12 digits');
const httpUrl = z.url({ protocol: /^https?$/ }).max(500);

/**
 * Whether a server address keeps the station's credentials off the wire in clear: https, or
 * http to this machine itself (the embedded dev server). Packaged builds accept nothing else for
 * the district and the update feed.
 */
export function isSecureServerUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

export const updateChannelSchema = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof updateChannelSchema>;

/** What a clerk enters at first run. The password leaves this object only into safeStorage. */
export const stationSetupSchema = z.object({
  districtUrl: httpUrl,
  stationCode: unitCode,
  stationName: z.string().max(200).optional(),
  districtName: z.string().max(200).optional(),
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
  /** Where release feeds are served; defaults to the district server's release database. */
  updateUrl: httpUrl.optional(),
  updateChannel: updateChannelSchema.optional(),
  /**
   * Changing a configured station (another station or server) needs one of these
   * (sync/setupChange.ts): the current station's password, or a district admin's login.
   */
  currentPassword: z.string().min(1).max(1000).optional(),
  admin: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) }).optional(),
});
export type StationSetup = z.infer<typeof stationSetupSchema>;

/** The saved station, never the password (field names match renderer/platform/types.ts). */
export const stationConfigSchema = z.object({
  districtUrl: z.string(),
  stationCode: z.string(),
  stationName: z.string(),
  districtName: z.string().optional(),
  username: z.string(),
  /** CouchDB database of the station (databaseOfUnit). */
  database: z.string(),
  updateUrl: z.string(),
  updateChannel: updateChannelSchema,
  /** The district's basemap source (core/basemap.ts): its server joins the page's connect-src. */
  basemapUrl: z.string().max(500).optional(),
});
export type StationConfig = z.infer<typeof stationConfigSchema>;

/**
 * - unconfigured: first run, show the setup form.
 * - locked: configured, but the password is not available this session (safeStorage has only
 *   its `basic_text` backend, so it was never stored): ask for it with unlockStation().
 * - ready: configured and the password is known.
 */
export const stationStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unconfigured') }),
  z.object({ status: z.literal('locked'), config: stationConfigSchema, secretStorage: z.literal('memory-only') }),
  z.object({ status: z.literal('ready'), config: stationConfigSchema, secretStorage: z.enum(['safe-storage', 'memory-only']) }),
]);
export type StationState = z.infer<typeof stationStateSchema>;

/** Why the server refused a setup; each has its own Chinese message (`shell:setup.<reason>`). */
export const setupFailureSchema = z.enum(['unreachable', 'wrongPassword', 'wrongStation', 'insecureUrl', 'changeNotAuthorized', 'wrongCurrentPassword', 'notDistrictAdmin']);
export type SetupFailure = z.infer<typeof setupFailureSchema>;

export const setupResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), state: stationStateSchema, warning: z.string().optional() }),
  z.object({ ok: z.literal(false), reason: setupFailureSchema, message: z.string() }),
]);
export type SetupResult = z.infer<typeof setupResultSchema>;

/**
 * The station's login as main keeps it (main/stationService.ts). No channel returns it: the
 * desktop app's sync reaches the district through main (DISTRICT_PROXY_URL), which adds it.
 */
export const stationCredentialsSchema = z.object({ username: z.string(), password: z.string() });
export type StationCredentials = z.infer<typeof stationCredentialsSchema>;

/**
 * What the district wrote about a release (`releaseNotes` of its feed, covered by the feed's
 * signature), as plain text; main adds it to the statuses of a verified update.
 */
const releaseNotes = z.string().max(RELEASE_NOTES_MAX).optional();

/** Auto-update progress, pushed to the renderer ("有可用更新 / 正在下载 x% / 重启以安装"). */
export const updateStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  /** unsigned-build: built without the district's release public key, so no feed can be verified. */
  z.object({ state: z.literal('disabled'), reason: z.enum(['not-packaged', 'not-configured', 'unsigned-build']) }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('up-to-date'), version: z.string() }),
  z.object({ state: z.literal('available'), version: z.string(), notes: releaseNotes }),
  z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100), notes: releaseNotes }),
  z.object({ state: z.literal('ready'), version: z.string(), notes: releaseNotes }),
  z.object({ state: z.literal('error'), message: z.string() }),
]);
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const installResultSchema = z.discriminatedUnion('started', [
  z.object({ started: z.literal(true) }),
  /** form-open: a form has unsaved input, the clerk must save or close it first. */
  z.object({ started: z.literal(false), reason: z.enum(['form-open', 'not-ready']), message: z.string() }),
]);
export type InstallResult = z.infer<typeof installResultSchema>;

/** The running program; electron and chrome are the runtime's versions (for IT, in the 关于本机 panel). */
export const appInfoSchema = z.object({ version: z.string(), platform: z.string(), arch: z.string(), electron: z.string(), chrome: z.string() });
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Longest line the renderer may write to the log; it cuts longer ones before sending. */
export const LOG_MESSAGE_MAX = 4000;

/** A renderer or sync error for the rotating log file district IT reads (main rate-limits them). */
export const logEntrySchema = z.strictObject({
  level: z.enum(['error', 'warn', 'info']),
  /** renderer: the page (uncaught errors, a failed screen); sync: the sync engine's status. */
  source: z.enum(['renderer', 'sync']),
  message: z.string().min(1).max(LOG_MESSAGE_MAX),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

const count = z.number().int().min(0);

/**
 * The sync status as it goes into a diagnostics bundle: counts, times and the engine's last
 * error, never a document, a name or a reason quoting one. Strict: a field added by mistake
 * (a rejected item with its document) is refused instead of landing in a file sent to IT.
 */
export const syncSnapshotSchema = z.strictObject({
  connection: z.string().max(40),
  lastSyncAt: z.string().max(40).nullable(),
  pendingTotal: count,
  pendingByType: z.record(z.string().max(40), count),
  rejectedCount: count,
  conflicts: count,
  initial: z.strictObject({ done: count, total: count, complete: z.boolean() }),
  authError: z.enum(['wrongPassword', 'notMember']).nullable(),
  lastError: z.string().max(2000).nullable(),
});
export type SyncSnapshot = z.infer<typeof syncSnapshotSchema>;

export const diagnosticsRequestSchema = z.strictObject({ sync: syncSnapshotSchema.nullable() });
export type DiagnosticsRequest = z.infer<typeof diagnosticsRequestSchema>;

export const diagnosticsResultSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), path: z.string() }),
  /** The clerk closed the save dialog. */
  z.object({ saved: z.literal(false) }),
]);
export type DiagnosticsResult = z.infer<typeof diagnosticsResultSchema>;

/** A person's sign-in at the station (core/personSignIn.ts), checked in main. */
export const personSignInRequestSchema = z.object({ person: z.string().min(1).max(120), password: z.string().min(1).max(1000) });
export const personSignInResultSchema = z.union([
  z.object({ ok: z.literal(true), person: z.string(), checked: z.enum(['server', 'offline']) }),
  z.object({
    ok: z.literal(false),
    person: z.string(),
    reason: z.enum(['notPerson', 'otherUnit', 'wrong', 'locked', 'neverOnline']),
    lockedUntil: z.number().optional(),
    failuresLeft: z.number().int().optional(),
  }),
]);

const none = z.undefined();
const channel = <Req extends z.ZodType, Res extends z.ZodType>(name: string, request: Req, result: Res) => ({
  channel: name,
  request,
  result,
});

/** Renderer → main calls (ipcRenderer.invoke / ipcMain.handle), one bridge function each. */
export const invokeContract = {
  getAppInfo: channel('app:get-info', none, appInfoSchema),
  getStationState: channel('station:get-state', none, stationStateSchema),
  getStationConfig: channel('station:get-config', none, stationConfigSchema.nullable()),
  /** Checked against the district server before anything is saved. */
  setupStation: channel('station:setup', stationSetupSchema, setupResultSchema),
  /** The password again, when safeStorage cannot keep it (basic_text backend). */
  unlockStation: channel('station:unlock', z.object({ password: z.string().min(1).max(1000) }), setupResultSchema),
  /**
   * The workstation's data key (base64 of 32 bytes) that encrypts personal data in the local
   * database (core/dataKey.ts); null until the station is set up and unlocked. Main keeps it
   * wrapped by safeStorage, or by the station password where safeStorage has no keyring.
   */
  getDataKey: channel('station:get-data-key', none, z.object({ key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) }).nullable()),
  /** This machine's clock against the district server's (ms; null: no answer), for the heartbeat. */
  measureClockOffset: channel('station:clock-offset', none, z.object({ offsetMs: z.number().int().nullable() })),
  /**
   * The update feed, channel and basemap the district publishes for this station
   * (core/settings.ts), as the renderer read them from its synced database; main keeps them in
   * the station config.
   */
  applyDistrictSettings: channel(
    'station:apply-district-settings',
    z.object({ updateChannel: updateChannelSchema.optional(), updateUrl: httpUrl.optional(), basemapUrl: z.string().max(500).optional() }).strict(),
    z.object({ changed: z.boolean() }),
  ),
  getUpdateStatus: channel('update:get-status', none, updateStatusSchema),
  checkForUpdates: channel('update:check', none, updateStatusSchema),
  installUpdate: channel('update:install', none, installResultSchema),
  /** The renderer reports unsaved form input, so an update never restarts over it. */
  setFormDirty: channel('form:set-dirty', z.object({ dirty: z.boolean() }), z.null()),
  openExternal: channel('shell:open-external', z.object({ url: z.string().max(2000) }), z.object({ opened: z.boolean() })),
  openLogFolder: channel('shell:open-log-folder', none, z.null()),
  /** A renderer or sync error for the log file (validated, size- and rate-limited in main). */
  writeLog: channel('log:write', logEntrySchema, z.null()),
  /** 导出诊断包: a zip of logs, versions, settings and statuses, saved where the clerk picks. */
  exportDiagnostics: channel('diagnostics:export', diagnosticsRequestSchema, diagnosticsResultSchema),
  /** A person signs in at the station: main asks the server or its own verifiers; the password goes no further. */
  signInPerson: channel('person:sign-in', personSignInRequestSchema, personSignInResultSchema),
} as const;

/** Main → renderer pushes (webContents.send / ipcRenderer.on); bridge: `on<Name>(listener)`. */
export const eventContract = {
  updateStatus: { channel: 'update:status', payload: updateStatusSchema },
} as const;

export type InvokeName = keyof typeof invokeContract;
export type EventName = keyof typeof eventContract;
export type InvokeRequest<K extends InvokeName> = z.output<(typeof invokeContract)[K]['request']>;
export type InvokeResponse<K extends InvokeName> = z.output<(typeof invokeContract)[K]['result']>;
export type EventPayload<K extends EventName> = z.output<(typeof eventContract)[K]['payload']>;

/**
 * What travels back over the wire: main never throws across IPC (Electron would flatten the
 * error into a string), it answers with a code the preload turns into a rejected promise.
 */
export type IpcErrorCode = 'invalid-payload' | 'foreign-sender' | 'failed';
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

type InvokeFunction<K extends InvokeName> = [InvokeRequest<K>] extends [undefined]
  ? () => Promise<InvokeResponse<K>>
  : (payload: InvokeRequest<K>) => Promise<InvokeResponse<K>>;

type EventSubscriber<K extends EventName> = (listener: (payload: EventPayload<K>) => void) => () => void;

/**
 * `window.gridlink` as the preload exposes it. Invoke functions reject with
 * `Error("<IpcErrorCode>: <detail>")` on a refused call; expected failures (a wrong password)
 * are ordinary results.
 */
export type GridlinkBridge = { readonly [K in InvokeName]: InvokeFunction<K> } & {
  readonly [K in EventName as `on${Capitalize<K>}`]: EventSubscriber<K>;
};

/** Bridge member names, for tests and for the renderer to check a preload/renderer mismatch. */
export const bridgeFunctionNames: readonly string[] = [
  ...Object.keys(invokeContract),
  ...Object.keys(eventContract).map((name) => `on${name[0]!.toUpperCase()}${name.slice(1)}`),
];
