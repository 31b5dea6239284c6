/**
 * Renderer and sync errors reach the rotating log file district IT reads, over `log:write`:
 * checked by the contract, secrets hidden by the log's hook, and a page stuck in an error loop
 * cut off after a few dozen lines a minute.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import logger from 'electron-log/node';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_MESSAGE_MAX } from '../../../ipc/contract';
import { configureFileLog, redactLogSecrets } from '../../../main/logging';
import { createRendererLog } from '../../../main/rendererLog';
import { appIpc } from './appIpc';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The app's file log (as main/index.ts sets it up) in a new folder. */
async function fileLog(id: string) {
  const logsDir = await mkdtemp(join(tmpdir(), 'gridlink-renderer-log-'));
  dirs.push(logsDir);
  const log = logger.create({ logId: id });
  log.transports.console.level = false;
  const path = configureFileLog(log.transports.file, { logsDir });
  redactLogSecrets(log);
  return { log, read: () => readFile(path, 'utf8').catch(() => '') };
}

describe('log:write', () => {
  it('writes a renderer error and a sync error to the log file, stack included, password hidden', async () => {
    const { log, read } = await fileLog('renderer-errors');
    const invoke = appIpc({ writeLog: createRendererLog({ log }) });
    const stack = 'TypeError: Cannot read properties of undefined (reading \'grid\')\n    at IntakeForm (index-abc.js:1:2345)';
    expect(await invoke('writeLog', { level: 'error', source: 'renderer', message: stack })).toEqual({ ok: true, value: null });
    expect(await invoke('writeLog', { level: 'error', source: 'sync', message: 'server: 503 from http://st-320506101002:Pa55-word@10.20.0.5:5984/gl-station-320506101002' })).toEqual({ ok: true, value: null });
    const text = await read();
    expect(text).toMatch(/\[error\] \[renderer\] TypeError: Cannot read properties of undefined \(reading 'grid'\)\n {4}\s+at IntakeForm/);
    expect(text).toContain('[error] [sync] server: 503 from http://st-320506101002:***@10.20.0.5:5984/gl-station-320506101002');
    expect(text).not.toContain('Pa55-word');
  });

  it('refuses what the contract does not allow and writes none of it', async () => {
    const { log, read } = await fileLog('renderer-refused');
    const invoke = appIpc({ writeLog: createRendererLog({ log }) });
    const refused = [
      { level: 'fatal', source: 'renderer', message: 'x' },
      { level: 'error', source: 'main', message: 'pretending to be main' },
      { level: 'error', source: 'renderer', message: '' },
      { level: 'error', source: 'renderer', message: 'y'.repeat(LOG_MESSAGE_MAX + 1) },
      { level: 'error', source: 'renderer', message: 'extra field', doc: { reporterPhone: '13912345678' } },
      'a string',
      undefined,
    ];
    for (const payload of refused) expect(await invoke('writeLog', payload)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await read()).toBe('');
  });

  it('a page in an error loop writes 30 lines a minute, then says how many it dropped', async () => {
    const { log, read } = await fileLog('renderer-flood');
    let now = 1_000_000;
    const invoke = appIpc({ writeLog: createRendererLog({ log, now: () => now }) });
    for (let i = 0; i < 500; i++) await invoke('writeLog', { level: 'warn', source: 'renderer', message: `render loop ${i}` });
    let lines = (await read()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(30);
    expect(lines.at(-1)).toContain('render loop 29');
    now += 60_000;
    await invoke('writeLog', { level: 'error', source: 'renderer', message: 'after the minute' });
    lines = (await read()).split('\n').filter(Boolean);
    expect(lines.slice(-2)).toEqual([expect.stringContaining('470 more log lines dropped'), expect.stringContaining('after the minute')]);
  });
});
