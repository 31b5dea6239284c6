import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createAppRequestHandler, pageConnectSources, stationConnectOrigins } from '../../../main/appProtocol';

let root: string;
let outside: string;
let handle: (request: Request) => Promise<Response>;
let districtOrigin = 'http://10.20.0.5:5984';

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'gridlink-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>网格联动</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(outside, 'not for the page');
  handle = createAppRequestHandler({ rootDir: root, csp: () => contentSecurityPolicy([districtOrigin]) });
});
afterAll(async () => rm(join(root, '..'), { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the gridlink:// app protocol', () => {
  it('serves the built files with their content types', async () => {
    const page = await get('gridlink://app/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('网格联动');
    expect((await get('gridlink://app/assets/index-abc.js')).headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect((await get('gridlink://app/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers an app route (no file extension) with the page, so a reload keeps working', async () => {
    const response = await get('gridlink://app/tickets/320506101002');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>');
  });

  it('puts the strict CSP on every response, errors included', async () => {
    const responses = await Promise.all([
      get('gridlink://app/'),
      get('gridlink://app/assets/index-abc.js'),
      get('gridlink://app/assets/missing.js'),
      get('gridlink://app/%E0%A4%A'),
      get('gridlink://app/', 'POST'),
      get('gridlink://other-host/index.html'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 400, 405, 404]);
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('lets the page sync with the configured district server and nothing else', async () => {
    const csp = (await get('gridlink://app/')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src 'self' http:\/\/10\.20\.0\.5:5984(;|$)/);
    districtOrigin = 'https://gridlink.wz.example:6984';
    const after = (await get('gridlink://app/')).headers.get('content-security-policy') ?? '';
    expect(after).toMatch(/connect-src 'self' https:\/\/gridlink\.wz\.example:6984(;|$)/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const response = await get(`gridlink://app${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('not for the page');
    }
  });
});

describe('the servers the page may fetch from', () => {
  it('are the district server, and the basemap’s tile server once the district names one', () => {
    expect(stationConnectOrigins(null)).toEqual([]);
    const station = { districtUrl: 'http://10.20.0.5:5984/' };
    expect(stationConnectOrigins(station)).toEqual(['http://10.20.0.5:5984']);
    expect(stationConnectOrigins({ ...station, basemapUrl: 'https://gis.szwz.gov.cn/tiles/{z}/{x}/{y}.png' })).toEqual(['http://10.20.0.5:5984', 'https://gis.szwz.gov.cn']);
    expect(contentSecurityPolicy(stationConnectOrigins({ ...station, basemapUrl: 'pmtiles://https://gis.szwz.gov.cn/a.pmtiles' }))).toContain("connect-src 'self' http://10.20.0.5:5984 https://gis.szwz.gov.cn;");
    // A setting no map could draw opens nothing.
    expect(stationConnectOrigins({ ...station, basemapUrl: 'https://evil.example/' })).toEqual(['http://10.20.0.5:5984']);
  });

  it('in the page’s CSP: the district only through main’s proxy scheme, never directly (main adds the login)', () => {
    const station = { districtUrl: 'http://10.20.0.5:5984/' };
    expect(pageConnectSources(null)).toEqual(['gridlink-district:']);
    expect(pageConnectSources(station)).toEqual(['gridlink-district:']);
    const csp = contentSecurityPolicy(pageConnectSources({ ...station, basemapUrl: 'https://gis.szwz.gov.cn/tiles/{z}/{x}/{y}.png' }));
    expect(csp).toContain("connect-src 'self' gridlink-district: https://gis.szwz.gov.cn;");
    expect(csp).not.toContain('10.20.0.5');
  });
});
