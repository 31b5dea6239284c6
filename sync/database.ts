/**
 * Opens a station's local RxDB database. The storage is passed in so the same factory serves
 * the renderer (Dexie over the browser's IndexedDB) and Node tests (Dexie over fake-indexeddb).
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxCollectionCreator, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTIONS, type CollectionDocs, type CollectionName } from '../core/schema';
import { PERSONAL_FIELDS, personalFieldsOf } from '../core/schema/personalFields';
import type { DataKey } from '../core/dataKey';
import { encryptedStorage } from './encryptedStorage';
import { stationStorage } from './storage';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBAttachmentsPlugin);
addRxPlugin(RxDBLeaderElectionPlugin);

export type GridlinkCollections = { [K in CollectionName]: RxCollection<CollectionDocs[K]> };
export type GridlinkDatabase = RxDatabase<GridlinkCollections>;

/** A subset of collections opened; the others are absent. */
export type PartialGridlinkDatabase<K extends CollectionName> = RxDatabase<Pick<GridlinkCollections, K>>;

export interface OpenDatabaseOptions<K extends CollectionName = CollectionName> {
  /** IndexedDB database name prefix, e.g. `gridlink-320506101002`. */
  name: string;
  /** Defaults to Dexie over the global IndexedDB (the renderer). */
  storage?: RxStorage<unknown, unknown>;
  /**
   * Open only these collections. RxDB's open core allows 13 open collections per process, so a
   * test that runs two clients in one process opens only what it needs.
   */
  collections?: readonly K[];
  /**
   * The workstation's data key (core/dataKey.ts): personal fields are stored encrypted with it
   * (encryptedStorage.ts). Without one they are stored in clear (the demo, Node tests).
   */
  dataKey?: DataKey;
}

type DexieSettings = NonNullable<Parameters<typeof getRxStorageDexie>[0]>;

/** Dexie over an explicit IndexedDB implementation (fake-indexeddb in Node). */
export function dexieStorage(indexedDB?: DexieSettings['indexedDB'], keyRange?: DexieSettings['IDBKeyRange']): RxStorage<unknown, unknown> {
  return getRxStorageDexie(indexedDB && keyRange ? { indexedDB, IDBKeyRange: keyRange } : undefined) as RxStorage<unknown, unknown>;
}

export async function openDatabase<K extends CollectionName = CollectionName>(
  options: OpenDatabaseOptions<K>,
): Promise<PartialGridlinkDatabase<K>> {
  // RxDB's ajv plugin compiles schemas with `new Function`, which the app's
  // Content-Security-Policy (script-src 'self', no 'unsafe-eval') rightly refuses: the station
  // storage validates with validators generated at build time, and keeps the base of local
  // edits (storage.ts).
  const base = options.storage ?? dexieStorage();
  const storage = stationStorage(options.dataKey ? encryptedStorage(base, options.dataKey, { fields: PERSONAL_FIELDS, fieldsOf: personalFieldsOf }) : base);
  const db = await createRxDatabase<Pick<GridlinkCollections, K>>({
    name: options.name,
    storage,
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const names = (options.collections ?? (Object.keys(COLLECTIONS) as K[])) as readonly K[];
  const creators: Record<string, RxCollectionCreator> = Object.fromEntries(names.map((n) => [n, COLLECTIONS[n]]));
  await db.addCollections(creators);
  return db;
}
