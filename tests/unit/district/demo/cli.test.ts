import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromCouchDoc } from '../../../../core/couchDoc';
import { checkDivisionCode } from '../../../../core/codes';
import type { OrgTree } from '../../../../core/org';

const outDir = mkdtempSync(path.join(tmpdir(), 'gridlink-demo-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function demo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'district/demo/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run demo', () => {
  it('writes the org tree and one CouchDB doc per line', () => {
    const run = demo('--towns', '2', '--villages-per-town', '3', '--tickets-per-village', '4', '--seed', '7', '--out', outDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^demo: wrote \d+ docs/);
    const orgTree = JSON.parse(readFileSync(path.join(outDir, 'orgTree.json'), 'utf8')) as OrgTree;
    expect(orgTree).toMatchObject({ code: '320506', name: '吴中区' });
    expect(orgTree.towns).toHaveLength(2);
    for (const village of orgTree.towns.flatMap((t) => t.villages)) expect(checkDivisionCode(village.code).ok).toBe(true);
    const lines = readFileSync(path.join(outDir, 'docs.ndjson'), 'utf8').trimEnd().split('\n');
    const docs = lines.map((line) => JSON.parse(line) as { _id: string; type: string });
    expect(docs.every((d) => typeof d._id === 'string' && !('id' in d))).toBe(true);
    expect(docs[0].type).toBe('department');
    expect(docs.filter((d) => d.type === 'ticket')).toHaveLength(2 * 3 * 4);
    expect(fromCouchDoc(docs[0]).id).toBe(docs[0]._id);
  });

  it.each([
    [['--towns', '-3'], '--towns must be a whole number from 1 to 60, got -3'],
    [['--villages-per-town', '2.5'], "option '--villages-per-town <n>' argument '2.5' is invalid"],
    [['--preset', 'huge'], 'unknown preset "huge"; use one of: demo, bench'],
    [['--seed', 'abc'], "option '--seed <n>' argument 'abc' is invalid"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
  ])('refuses %j with one clear line and exit code 2', (args, message) => {
    const run = demo(...args, '--out', path.join(outDir, 'never'));
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
