/**
 * A workstation without a browser: a unit's local RxDB (fake IndexedDB) synced with its
 * database on a provisioned district by the real sync engine, through its own TCP proxy so a
 * test can cut it off the network. For suites that check the sync across stations in Node.
 * Import 'fake-indexeddb/auto' in the test file first.
 */
import { userNameOf } from '../../../district/topologyPlan';
import { dexieStorage, openDatabase, type GridlinkCollections, type PartialGridlinkDatabase } from '../../../sync/database';
import { databaseOfUnit } from '../../../core/org';
import { startStationSync, type StationSync } from '../../../sync';
import { stationHooks } from '../../support/stationHooks';
import type { CollectionName } from '../../../core/schema';
import type { ProvisionedDistrict } from '../../support/provisionedDistrict';
import { startTcpProxy, type TcpProxy } from '../../support/tcpProxy';

export interface NodeWorkstation<K extends CollectionName> {
  unit: string;
  db: PartialGridlinkDatabase<K>;
  sync: StationSync;
  proxy: TcpProxy;
  /** Closes the app and opens it again on the same local database (a restart, network as it is). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let opened = 0;

/** Opens `unit`'s workstation with `collections`, logged in as the unit's first user; resolves after the initial sync. */
export async function nodeWorkstation<K extends CollectionName>(district: ProvisionedDistrict, unit: string, collections: readonly K[]): Promise<NodeWorkstation<K>> {
  const proxy = await startTcpProxy(district.couch.url);
  const name = `workstation-${unit}-${++opened}`;
  const username = userNameOf(unit);
  const open = async () => {
    const db = await openDatabase({ name, storage: dexieStorage(indexedDB, IDBKeyRange), collections });
    const sync = await startStationSync({
      db, serverUrl: proxy.url, dbName: databaseOfUnit(unit), credentials: { username, password: district.passwords.get(username) ?? '' },
      ...stationHooks((db.collections as Partial<GridlinkCollections>).events, { unit, name: username }), retry: { minMs: 100, maxMs: 400 },
    });
    return { db, sync };
  };
  const workstation: NodeWorkstation<K> = {
    unit,
    ...(await open()),
    proxy,
    async restart() {
      await workstation.sync.stop();
      await workstation.db.close();
      Object.assign(workstation, await open());
    },
    async close() {
      await workstation.sync.stop();
      await workstation.db.close();
      await proxy.stop();
    },
  };
  await workstation.sync.awaitInitialSync();
  return workstation;
}
