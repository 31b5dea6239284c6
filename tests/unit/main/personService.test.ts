import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPersonService } from '../../../main/personService';

const dir = mkdtempSync(join(tmpdir(), 'gridlink-people-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unit = '320506001001';
const person = `person-${unit}-001`;

describe('people signing in at the desktop station (main)', () => {
  it('asks the district server, keeps a verifier in a 0600 file of its own (never the password), and checks it offline', async () => {
    let online = true;
    const asked: string[] = [];
    const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
      asked.push(String(url));
      if (!online) throw new TypeError('fetch failed');
      const ok = (init?.headers as Record<string, string>).authorization === `Basic ${Buffer.from(`${person}:s3cret-pw`).toString('base64')}`;
      return new Response(JSON.stringify(ok ? { ok: true, userCtx: { name: person, roles: [`person:${unit}`] } } : { error: 'unauthorized' }), { status: ok ? 200 : 401 });
    }) as typeof fetch;
    const file = join(dir, 'people.json');
    const service = createPersonService({ file, station: () => ({ districtUrl: 'https://couch.example/', stationCode: unit }), fetcher });
    expect(await service.signIn({ person, password: 's3cret-pw' })).toEqual({ ok: true, person, checked: 'server' });
    expect(asked).toEqual(['https://couch.example/_session']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret-pw');
    expect(await service.signIn({ person, password: 'nope' })).toMatchObject({ ok: false, reason: 'wrong' });
    online = false;
    // A new service (the app restarted) reads the file.
    const again = createPersonService({ file, station: () => ({ districtUrl: 'https://couch.example/', stationCode: unit }), fetcher });
    expect(await again.signIn({ person, password: 's3cret-pw' })).toEqual({ ok: true, person, checked: 'offline' });
    expect(await again.signIn({ person, password: 'nope' })).toMatchObject({ ok: false, reason: 'wrong' });
  });
});
