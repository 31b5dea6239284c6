import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDistrictCli } from '../../support/districtCli';
import { startTestCouch, type TestCouch } from '../../support/couchServer';

let couch: TestCouch;

beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

const cli = (args: string[], env: Record<string, string> = {}) => runDistrictCli(args, env, 60_000);

describe('the district CLI on bad input', () => {
  it('names an unknown command in one line and exits non-zero', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).not.toBe(0);
    expect(oneLine(result.stderr)).toBe('未知命令「frobnicate」：运行 gridlink-district --help 查看可用命令');
  });

  it('says no server was given', async () => {
    const result = await cli(['status']);
    expect(result.code).not.toBe(0);
    expect(oneLine(result.stderr)).toContain('未指定服务器');
  });

  it('says the server cannot be reached', async () => {
    const result = await cli(['status'], { COUCHDB_URL: 'http://admin:x@127.0.0.1:9' });
    expect(result.code).not.toBe(0);
    expect(oneLine(result.stderr)).toContain('无法连接服务器 http://127.0.0.1:9');
  });

  it('says the admin password is wrong, without echoing it', async () => {
    const result = await cli(['status'], { COUCHDB_URL: couch.url, COUCHDB_USER: couch.admin.username, COUCHDB_PASSWORD: 'not-the-password' });
    expect(result.code).not.toBe(0);
    const line = oneLine(result.stderr);
    expect(line).toContain('管理员用户名或密码错误');
    expect(line).not.toContain('not-the-password');
  });

  it('says a missing org tree file cannot be read', async () => {
    const result = await cli(['provision', '/nonexistent/orgTree.json'], { COUCHDB_URL: couch.url });
    expect(result.code).not.toBe(0);
    expect(oneLine(result.stderr)).toContain('无法读取组织树文件');
  });

  it('has --help on every command', async () => {
    for (const command of [[], ['provision'], ['users'], ['users', 'add'], ['users', 'disable'], ['import', 'catalog'], ['import', 'grids'], ['status'], ['rules']]) {
      const result = await cli([...command, '--help']);
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: gridlink-district/);
    }
  }, 60_000);
});
