/**
 * 导出诊断包 over IPC: a zip a clerk can send to IT with the logs, versions, the station's setup
 * and the update and sync statuses, and nothing of the station's password, login or the people
 * in its records. The zip is read back with JSZip (another implementation than the writer's).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../district/demo/generate';
import type { StationState, SyncSnapshot } from '../../../ipc/contract';
import { exportDiagnostics, type DiagnosticsDeps } from '../../../main/diagnostics';
import { zipArchive } from '../../../main/zipArchive';
import { appIpc } from './appIpc';

const demo = generateDemoDistrict({ seed: 3 });
const party = demo.docs.mediationCases.flatMap((c) => c.parties).find((p) => p.kind === 'person' && p.idNumber && p.phone)!;
const reporter = demo.docs.tickets.find((ticket) => ticket.reporterPhone)!;
const PASSWORD = 'Pa55-word-of-the-station';

const station: StationState = {
  status: 'ready',
  secretStorage: 'safe-storage',
  config: {
    districtUrl: 'https://st-320506101002:leaked@gridlink.wz.example:6984/',
    stationCode: '320506101002',
    stationName: '木渎镇 金山村',
    districtName: '吴中区',
    username: 'st-320506101002',
    database: 'gl-station-320506101002',
    updateUrl: 'https://gridlink.wz.example:6984/gl-releases/app/',
    updateChannel: 'beta',
  },
};

const sync: SyncSnapshot = {
  connection: 'serverError',
  lastSyncAt: '2025-03-14T01:30:00.000Z',
  pendingTotal: 3,
  pendingByType: { ticket: 2, ticketEvent: 1 },
  rejectedCount: 1,
  conflicts: 0,
  initial: { done: 120, total: 120, complete: true },
  authError: null,
  // An error that quotes a record: its numbers must not travel.
  lastError: `push: validation failed for reporterPhone ${reporter.reporterPhone}`,
};

let root: string;
let logsDir: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gridlink-diagnostics-'));
  logsDir = await mkdtemp(join(root, 'logs-'));
  await writeFile(join(logsDir, 'main.log'), [
    '[2025-03-14 09:30:01.120] [info]  Gridlink 0.2.0 starting (win32-x64)',
    `[2025-03-14 09:30:05.400] [error] [sync] replication to http://st-320506101002:${PASSWORD}@10.20.0.5:5984/ failed`,
    `[2025-03-14 09:31:00.000] [error] [renderer] case check failed: idNumber ${party.idNumber}, phone ${party.phone}`,
    `[2025-03-14 09:31:02.000] [info]  update cache at ${join(homedir(), 'AppData', 'Local', 'gridlink-updater')}`,
  ].join('\n'));
  await writeFile(join(logsDir, 'main.1.log'), '[2025-03-13 17:00:00.000] [warn]  yesterday\n');
  // Not a log of the app: stays out.
  await writeFile(join(logsDir, 'notes.txt'), party.name);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

function deps(chosen: string | null): DiagnosticsDeps {
  return {
    logsDir,
    homeDir: homedir(),
    appInfo: () => ({ version: '0.2.0', platform: 'win32', arch: 'x64', electron: '45.6.1', chrome: '142.0.7444.59', packaged: true }),
    stationState: () => station,
    updateStatus: () => ({ state: 'downloading', version: '0.3.0', percent: 37 }),
    chooseFile: async () => chosen,
    now: () => new Date('2025-03-14T09:32:00+08:00'),
  };
}

async function unzip(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) files.set(name, await zip.file(name)!.async('string'));
  return files;
}

describe('导出诊断包', () => {
  it('writes logs, versions, the station setup and both statuses into a zip where the clerk chose', async () => {
    const path = join(root, 'bundle.zip');
    const invoke = appIpc({ exportDiagnostics: (request) => exportDiagnostics(deps(path), request) });
    expect(await invoke('exportDiagnostics', { sync })).toEqual({ ok: true, value: { saved: true, path } });

    const files = await unzip(path);
    expect([...files.keys()]).toEqual(['README.txt', 'app.json', 'logs/main.1.log', 'logs/main.log', 'station.json', 'sync.json', 'update.json']);
    expect(files.get('README.txt')).toContain('请把这个文件发给区联动中心信息科');
    expect(JSON.parse(files.get('app.json')!)).toMatchObject({ version: '0.2.0', platform: 'win32', arch: 'x64', electron: '45.6.1', packaged: true });
    expect(JSON.parse(files.get('station.json')!)).toEqual({
      status: 'ready',
      secretStorage: 'safe-storage',
      stationCode: '320506101002',
      stationName: '木渎镇 金山村',
      districtName: '吴中区',
      districtUrl: 'https://gridlink.wz.example:6984/',
      database: 'gl-station-320506101002',
      updateUrl: 'https://gridlink.wz.example:6984/gl-releases/app/',
      updateChannel: 'beta',
    });
    expect(JSON.parse(files.get('update.json')!)).toEqual({ state: 'downloading', version: '0.3.0', percent: 37 });
    expect(JSON.parse(files.get('sync.json')!)).toMatchObject({ connection: 'serverError', pendingTotal: 3, pendingByType: { ticket: 2, ticketEvent: 1 }, lastError: 'push: validation failed for reporterPhone [手机号]' });
    expect(files.get('logs/main.log')).toContain('Gridlink 0.2.0 starting');
    expect(files.get('logs/main.log')).toContain('case check failed: idNumber [身份证号], phone [手机号]');
    expect(files.get('logs/main.log')).toContain(`update cache at ${join('~', 'AppData', 'Local', 'gridlink-updater')}`);
  });

  it('holds no password, no login and none of the numbers of the people in the records', async () => {
    const path = join(root, 'private.zip');
    const invoke = appIpc({ exportDiagnostics: (request) => exportDiagnostics(deps(path), request) });
    await invoke('exportDiagnostics', { sync });
    const everything = [...(await unzip(path)).values()].join('\n');
    for (const secret of [PASSWORD, 'leaked', '"username"', party.idNumber!, party.phone!, reporter.reporterPhone!, party.name, homedir()]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('refuses a sync status that carries more than counts and times (a refused record, a name)', async () => {
    const path = join(root, 'refused.zip');
    const invoke = appIpc({ exportDiagnostics: (request) => exportDiagnostics(deps(path), request) });
    const withRecord = { sync: { ...sync, rejected: [{ docId: 'mediationCase:1', party }] } };
    const withName = { sync: { ...sync, pendingByType: { [party.name]: 1, ticket: 'two' } } };
    for (const request of [withRecord, withName, { sync, station }]) {
      expect(await invoke('exportDiagnostics', request)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });

  it('saves nothing when the clerk closes the save dialog', async () => {
    const invoke = appIpc({ exportDiagnostics: (request) => exportDiagnostics(deps(null), request) });
    expect(await invoke('exportDiagnostics', { sync: null })).toEqual({ ok: true, value: { saved: false } });
  });

  it('a zip of many files and a few megabytes opens with another zip reader', async () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({ name: `logs/网格-${i}.log`, data: `第 ${i} 行 sync round finished\n`.repeat(20_000) }));
    const path = join(root, 'large.zip');
    await writeFile(path, zipArchive(entries));
    const files = await unzip(path);
    expect(files.size).toBe(12);
    expect(files.get('logs/网格-11.log')).toBe(entries[11]!.data);
  });
});
