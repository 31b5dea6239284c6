/**
 * `npm run server` (district/devServer/cli.ts) as a developer runs it: a taken port or a data
 * folder already served get one line at once, not a wait that ends in silence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../district/devServer/embeddedServer';
import { fakeCouch, type FakeCouch } from '../../support/fakeCouch';
import { cleanUp, dataFolder, isListening, npm, processGroup, within } from './devProcesses';

let couch: FakeCouch | null = null;

afterEach(async () => {
  cleanUp();
  await couch?.close();
  couch = null;
});

function ownLines(stderr: string): string[] {
  return stderr
    .trim()
    .split('\n')
    .filter((line) => line && !line.startsWith('npm '));
}

describe('npm run server', () => {
  it('with a CouchDB on its port exits within seconds with one clear line, and sends it no login', { timeout: 30_000 }, async () => {
    couch = await fakeCouch(await freePort());
    const run = npm(['run', 'server', '--', '--port', String(couch.port), '--data', dataFolder()], {});
    const code = await run.exit(15_000);
    expect(code, run.stdout() + run.stderr()).not.toBeNull();
    expect(code).not.toBe(0);
    const lines = ownLines(run.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${couch.port} on 127.0.0.1 is taken by a CouchDB 3.5.0`);
    expect(lines[0]).toContain('--port');
    expect(couch.logins).toEqual([]);
  });

  it.runIf(process.platform === 'linux')(
    'started again on a data folder in use, on another port, says so in one line and leaves the first serving',
    { timeout: 60_000 },
    async () => {
      const data = dataFolder();
      const [first, second] = [await freePort(), await freePort()];
      const serving = npm(['run', 'server', '--', '--port', String(first), '--data', data], {});
      await serving.waitFor(new RegExp(`listening on http://127\\.0\\.0\\.1:${first}\\b`), 30_000);

      const again = npm(['run', 'server', '--', '--port', String(second), '--data', data], {});
      const code = await again.exit(15_000);
      expect(code, again.stdout() + again.stderr()).not.toBeNull();
      expect(code).not.toBe(0);
      const lines = ownLines(again.stderr());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`the data folder ${data} is in use by another embedded district server`);
      expect(lines[0]).toContain(`http://127.0.0.1:${first}`);
      expect(await isListening(second)).toBe(false);
      expect(processGroup(again.pid)).toEqual([]);

      expect(await isListening(first)).toBe(true);
      process.kill(serving.pid, 'SIGTERM');
      expect(await within(6_000, async () => processGroup(serving.pid).length === 0 && !(await isListening(first)))).toBe(true);
    },
  );
});
