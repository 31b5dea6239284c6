/**
 * The desktop app's sync through main's district proxy (main/districtProxy.ts), against a real
 * CouchDB-API server (embedded pouchdb-server, or COUCHDB_URL): the real sync engine with no
 * credentials of its own pulls, pushes (a photo inline), follows the live feed and fetches an
 * attachment through it; everything the sync does not need is refused before it reaches the
 * server, and the page's own Authorization header never goes through.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_PROXY_URL } from '../../../ipc/contract';
import { createDistrictFetch, createDistrictProxy, type DistrictTarget } from '../../../main/districtProxy';
import { startStationSync, type FetchLike } from '../../../sync';
import { CouchClient, OfflineError } from '../../../sync/couchClient';
import { createPhotoStore } from '../../../core/photos/photoStore';
import type { ImageCompressor } from '../../../core/photos/compress';
import type { TicketDoc } from '../../../core/schema';
import { outsideSyncWindow, syncWindowSelector } from '../../../core/syncWindow';
import type { GridlinkDatabase } from '../../../sync/database';
import { freePort } from '../../../district/devServer/embeddedServer';
import { basicAuth, startTestCouch, type TestCouch } from '../../support/couchServer';
import { createUser, eventually, openClient, seedStation, type SeededStation } from './stationFixture';

const APP_ORIGIN = 'gridlink://app';

let couch: TestCouch;
let station: SeededStation;
let other: SeededStation;
beforeAll(async () => {
  couch = await startTestCouch();
  [station, other] = [await seedStation(couch), await seedStation(couch)];
});
afterAll(async () => {
  await couch?.stop();
});

/** The proxy as main wires it, and the page's fetch of the scheme (what Electron does between them). */
function proxied(target: () => DistrictTarget | null) {
  const seen: Request[] = [];
  const upstream: { url: string; authorization: string | null }[] = [];
  const handler = createDistrictProxy({
    target,
    fetch: (url, init) => {
      upstream.push({ url, authorization: new Headers(init.headers).get('authorization') });
      return fetch(url, init);
    },
    isAppOrigin: (origin) => origin === APP_ORIGIN,
    appOrigin: APP_ORIGIN,
  });
  const pageFetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    seen.push(request);
    return handler(request);
  };
  /** A request as a page would send it, with the app's origin unless told otherwise. */
  const ask = (path: string, init: RequestInit & { origin?: string | null } = {}) => {
    const { origin = APP_ORIGIN, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (origin !== null) headers.set('origin', origin);
    return handler(new Request(`${DISTRICT_PROXY_URL}${path}`, { ...rest, headers }));
  };
  return { handler, pageFetch, ask, seen, upstream };
}

const stationTarget = (): DistrictTarget => ({ districtUrl: couch.url, databases: [station.dbName], credentials: station.user });

const deflateCompressor: ImageCompressor = async (input) => {
  const bytes = deflateSync(Buffer.from(await input.arrayBuffer()), { level: 9 });
  return { blob: new Blob([bytes], { type: 'image/png' }), mime: 'image/png', width: 640, height: 480 };
};

