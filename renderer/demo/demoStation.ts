/**
 * `?demo=1`: fills a browser's local database with one station's slice of the demo district, so
 * the web build shows real-looking data before any district server exists. The district comes
 * as a static file built with the page (district/demo/webAsset.ts); a real station never loads it.
 *
 * The slice is what down-replication would bring the station (core/topology.ts).
 */
import type { GridlinkDatabase } from '../../sync/database';
import type { OrgTree } from '../../core/org';
import { COLLECTION_OF_TYPE, isDocType, type AnyDoc, type SyncedCollectionName } from '../../core/schema';
import { flowsDownTo } from '../../core/topology';
import { t } from '../../core/i18n';
import { StationConfigError } from '../platform/stationConfig';
import { demoShiftMs, shiftDates } from './demoDates';
import type { StationConfig } from '../platform/types';

/** Where the build puts the demo district, next to index.html. */
const DEMO_DISTRICT_URL = './demo/district.json';

interface DemoDistrictFile {
  orgTree: OrgTree;
  docs: AnyDoc[];
  /** When the generated data ends (ms); absent in files built before it was recorded. */
  endsAt?: number;
}

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

async function loadDemoDistrict(): Promise<DemoDistrictFile> {
  const response = await fetch(DEMO_DISTRICT_URL, { cache: 'no-store' });
  if (!response.ok) throw new Error(t('app:setup.demoMissing', { status: response.status }));
  return (await response.json()) as DemoDistrictFile;
}

/** The demo station `code` (a village or town of the demo district), or its first village. */
export async function prepareDemoStation(code?: string, now = Date.now()): Promise<DemoStation> {
  const file = await loadDemoDistrict();
  const { orgTree } = file;
  // Moved to this week, so deadlines and 超期 read as a station's today (demoDates.ts).
  const docs = file.endsAt === undefined ? file.docs : shiftDates(file.docs, demoShiftMs(file.endsAt, now));
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
  for (const doc of docs) {
    if (!isDocType(doc.type) || !flowsDownTo(doc, stationCode)) continue;
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
