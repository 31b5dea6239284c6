import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationSync } from '../../../sync';
import { createPhotoStore, sha256Hex } from '../../../core/photos/photoStore';
import type { ImageCompressor } from '../../../core/photos/compress';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { startTcpProxy } from '../../support/tcpProxy';
import { eventually, openClient, seedStation } from './stationFixture';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch?.stop();
});

/**
 * Node has no image codec; the browser compressor (createImageBitmap + OffscreenCanvas) runs in
 * the Chromium bench. This one really shrinks the bytes (deflate) so the round trip carries
 * different bytes than the camera's.
 */
const deflateCompressor: ImageCompressor = async (input) => {
  const bytes = deflateSync(Buffer.from(await input.arrayBuffer()), { level: 9 });
  return { blob: new Blob([bytes], { type: 'image/png' }), mime: 'image/png', width: 640, height: 480 };
};

describe('photos', () => {
  it('are compressed, uploaded with their doc, and fetched with equal bytes on another station', async () => {
    const station = await seedStation(couch);
    const camera = new Blob([Buffer.alloc(300_000, 'grid-photo-')], { type: 'image/png' });
    const clerk = await openClient(['photos', 'quarantine']);
    const syncA = await startStationSync({ db: clerk, serverUrl: couch.url, dbName: station.dbName, credentials: station.user });
    const proxy = await startTcpProxy(couch.url);
    const other = await openClient(['photos']);
    const syncB = await startStationSync({ db: other, serverUrl: proxy.url, dbName: station.dbName, credentials: station.user });
    try {
      await Promise.all([syncA.awaitInitialSync(), syncB.awaitInitialSync()]);
      const store = createPhotoStore({ photos: clerk.photos, compress: deflateCompressor, fetchAttachment: syncA.fetchAttachment });
      const photo = await store.add(camera, { scope: [...station.docs[0].scope], updatedBy: 'clerk', subjectId: 'ticket:X' });
      const compressed = await store.get(photo.id);
      expect(compressed.size).toBeLessThan(camera.size / 10);
      expect(photo.id).toBe(`photo:${await sha256Hex(compressed)}`);

      // uploaded as an attachment of the photo doc
      await eventually(async () => (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(photo.id)}/image`)).ok, 10_000);
      const onServer = await (await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(photo.id)}/image`)).arrayBuffer();
      expect(Buffer.from(onServer).equals(Buffer.from(await compressed.arrayBuffer()))).toBe(true);

      // the other station gets the doc by sync and the bytes on demand
      await eventually(async () => (await other.photos.findOne(photo.id).exec()) !== null, 10_000);
      const storeB = createPhotoStore({ photos: other.photos, compress: deflateCompressor, fetchAttachment: syncB.fetchAttachment });
      expect(await storeB.hasLocal(photo.id)).toBe(false);
      const fetched = await storeB.get(photo.id);
      expect(Buffer.from(await fetched.arrayBuffer()).equals(Buffer.from(await compressed.arrayBuffer()))).toBe(true);
      // a photo only viewed is not waiting to upload (it came from the server)
      await eventually(() => syncB.status.pendingTotal === 0, 5_000);
      // and keeps them: readable with the server out of reach
      await proxy.cut();
      expect(await storeB.hasLocal(photo.id)).toBe(true);
      const cached = await storeB.get(photo.id);
      expect(await sha256Hex(cached)).toBe(photo.sha256);
      // the same picture again is the same photo
      expect((await store.add(camera, { scope: [...station.docs[0].scope], updatedBy: 'clerk' })).id).toBe(photo.id);
      expect(syncA.status.rejected.count).toBe(0);
    } finally {
      await syncA.stop();
      await syncB.stop();
      await clerk.close();
      await other.close();
      await proxy.stop();
    }
  });
});