describe('the sync through main’s district proxy', () => {
  it('pulls, pushes a photo, follows the live feed and fetches an attachment with no password in the page', async () => {
    const { pageFetch, seen, upstream } = proxied(stationTarget);
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: DISTRICT_PROXY_URL, dbName: station.dbName, fetch: pageFetch, retry: { minMs: 100, maxMs: 1000 } });
    try {
      await sync.awaitInitialSync();
      expect(await db.tickets.count().exec()).toBe(station.docs.filter((d) => d.type === 'ticket').length);

      // Up: a photo goes in _bulk_docs with its image inline (a streamed request body).
      const store = createPhotoStore({ photos: db.photos, compress: deflateCompressor, fetchAttachment: (id, name) => sync.fetchAttachment(id, name) });
      const camera = new Blob([Buffer.alloc(200_000, 'proxy-photo-')], { type: 'image/png' });
      const photo = await store.add(camera, { scope: [...station.docs[0]!.scope], updatedBy: 'clerk', subjectId: 'ticket:X' });
      const compressed = Buffer.from(await (await store.get(photo.id)).arrayBuffer());
      await eventually(async () => (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(photo.id)}/image`)).ok, 10_000);
      const onServer = Buffer.from(await (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(photo.id)}/image`)).arrayBuffer());
      expect(onServer.equals(compressed)).toBe(true);

      // Down, live: the longpoll answer streams back through the proxy.
      const ticket = station.docs.find((d): d is TicketDoc => d.type === 'ticket')!;
      const current = await (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(ticket.id)}`)).json();
      await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(ticket.id)}`, {
        method: 'PUT',
        body: JSON.stringify({ ...current, address: '经代理同步的地址', updatedAt: new Date().toISOString() }),
      });
      await eventually(async () => (await db.tickets.findOne(ticket.id).exec())?.address === '经代理同步的地址', 10_000);

      // An attachment on demand, byte for byte.
      const fetched = Buffer.from(await (await sync.fetchAttachment(photo.id, 'image')).arrayBuffer());
      expect(fetched.equals(compressed)).toBe(true);
      expect(sync.status.rejected.count).toBe(0);
      expect(sync.status.authError).toBeNull();
    } finally {
      await sync.stop();
      await db.close();
    }
    // The page never sent a login; main added the station's to every request it forwarded.
    expect(seen.length).toBeGreaterThan(3);
    for (const request of seen) expect(request.headers.get('authorization')).toBeNull();
    expect(seen.some((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/_bulk_docs'))).toBe(true);
    expect(seen.some((r) => new URL(r.url).search.includes('feed=longpoll'))).toBe(true);
    for (const call of upstream) expect(call.authorization).toBe(basicAuth(station.user.username, station.user.password));
  });

  it('carries the sync window: the filtered feed (a POST) and an order fetched on demand', async () => {
    const { pageFetch } = proxied(stationTarget);
    const tickets = station.docs.filter((d): d is TicketDoc => d.type === 'ticket');
    const start = tickets.map((t) => t.updatedAt).sort()[Math.floor(tickets.length / 2)]!;
    const db = (await openClient()) as unknown as GridlinkDatabase;
    const sync = await startStationSync({ db, serverUrl: DISTRICT_PROXY_URL, dbName: station.dbName, fetch: pageFetch, live: false, pullSelector: async () => syncWindowSelector(start) });
    try {
      await sync.awaitInitialSync();
      expect(await db.tickets.count().exec()).toBe(tickets.filter((t) => !outsideSyncWindow(t, start)).length);
      const old = tickets.find((t) => outsideSyncWindow(t, start))!;
      expect(await sync.fetchFromServer({ ids: [old.id] })).toBe(1);
      expect(await db.tickets.findOne(old.id).exec()).not.toBeNull();
    } finally {
      await sync.stop();
      await db.close();
    }
  });

  it('refuses everything the sync does not need, before it reaches the server', async () => {
    const { ask, upstream } = proxied(stationTarget);
    const db = station.dbName;
    const refused: [string, string, RequestInit?][] = [
      ['the user list', '/_users/_all_docs'],
      ['a user doc', `/_users/org.couchdb.user:${encodeURIComponent(station.user.username)}`],
      ['every database', '/_all_dbs'],
      ['the replicator', '/_replicator/_all_docs'],
      ['the server config', '/_node/_local/_config'],
      ['another station', `/${other.dbName}/_all_docs`],
      ['another station’s feed', `/${other.dbName}/_changes`],
      ['a design doc', `/${db}/_design/gridlink`],
      ['the security object', `/${db}/_security`],
      ['a local doc', `/${db}/_local/x`],
      ['a write of one doc', `/${db}/ticket:X`, { method: 'PUT', body: '{}' }],
      ['a delete', `/${db}/ticket:X?rev=1-a`, { method: 'DELETE' }],
      ['deleting the database', `/${db}`, { method: 'DELETE' }],
      ['a purge', `/${db}/_purge`, { method: 'POST', body: '{}' }],
      ['compaction', `/${db}/_compact`, { method: 'POST', body: '{}' }],
      ['a bulk write by GET', `/${db}/_bulk_docs`],
      ['an escape by encoded dots', `/${db}/%2e%2e/_users`],
      ['an encoded slash', `/${db}%2F..%2F_users`],
      ['a session login', '/_session', { method: 'POST', body: 'name=admin&password=x' }],
      ['too deep', `/${db}/photo:x/image/more`],
    ];
    for (const [what, path, init] of refused) {
      const response = await ask(path, init);
      expect(response.status, what).toBe(403);
      expect(((await response.json()) as { error: string }).error, what).toBe('forbidden');
    }
    // A page of another origin gets nothing, even for what the app may do.
    expect((await ask(`/${db}`, { origin: 'https://evil.example' })).status).toBe(403);
    expect(upstream).toEqual([]);

    // What the sync needs goes through, as the station (the page's own login is dropped).
    const session = await ask('/_session', { headers: { authorization: couch.adminAuth } });
    expect(session.status).toBe(200);
    expect(((await session.json()) as { userCtx: { name: string } }).userCtx.name).toBe(station.user.username);
    expect(session.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect((await ask('/')).status).toBe(200);
    expect((await ask(`/${db}/`)).status).toBe(200);
    const preflight = await ask(`/${db}/_bulk_docs`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    // Without an Origin header the answer still names only the app, never `*`.
    expect((await ask('/', { origin: null })).headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    // A page with an opaque origin (a sandboxed frame, data:) sends "null": refused.
    expect((await ask(`/${db}`, { origin: 'null' })).status).toBe(403);
  });

  it('the server still judges the station’s login: a wrong one is its 401, as it would be without the proxy', async () => {
    const { ask } = proxied(() => ({ ...stationTarget(), credentials: { username: station.user.username, password: 'not-it' } }));
    expect((await ask(`/${station.dbName}`)).status).toBe(401);
  });

  it('answers 503 while the station is not set up, and an unreachable server is offline to the page', async () => {
    expect((await proxied(() => null).ask(`/${station.dbName}`)).status).toBe(503);
    const dead = `http://127.0.0.1:${await freePort()}`;
    const { pageFetch } = proxied(() => ({ ...stationTarget(), districtUrl: dead }));
    const client = new CouchClient({ serverUrl: DISTRICT_PROXY_URL, dbName: station.dbName, fetch: pageFetch });
    await expect(client.json('/')).rejects.toBeInstanceOf(OfflineError);
  });

  it('main’s own district fetch (for other main-side checks) speaks as the station or as the login it is given', async () => {
    const person = await createUser(couch, `${station.dbName}-person`, `station:${station.stationCode}`);
    const districtFetch = createDistrictFetch(stationTarget, (url, init) => fetch(url, init));
    const asStation = (await (await districtFetch('/_session')).json()) as { userCtx: { name: string } };
    expect(asStation.userCtx.name).toBe(station.user.username);
    const asPerson = (await (await districtFetch('_session', {}, person)).json()) as { userCtx: { name: string } };
    expect(asPerson.userCtx.name).toBe(person.username);
    await expect(createDistrictFetch(() => null, fetch)('/_session')).rejects.toThrow(/not set up/);
  });
});
