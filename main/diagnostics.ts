/**
 * 导出诊断包: one zip a clerk can send to district IT when the station misbehaves: the rotating
 * logs, what runs here (versions, system), the station's setup, the update and sync statuses.
 *
 * No password, no login and no personal data: the station's setup is copied field by field
 * (never spread, so a field added to it later does not slip in), the sync status arrives as
 * counts and times (ipc/contract.ts syncSnapshotSchema), and every text that may quote
 * something (logs, the last error) has its secrets and findable personal numbers hidden.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { t } from '../core/i18n';
import { redactSecrets } from '../core/redactSecrets';
import type { AppInfo, DiagnosticsRequest, DiagnosticsResult, StationState, SyncSnapshot, UpdateStatus } from '../ipc/contract';
import { hidePersonalData } from '../core/personalData';
import { zipArchive, type ZipEntry } from './zipArchive';

export interface DiagnosticsDeps {
  /** Where main.log and its rotated files are (main/logging.ts). */
  logsDir: string;
  /** The user's home folder: its name is often the clerk's own, so paths show `~` instead. */
  homeDir?: string;
  appInfo: () => AppInfo & { packaged: boolean };
  stationState: () => StationState;
  updateStatus: () => UpdateStatus;
  /** Asks where to save, suggesting a file name (the save dialog); null when the clerk cancels. */
  chooseFile: (suggestedName: string) => Promise<string | null>;
  now?: () => Date;
}

/** main.log, main.1.log … (what configureFileLog writes and rotates). */
const LOG_FILE = /^main(\.\d+)?\.log$/;

/** Secrets, personal numbers and the home folder's name out of a text. */
function cleaner(homeDir: string | undefined): (text: string) => string {
  return (text) => {
    const hidden = hidePersonalData(redactSecrets(text));
    return homeDir && homeDir.length > 1 ? hidden.split(homeDir).join('~') : hidden;
  };
}

/** An address without a login in it. */
function withoutLogin(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return redactSecrets(url);
  }
}

/** The station's setup for IT: which station, which servers, how the password is kept; not the login. */
export function stationForIt(state: StationState): Record<string, unknown> {
  if (state.status === 'unconfigured') return { status: state.status };
  const { config } = state;
  return {
    status: state.status,
    secretStorage: state.secretStorage,
    stationCode: config.stationCode,
    stationName: config.stationName,
    ...(config.districtName === undefined ? {} : { districtName: config.districtName }),
    districtUrl: withoutLogin(config.districtUrl),
    database: config.database,
    updateUrl: withoutLogin(config.updateUrl),
    updateChannel: config.updateChannel,
  };
}

function syncForIt(sync: SyncSnapshot | null, clean: (text: string) => string): SyncSnapshot | { available: false } {
  if (sync === null) return { available: false };
  return { ...sync, lastError: sync.lastError === null ? null : clean(sync.lastError) };
}

function updateForIt(status: UpdateStatus, clean: (text: string) => string): UpdateStatus {
  return status.state === 'error' ? { ...status, message: clean(status.message) } : status;
}

async function logEntries(logsDir: string, clean: (text: string) => string): Promise<ZipEntry[]> {
  const names = (await readdir(logsDir).catch(() => [] as string[])).filter((name) => LOG_FILE.test(name)).sort();
  const entries: ZipEntry[] = [];
  for (const name of names) {
    const text = await readFile(join(logsDir, name), 'utf8').catch(() => null);
    if (text !== null) entries.push({ name: `logs/${name}`, data: clean(text) });
  }
  return entries;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The files of the bundle, in the order an unzip tool lists them. */
export async function diagnosticsEntries(deps: DiagnosticsDeps, request: DiagnosticsRequest): Promise<ZipEntry[]> {
  const exportedAt = (deps.now?.() ?? new Date()).toISOString();
  const clean = cleaner(deps.homeDir);
  return [
    { name: 'README.txt', data: `${t('shell:diagnostics.readme', { exportedAt })}\n` },
    { name: 'app.json', data: json({ ...deps.appInfo(), exportedAt }) },
    { name: 'station.json', data: json(stationForIt(deps.stationState())) },
    { name: 'update.json', data: json(updateForIt(deps.updateStatus(), clean)) },
    { name: 'sync.json', data: json(syncForIt(request.sync, clean)) },
    ...(await logEntries(deps.logsDir, clean)),
  ];
}

/** 网格联动诊断包-320506101002-20250314-0930.zip */
export function diagnosticsFileName(state: StationState, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  const station = state.status === 'unconfigured' ? '' : `-${state.config.stationCode}`;
  return `${t('shell:diagnostics.fileName')}${station}-${stamp}.zip`;
}

export async function exportDiagnostics(deps: DiagnosticsDeps, request: DiagnosticsRequest): Promise<DiagnosticsResult> {
  const at = deps.now?.() ?? new Date();
  const path = await deps.chooseFile(diagnosticsFileName(deps.stationState(), at));
  if (path === null) return { saved: false };
  await writeFile(path, zipArchive(await diagnosticsEntries(deps, request), at));
  return { saved: true, path };
}
