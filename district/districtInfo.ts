/**
 * Which district a server holds: written by provisioning into gl-district as a `_local` doc
 * (never replicated), read by the importers to scope reference data and check codes.
 */
import { t } from '../core/i18n';
import type { OrgTree } from '../core/org';
import type { Connection } from './connection';
import { isNotFound } from './connection';
import { DistrictError } from './districtError';

export const DISTRICT_INFO_ID = '_local/gridlink-district';

export interface DistrictInfo {
  code: string;
  name: string;
  towns: number;
  villages: number;
}

export function districtInfoOf(tree: OrgTree): DistrictInfo {
  return { code: tree.code, name: tree.name, towns: tree.towns.length, villages: tree.towns.reduce((n, town) => n + town.villages.length, 0) };
}

type StoredInfo = DistrictInfo & { _id: string; _rev?: string };

export async function readDistrictInfo(connection: Connection): Promise<DistrictInfo> {
  try {
    const stored = await connection.couch.use<StoredInfo>('gl-district').get(DISTRICT_INFO_ID);
    return { code: stored.code, name: stored.name, towns: stored.towns, villages: stored.villages };
  } catch (err) {
    if (isNotFound(err)) throw new DistrictError(t('district:notProvisioned', { url: connection.url }));
    throw err;
  }
}

/** Writes the info when missing or different; says which it did, or null when it was right. */
export async function ensureDistrictInfo(connection: Connection, info: DistrictInfo): Promise<'created' | 'updated' | null> {
  const db = connection.couch.use<StoredInfo>('gl-district');
  let rev: string | undefined;
  try {
    const stored = await db.get(DISTRICT_INFO_ID);
    if (stored.code === info.code && stored.name === info.name && stored.towns === info.towns && stored.villages === info.villages) return null;
    rev = stored._rev;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  await db.insert({ _id: DISTRICT_INFO_ID, ...(rev ? { _rev: rev } : {}), ...info });
  return rev ? 'updated' : 'created';
}
