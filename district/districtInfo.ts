/**
 * Which district a server holds: written by provisioning into the district's database
 * (`gl-district-<code>`) as a `_local` doc (never replicated), read by the importers to scope
 * reference data and check codes. A server may hold several districts (a city's): then the
 * operator names one with `--district`.
 */
import { t } from '../core/i18n';
import { databaseOfUnit, type OrgTree } from '../core/org';
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

const DISTRICT_DATABASE = /^gl-district-([0-9]{6})$/;

/** The codes of the districts this server holds (one database each). */
export async function districtsOnServer(connection: Connection): Promise<string[]> {
  return (await connection.couch.db.list()).map((name) => DISTRICT_DATABASE.exec(name)?.[1]).filter((code): code is string => !!code);
}

/** The district to work on: the one asked for, or the only one the server holds. */
export async function chooseDistrict(connection: Connection): Promise<string> {
  const codes = await districtsOnServer(connection);
  if (connection.district) {
    if (!codes.includes(connection.district)) throw new DistrictError(t('district:districtMissing', { code: connection.district, url: connection.url, found: codes.join('、') || '—' }));
    return connection.district;
  }
  if (codes.length === 0) throw new DistrictError(t('district:notProvisioned', { url: connection.url }));
  if (codes.length > 1) throw new DistrictError(t('district:severalDistricts', { url: connection.url, found: codes.join('、') }));
  return codes[0];
}

export async function readDistrictInfo(connection: Connection): Promise<DistrictInfo> {
  const code = await chooseDistrict(connection);
  try {
    const stored = await connection.couch.use<StoredInfo>(databaseOfUnit(code)).get(DISTRICT_INFO_ID);
    return { code: stored.code, name: stored.name, towns: stored.towns, villages: stored.villages };
  } catch (err) {
    if (isNotFound(err)) throw new DistrictError(t('district:notProvisioned', { url: connection.url }));
    throw err;
  }
}

/** Writes the info when missing or different; says which it did, or null when it was right. */
export async function ensureDistrictInfo(connection: Connection, info: DistrictInfo): Promise<'created' | 'updated' | null> {
  const db = connection.couch.use<StoredInfo>(databaseOfUnit(info.code));
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
