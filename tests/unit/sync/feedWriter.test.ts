/**
 * The feed writer's decisions, row by row, on a real local database (RxDB over Dexie over
 * fake-indexeddb): what it stores from the server, what it leaves to the push and the conflict
 * policies, and the server mark and edit base it keeps in each doc.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allDemoDocs, generateDemoDistrict } from '../../../district/demo';
import { toCouchDoc } from '../../../core/couchDoc';
import { dexieStorage, openDatabase, type PartialGridlinkDatabase } from '../../../sync/database';
import type { ChangeRow } from '../../../sync/changesFeed';
import { createFeedWriter } from '../../../sync/feedWriter';
import { localStoreOf, type StoredDoc } from '../../../sync/localStore';
import { baseOf, isInSync, markOf } from '../../../sync/serverMark';
import type { AnyDoc, EventDoc, MediationCaseDoc } from '../../../core/schema';

type Db = PartialGridlinkDatabase<'cases' | 'events' | 'quarantine'>;
const CONTEXT = Promise.resolve('replication-downstream-test');

const demo = [...allDemoDocs(generateDemoDistrict({ towns: 1, villagesPerTown: 1, ticketsPerVillage: 3, casesPerVillage: 2, componentsPerVillage: 1, staffPerVillage: 1 }))] as AnyDoc[];
const kase = demo.find((d): d is MediationCaseDoc => d.type === 'mediationCase')!;
const event = demo.find((d): d is EventDoc => d.type === 'ticketEvent')!;

let db: Db;
let seq = 0;
beforeEach(async () => {
  db = await openDatabase({ name: `feedwriter${Date.now().toString(36)}${seq}`, storage: dexieStorage(indexedDB, IDBKeyRange), collections: ['cases', 'events', 'quarantine'] });
});
afterEach(async () => {
  await db.remove();
});

function row(doc: { id: string } & Record<string, unknown>, rev: string): ChangeRow {
  return { id: doc.id, seq: String(++seq), deleted: false, doc: { ...toCouchDoc(doc), _rev: rev } };
}
function tombstone(id: string, rev: string): ChangeRow {
  return { id, seq: String(++seq), deleted: true, doc: { _id: id, _rev: rev, _deleted: true } };
}
function writer(isPending: (id: string) => boolean = () => true) {
  return createFeedWriter(
    [
      { name: 'cases', collection: db.cases, store: localStoreOf(db.cases, CONTEXT) },
      { name: 'events', collection: db.events, store: localStoreOf(db.events, CONTEXT) },
    ],
    db.quarantine,
    isPending,
  );
}
async function stored(id: string): Promise<StoredDoc | undefined> {
  const [doc] = await db.cases.storageInstance.findDocumentsById([id], true);
  return doc as unknown as StoredDoc | undefined;
}

describe('the feed writer', () => {
  it('stores a new doc in sync with its server revision, and nothing for a revision it holds', async () => {
    await writer().write([row(kase, '1-a')]);
    const first = await stored(kase.id);
    expect(first && isInSync(first)).toBe(true);
    expect(markOf(first)?.rev).toBe('1-a');
    expect((await db.cases.findOne(kase.id).exec())!.toJSON()).toEqual(kase);
    await writer().write([row(kase, '1-a')]);
    expect((await stored(kase.id))!._rev).toBe(first!._rev);
  });

  it('takes a newer revision and ignores an older snapshot of the doc', async () => {
    await writer().write([row(kase, '3-c')]);
    await writer().write([row({ ...kase, summary: '旧的快照' }, '2-b')]);
    expect((await db.cases.findOne(kase.id).exec())!.summary).toBe(kase.summary);
    await writer().write([row({ ...kase, summary: '较新的' }, '4-d')]);
    expect((await db.cases.findOne(kase.id).exec())!.summary).toBe('较新的');
    expect(markOf(await stored(kase.id))?.rev).toBe('4-d');
  });

  it('leaves a doc edited here alone, keeping the server state the edit started from', async () => {
    await writer().write([row(kase, '1-a')]);
    await (await db.cases.findOne(kase.id).exec())!.incrementalPatch({ summary: '本机修改' });
    const edited = await stored(kase.id);
    expect(isInSync(edited)).toBe(false);
    expect(baseOf(edited)).toMatchObject({ id: kase.id, summary: kase.summary });
    await writer().write([row({ ...kase, summary: '服务器修改' }, '2-b')]);
    expect((await db.cases.findOne(kase.id).exec())!.summary).toBe('本机修改');
    // A second edit keeps the first base.
    await (await db.cases.findOne(kase.id).exec())!.incrementalPatch({ peopleInvolved: 99 });
    expect(baseOf(await stored(kase.id))).toMatchObject({ summary: kase.summary });
  });

  it('never overwrites a create-only doc, and marks a local doc equal to the server’s in sync', async () => {
    await db.events.insert(event);
    await writer().write([row({ ...event, note: '服务器上的不同内容' }, '1-x')]);
    expect((await db.events.findOne(event.id).exec())!.note).toBe(event.note);

    await db.cases.insert(kase);
    await writer().write([row({ ...kase, summary: '不同' }, '1-a')]);
    expect(markOf(await stored(kase.id))).toBeUndefined();
    await writer().write([row(kase, '2-b')]);
    expect(isInSync(await stored(kase.id))).toBe(true);
  });

  it('replaces a doc without a mark that waits for no upload (a copy from an older engine) with the server’s state', async () => {
    await db.cases.insert({ ...kase, summary: '旧版本同步下来的内容' });
    await writer(() => true).write([row(kase, '3-c')]);
    expect((await db.cases.findOne(kase.id).exec())!.summary).toBe('旧版本同步下来的内容');
    await writer(() => false).write([row(kase, '3-c')]);
    expect((await db.cases.findOne(kase.id).exec())!.summary).toBe(kase.summary);
    expect(markOf(await stored(kase.id))?.rev).toBe('3-c');
  });

  it('marks a doc deleted by a tombstone, stores nothing for an unknown one, and quarantines an invalid doc without losing the rest', async () => {
    const other = demo.filter((d): d is MediationCaseDoc => d.type === 'mediationCase')[1];
    await writer().write([row(kase, '1-a')]);
    await writer().write([tombstone(kase.id, '2-b'), tombstone('mediationCase:never-here', '2-z'), row({ ...other, state: 'no-such-state' }, '1-q'), row(event, '1-e')]);
    expect((await stored(kase.id))!._deleted).toBe(true);
    expect(await stored('mediationCase:never-here')).toBeUndefined();
    expect(await stored(other.id)).toBeUndefined();
    expect(await db.events.findOne(event.id).exec()).not.toBeNull();
    const [quarantined] = await db.quarantine.find({ selector: { kind: 'invalidPull' } }).exec();
    expect(quarantined.docId).toBe(other.id);
  });
});
