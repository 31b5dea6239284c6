/**
 * A workstation following the server live must not fall behind when changes arrive faster than
 * one collection pulls them (issue 3: a settled conflict on one desk never showed on the other).
 * The live feed caches each longpoll answer as a page and wakes the collections; RxDB drops the
 * wake-ups that arrived before a pull started, trusting that pull to read up to now. A page that
 * was the end of the feed when it was read must therefore not claim to be the end once the live
 * feed has cached the page after it — else the collection stops a page short and stays there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangesFeed, type FeedPage } from '../../../sync/replication/changesFeed';
import { Connection } from '../../../sync/replication/connection';
import { CouchClient } from '../../../sync/replication/couchClient';
import { startTestCouch, type TestCouch } from '../../support/couchServer';
import { seedStation, type SeededStation } from './stationFixture';

let couch: TestCouch;
let station: SeededStation;
beforeAll(async () => {
  couch = await startTestCouch();
  station = await seedStation(couch, { docs: [] });
});
afterAll(async () => {
  await couch?.stop();
});

async function writeOnServer(id: string): Promise<void> {
  const put = await couch.adminFetch(`/${station.dbName}/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify({ type: 'note' }) });
  expect(put.status).toBe(201);
}

describe('the live feed of a station', () => {
  it('lets a collection that is a page behind read every change that has already arrived', async () => {
    const client = new CouchClient({ serverUrl: couch.url, dbName: station.dbName, credentials: station.user });
    const connection = new Connection(() => client.json('/').then(() => undefined), { minMs: 50, maxMs: 200 });
    const feed = new ChangesFeed(client, connection, ['cases', 'events'], 100);
    const start = await feed.page('0', 'cases');
    expect(start.atEnd).toBe(true);
    const tail = start.lastSeq;

    const livePages: FeedPage[] = [];
    const arrived = (count: number) =>
      new Promise<void>((done) => {
        const check = () => (livePages.length >= count ? done() : setTimeout(check, 10));
        check();
      });
    const live = feed.runLive(tail, (page) => livePages.push(page)).catch(() => undefined);
    // Two changes, each answered by its own longpoll: the settled case arrives after the merge.
    await writeOnServer('mediationCase:merged');
    await arrived(1);
    await writeOnServer('mediationCase:settled');
    await arrived(2);

    // The collection, woken for the first change only now, reads from where it stopped.
    const read: string[] = [];
    let position = tail;
    for (let pages = 0; pages < 5; pages++) {
      const page = await feed.page(position, 'cases');
      read.push(...page.rows.map((row) => row.id));
      position = page.lastSeq;
      if (page.atEnd) break;
    }
    feed.stop();
    connection.stop();
    await live;
    expect(read).toEqual(['mediationCase:merged', 'mediationCase:settled']);
  });
});
