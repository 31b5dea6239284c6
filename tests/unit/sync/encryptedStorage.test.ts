import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RxCollection, RxStorageInstance } from 'rxdb';
import { generateDataKey, importDataKey, type DataKey } from '../../../core/dataKey';
import { registerCase, residentIdCheck } from '../../../core/mediation';
import type { EventDoc, MediationCaseDoc } from '../../../core/schema';
import { openDatabase } from '../../../sync/database';
import { ENVELOPE_KEY } from '../../../sync/encryptedStorage';
import { localStoreOf } from '../../../sync/localStore';
import { baseOf, markOf, serverStateDoc, type StoredDoc } from '../../../sync/serverMark';

const VILLAGE = '320506101002';
const ID_A = '32050619880229417' + residentIdCheck('32050619880229417');
const ID_B = '32050619920606385' + residentIdCheck('32050619920606385');
const PHONE = '13957246813';

function newCase(name: string, idNumber: string, existingNumbers: string[] = []) {
  return registerCase(
    {
      parties: [
        { side: 'applicant', kind: 'person', name, idNumber, phone: PHONE, address: '金鸡湖畔测试里8848号' },
        { side: 'respondent', kind: 'person', name: '被申请人', idNumber: ID_B },
      ],
      disputeType: '邻里', source: 'application', summary: '邻里纠纷',
    },
    { stationCode: VILLAGE, actor: { name: `station-${VILLAGE}`, unit: VILLAGE }, existingNumbers },
  );
}

type Raw = RxStorageInstance<StoredDoc, unknown, unknown>;
/** What IndexedDB holds: below the encryption (collection → station wrapper → encryption → Dexie). */
function rawOf(collection: RxCollection): Raw {
  const station = (collection.storageInstance as unknown as { originalStorageInstance: { originalStorageInstance?: Raw } }).originalStorageInstance;
  return (station.originalStorageInstance ?? station) as Raw;
}
async function rawDocs(collection: RxCollection, ids: string[]): Promise<StoredDoc[]> {
  return rawOf(collection).findDocumentsById(ids, true);
}

const COLLECTIONS = ['cases', 'events', 'quarantine'] as const;
const open = (name: string, dataKey?: DataKey) => openDatabase({ name, collections: COLLECTIONS, ...(dataKey ? { dataKey } : {}) });

describe('personal data encrypted at rest', () => {
  it('stores parties, the base of a local edit and event payloads sealed; the collection and its queries see them plain', async () => {
    const key = await importDataKey(generateDataKey());
    const db = await open(`enc-${Date.now()}`, key);
    try {
      const local = newCase('测试申请人甲', ID_A);
      await db.cases.insert(local.doc);
      await db.events.insert(local.event);

      // A case from the server, then edited here: the edit keeps the server state as its base.
      const pulled = newCase('测试申请人乙', ID_A, [local.doc.number]);
      const store = localStoreOf(db.cases, Promise.resolve('replication-downstream-test'));
      await store.write([{ document: serverStateDoc(store.databaseToken, { ...pulled.doc, _deleted: false } as never, '1-abc', undefined) as never }]);
      await db.cases.findOne(pulled.doc.id).exec().then((doc) => doc!.incrementalPatch({ summary: '改过的摘要' }));

      const raw = await rawDocs(db.cases, [local.doc.id, pulled.doc.id]);
      expect(raw).toHaveLength(2);
      const text = JSON.stringify(raw) + JSON.stringify(await rawDocs(db.events, [local.event.id]));
      for (const secret of [ID_A, ID_B, PHONE, '金鸡湖畔']) expect(text).not.toContain(secret);
      for (const doc of raw) {
        expect(doc[ENVELOPE_KEY]).toMatch(/^g1:/);
        expect(doc.parties).toBeUndefined();
      }
      const edited = raw.find((doc) => doc.id === pulled.doc.id)!;
      expect(markOf(edited)?.base).toBeDefined();
      expect((markOf(edited)?.base as Record<string, unknown>).parties).toBeUndefined();
      // Through the storage the base is whole again: the three-way merge sees the parties.
      const [stored] = (await db.cases.storageInstance.findDocumentsById([pulled.doc.id], false)) as unknown as StoredDoc[];
      expect((baseOf(stored) as unknown as MediationCaseDoc).parties[0].idNumber).toBe(ID_A);
      expect((baseOf(stored) as unknown as MediationCaseDoc).summary).toBe('邻里纠纷');

      const back = (await db.cases.findOne(local.doc.id).exec())!.toJSON() as MediationCaseDoc;
      expect(back.parties).toEqual(local.doc.parties);
      expect(((await db.events.findOne(local.event.id).exec())!.toJSON() as EventDoc).payload).toEqual(local.event.payload);

      // Search by a party's name or full ID number, sorted and limited.
      const byName = await db.cases.find({ selector: { parties: { $elemMatch: { name: { $regex: '申请人乙' } } } }, sort: [{ acceptedAt: 'desc' }], limit: 5 }).exec();
      expect(byName.map((d) => d.id)).toEqual([pulled.doc.id]);
      const byId = await db.cases.find({ selector: { parties: { $elemMatch: { idNumber: ID_A } } }, sort: [{ acceptedAt: 'desc' }] }).exec();
      expect(byId.map((d) => d.id).sort()).toEqual([local.doc.id, pulled.doc.id].sort());
      expect(await db.cases.find({ selector: { parties: { $elemMatch: { idNumber: ID_A } } }, limit: 1 }).exec()).toHaveLength(1);
      expect(await db.cases.find({ selector: { parties: { $elemMatch: { phone: '13900000000' } } } }).exec()).toHaveLength(0);
    } finally {
      await db.close();
    }
  });

  it('seals what an earlier version stored in clear when it opens, changing no revision, and loses no unsynced write', async () => {
    const name = `legacy-${Date.now()}`;
    const plain = await open(name);
    const unsynced = newCase('测试申请人丙', ID_A);
    await plain.cases.insert(unsynced.doc);
    await plain.events.insert(unsynced.event);
    const before = (await rawDocs(plain.cases, [unsynced.doc.id]))[0];
    expect(JSON.stringify(before)).toContain(ID_A);
    await plain.close();

    const key = await importDataKey(generateDataKey());
    const db = await open(name, key);
    try {
      const [after] = await rawDocs(db.cases, [unsynced.doc.id]);
      expect(JSON.stringify(after)).not.toContain(ID_A);
      expect(after._rev).toBe(before._rev);
      expect(after._meta.lwt).toBe(before._meta.lwt);
      expect(JSON.stringify(await rawDocs(db.events, [unsynced.event.id]))).not.toContain(ID_A);
      const back = (await db.cases.findOne(unsynced.doc.id).exec())!.toJSON() as MediationCaseDoc;
      expect(back.parties).toEqual(unsynced.doc.parties);
      expect(markOf(after as StoredDoc)).toBeUndefined();
    } finally {
      await db.close();
    }

    // Another key cannot read it.
    const other = await open(name, await importDataKey(generateDataKey()));
    try {
      await expect(other.cases.findOne(unsynced.doc.id).exec()).rejects.toThrow(/data key/);
    } finally {
      await other.close();
    }
  });
});
