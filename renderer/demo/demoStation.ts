/**
 * `?demo=1`: fills a browser's local database with one station's slice of the generated demo
 * district, so the web build shows real-looking data before any district server exists. Loaded
 * only by a dynamic import under `?demo=1`; a real station never runs it.
 *
 * The slice is what down-replication would bring the station: docs whose scope contains its
 * code, plus the district-wide reference lists (event catalogue, departments).
 */
import { generateDemoDistrict } from '../../district/demo/generate';
import type { GridlinkDatabase } from '../../sync/database';
import type { OrgTree } from '../../core/org';
import { COLLECTION_OF_TYPE, isDocType, type AnyDoc, type SyncedCollectionName } from '../../core/schema';
import { t } from '../../core/i18n';
import { StationConfigError } from '../platform/stationConfig';
import type { StationConfig } from '../platform/types';

/** The same seed as the embedded dev server's demo district, so codes match across tools. */
const DEMO_SEED = 1;
const FOR_EVERYONE = new Set(['catalogItem', 'department']);

export interface DemoStation {
  station: StationConfig;
  seed(db: GridlinkDatabase): Promise<void>;
}

function findUnit(org: OrgTree, code: string): { name: string; townName?: string } | null {
  for (const town of org.towns) {
    if (town.code === code) return { name: town.name };
    const village = town.villages.find((v) => v.code === code);
    if (village) return { name: village.name, townName: town.name };
  }
  return null;
}

/** The demo station `code` (a village or town of the demo district), or its first village. */
export function prepareDemoStation(code?: string): DemoStation {
  const { orgTree, docs } = generateDemoDistrict({ seed: DEMO_SEED });
  const stationCode = code ?? orgTree.towns[0]?.villages[0]?.code;
  const unit = stationCode ? findUnit(orgTree, stationCode) : null;
  if (!stationCode || !unit) throw new StationConfigError(t('app:setup.demoStationMissing', { code: code ?? '' }));

  const station: StationConfig = {
    districtUrl: '',
    stationCode,
    stationName: unit.townName ? `${unit.townName} ${unit.name}` : unit.name,
    username: '',
    districtName: orgTree.name,
  };

  const byCollection = new Map<SyncedCollectionName, AnyDoc[]>();
  for (const doc of Object.values(docs).flat() as AnyDoc[]) {
    if (!isDocType(doc.type)) continue;
    if (!FOR_EVERYONE.has(doc.type) && !doc.scope.includes(stationCode)) continue;
    const name = COLLECTION_OF_TYPE[doc.type];
    byCollection.set(name, [...(byCollection.get(name) ?? []), doc]);
  }

  return {
    station,
    async seed(db) {
      // Upsert, so reopening the demo refreshes it instead of failing on existing ids.
      for (const [name, list] of byCollection) {
        const result = await (db[name] as GridlinkDatabase['grids']).bulkUpsert(list as never[]);
        if (result.error.length > 0) {
          throw new Error(`demo seed: ${result.error.length} ${name} docs refused, first: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
        }
      }
    },
  };
}
