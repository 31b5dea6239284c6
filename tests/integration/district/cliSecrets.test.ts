/**
 * The district CLI's secrets stay out of what other people can read: the command line (`ps`),
 * `--help` and the docs' examples, the GRIDLINK_DEBUG dump of a failed request, and the
 * passwords file opened in Excel or WPS. Runs the real bin against a real CouchDB-API server.
 */
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../core/i18n';
import { userNameOf } from '../../../district/topologyPlan';
import { generatePassword } from '../../../district/unitUsers';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { startTestCouch, type TestCouch } from '../../support/couchServer';

const ROOT = new URL('../../../', import.meta.url).pathname;
let couch: TestCouch;
let dir: string;

beforeAll(async () => {
  couch = await startTestCouch();
  dir = await mkdtemp(join(tmpdir(), 'gridlink-cli-secrets-'));
});
afterAll(async () => {
  await couch?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** scheme://user:password@ — a login written into a URL. */
const LOGIN_IN_URL = /:\/\/[^\s/@:]+:[^\s/@]+@/;

const cli = (args: string[], env: Record<string, string> = {}) => runDistrictCli(args, env, 60_000);

describe('secrets of the district CLI', () => {
  it('--help offers no password option and no login in an example URL, and says where secrets come from', async () => {
    const commands = [[], ['provision'], ['users', 'add'], ['users', 'reset-password'], ['status'], ['import', 'catalog'], ['release'], ['release', 'publish'], ['release', 'stage'], ['release', 'keygen']];
    for (const command of commands) {
      const { code, stdout } = await cli([...command, '--help']);
      expect(code, command.join(' ')).toBe(0);
      expect(stdout, command.join(' ')).not.toMatch(/--password\b|(^|\s)-p[\s,]/m);
      expect(stdout, command.join(' ')).not.toMatch(LOGIN_IN_URL);
    }
    expect((await cli(['--help'])).stdout).toContain('COUCHDB_PASSWORD');
    expect((await cli(['release', '--help'])).stdout).toContain('COUCHDB_PASSWORD');
  }, 120_000);

  it('the docs and the README never put a password on a command line', async () => {
    const files = ['README.md', ...(await readdir(join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
    for (const file of files) {
      const lines = (await readFile(join(ROOT, file), 'utf8')).split('\n');
      for (const line of lines.filter((text) => /(--server|--couch|--url)\b|(^|\s)-p\s/.test(text))) {
        expect(line, file).not.toMatch(LOGIN_IN_URL);
        expect(line, file).not.toMatch(/(^|\s)(-p|--password)\s/);
      }
    }
  });

  it('refuses a login written into --server before sending anything', async () => {
    const result = await cli(['status', '--server', `http://admin:${couch.admin.password}@127.0.0.1:9`]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(t('district:connection.passwordInArgument', { url: 'http://admin@127.0.0.1:9/' }));
  });

  it('a failed `users add` with GRIDLINK_DEBUG=1 dumps the request, but neither the new password nor the admin one', async () => {
    // CouchDB runs validate_doc_update for admins too: this one makes the user insert fail
    // after the password was generated and written to the passwords file. Only this unit's
    // accounts: the other files running meanwhile on the same server create users of their own.
    const blocked = userNameOf('320506001001');
    const blocker = await couch.adminFetch('/_users/_design/test-block', {
      method: 'PUT',
      body: JSON.stringify({ validate_doc_update: `function (doc) { if (doc.type === 'user' && String(doc.name).indexOf('${blocked}') === 0) throw { forbidden: 'blocked by the test' }; }` }),
    });
    expect(blocker.ok).toBe(true);
    try {
      const passwordsFile = join(dir, 'passwords.csv');
      const result = await cli(['users', 'add', '320506001001', '--passwords-file', passwordsFile], { ...adminEnv(couch), GRIDLINK_DEBUG: '1' });
      expect(result.code).toBe(1);
      const password = (await readFile(passwordsFile, 'utf8')).trim().split('\n')[1]!.split(',')[2]!;
      expect(password.length).toBe(24);
      // The dump is there (the request and CouchDB's answer), with the secrets hidden.
      expect(result.stderr).toContain('blocked by the test');
      expect(result.stderr).toContain('***');
      expect(result.stderr).not.toContain(password);
      // On Apache CouchDB the CLI sends the account's hash, not the password: hidden too.
      expect(result.stderr).not.toMatch(/derived_key: '[0-9a-f]{64}'/);
      expect(result.stderr).not.toContain(couch.admin.password);
      expect(result.stderr).not.toContain(Buffer.from(`${couch.admin.username}:${couch.admin.password}`).toString('base64'));
    } finally {
      const current = (await (await couch.adminFetch('/_users/_design/test-block')).json()) as { _rev: string };
      await couch.adminFetch(`/_users/_design/test-block?rev=${current._rev}`, { method: 'DELETE' });
    }
  });

  it('generated passwords never start with a character Excel or WPS reads as a formula', () => {
    for (let i = 0; i < 5_000; i++) expect(generatePassword()).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{23}$/);
  });
});
