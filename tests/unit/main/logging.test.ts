import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import logger from 'electron-log/node';
import { afterAll, describe, expect, it } from 'vitest';
import { configureFileLog, redactLogSecrets } from '../../../main/logging';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the file log district IT reads', () => {
  it('rotates by size and keeps only the newest few files', async () => {
    const logsDir = await mkdtemp(join(tmpdir(), 'gridlink-logs-'));
    dirs.push(logsDir);
    const log = logger.create({ logId: 'rotation' });
    log.transports.console.level = false;
    const path = configureFileLog(log.transports.file, { logsDir, maxSize: 2_000, keep: 3 });
    expect(path).toBe(join(logsDir, 'main.log'));
    for (let i = 0; i < 400; i++) log.info(`sync round ${i} finished`);
    expect((await readdir(logsDir)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    // The newest lines are in main.log, the ones just before in main.1.log.
    expect(await readFile(join(logsDir, 'main.log'), 'utf8')).toContain('sync round 399 finished');
    const previous = await readFile(join(logsDir, 'main.1.log'), 'utf8');
    expect(previous).not.toContain('sync round 399 ');
    expect(previous).toMatch(/sync round 3\d\d finished/);
    for (const name of await readdir(logsDir)) {
      expect((await readFile(join(logsDir, name))).length).toBeLessThan(2_000 + 200);
    }
  });

  it('never writes a password, a login in a URL or an Authorization header', async () => {
    const logsDir = await mkdtemp(join(tmpdir(), 'gridlink-logs-'));
    dirs.push(logsDir);
    const log = logger.create({ logId: 'redaction' });
    log.transports.console.level = false;
    configureFileLog(log.transports.file, { logsDir });
    redactLogSecrets(log);
    log.error('replication to http://station-320506001001:Pa55word-x1@10.20.0.5:5984/gl-320506001001 failed');
    log.warn(new Error('request failed: {"name":"station-1","password":"Pa55word-x2"}'));
    log.info('update request', { headers: { authorization: 'Basic c3RhdGlvbjpQYTU1d29yZC14Mw==' }, url: 'http://10.20.0.5/' });
    const text = await readFile(join(logsDir, 'main.log'), 'utf8');
    for (const secret of ['Pa55word-x1', 'Pa55word-x2', 'c3RhdGlvbjpQYTU1d29yZC14Mw==']) expect(text).not.toContain(secret);
    // What IT needs stays: the failing address and the user, the error and its cause.
    expect(text).toContain('http://station-320506001001:***@10.20.0.5:5984/gl-320506001001');
    expect(text).toContain('"password":"***"');
    expect(text).toContain("authorization: 'Basic ***'");
  });
});
