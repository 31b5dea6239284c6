/**
 * Reference data import into gl-district (from where the down jobs carry it to every unit):
 * the event catalog and components from .xlsx/.csv, grids from GeoJSON.
 *
 * All or nothing: the whole file is validated first and any error stops the import before a
 * single write, listing every bad row. The write itself is one `_bulk_docs`; should the server
 * refuse part of it (a concurrent edit), the docs already written are put back as they were.
 * Versioned: catalog items carry the import's `catalogVersion` (items missing from the new
 * list are deactivated, never deleted), components name the import in `dataSource`, and a
 * grid whose boundary changed keeps the old one in `boundaryHistory`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DocumentScope } from 'nano';
import { t } from '../../core/i18n';
import { databaseOfUnit, scopeOfUnit, unitOfGrid } from '../../core/org';
import { docId, type CatalogItemDoc, type ComponentDoc, type DocType, type GridDoc } from '../../core/schema';
import type { Connection } from '../connection';
import { DistrictError } from '../districtError';
import { canonical } from '../provision';
import { readDistrictInfo, type DistrictInfo } from '../districtInfo';
import { catalogRowsToItems } from './catalogRows';
import { componentRowsToDocs } from './componentRows';
import { gridFeaturesToDocs } from './gridFeatures';
import type { RowErrors } from './rowErrors';
import { readTable } from './tableFile';

export interface ImportOptions {
  /** Version label; defaults to the time of the import (20260126-1405). */
  version?: string;
  /** Validate and count, write nothing. */
  dryRun?: boolean;
}

export interface ImportReport {
  kind: 'catalog' | 'components' | 'grids';
  version: string;
  total: number;
  created: number;
  changed: number;
  unchanged: number;
  deactivated: number;
  dryRun: boolean;
}

type Stored<T> = Omit<T, 'id'> & { _id: string; _rev?: string };
const IMPORT_USER = 'district-import';
/** Fields that say when or by which import, not what: a re-import of the same data changes nothing. */
const BOOKKEEPING = ['_rev', 'createdAt', 'updatedAt', 'updatedBy', 'catalogVersion', 'dataSource', 'boundaryValidFrom', 'boundaryHistory'];

function content(doc: object): string {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of BOOKKEEPING) delete copy[field];
  return canonical(copy);
}

function defaultVersion(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
}

function failWith(path: string, errors: RowErrors): never {
  const lines = errors.sorted.map((e) => (e.row > 0 ? t('district:import.rowLine', { row: e.row, message: e.message }) : e.message));
  throw new DistrictError([t('district:import.failed', { path: basename(path), count: errors.list.length }), ...lines].join('\n'));
}

async function storedOfType<T>(db: DocumentScope<Stored<T>>, type: DocType): Promise<Map<string, Stored<T>>> {
  const listing = await db.list({ include_docs: true, startkey: `${type}:`, endkey: `${type}:\ufff0` });
  const docs = new Map<string, Stored<T>>();
  for (const row of listing.rows) if (row.doc) docs.set(row.id, row.doc);
  return docs;
}

/**
 * Writes `docs` in one `_bulk_docs`. On any refusal the written ones are reverted to `before`
 * (or deleted when new), so the database ends as it started, and the refusals are reported.
 */
export async function writeAllOrNothing<T extends { _id: string; _rev?: string }>(
  db: DocumentScope<T>,
  docs: T[],
  before: Map<string, T>,
): Promise<void> {
  if (docs.length === 0) return;
  const results = await db.bulk({ docs });
  const failed = results.filter((r) => r.error);
  if (failed.length === 0) return;
  const reverts = results
    .filter((r) => !r.error && r.rev)
    .map((r) => {
      const old = before.get(r.id);
      return old ? ({ ...old, _rev: r.rev } as T) : ({ _id: r.id, _rev: r.rev, _deleted: true } as unknown as T);
    });
  if (reverts.length > 0) await db.bulk({ docs: reverts });
  throw new DistrictError(t('district:import.writeFailed', { count: failed.length, first: `${failed[0].id}: ${failed[0].reason ?? failed[0].error}` }));
}

interface Plan<T> {
  writes: Stored<T>[];
  created: number;
  changed: number;
  unchanged: number;
}

function plan<T>(wanted: Stored<T>[], stored: Map<string, Stored<T>>, now: string, forceWrite = false): Plan<T> {
  const result: Plan<T> = { writes: [], created: 0, changed: 0, unchanged: 0 };
  for (const doc of wanted) {
    const old = stored.get(doc._id);
    if (!old) {
      result.created++;
      result.writes.push(doc);
    } else if (content(old) !== content(doc)) {
      result.changed++;
      result.writes.push({ ...doc, _rev: old._rev, createdAt: (old as { createdAt?: string }).createdAt ?? now });
    } else {
      result.unchanged++;
      if (forceWrite) result.writes.push({ ...doc, _rev: old._rev, createdAt: (old as { createdAt?: string }).createdAt ?? now });
    }
  }
  return result;
}

function districtDb<T>(connection: Connection, info: DistrictInfo): DocumentScope<Stored<T>> {
  return connection.couch.use<Stored<T>>(databaseOfUnit(info.code));
}

async function finish<T>(
  connection: Connection,
  info: DistrictInfo,
  kind: ImportReport['kind'],
  version: string,
  planned: Plan<T>,
  stored: Map<string, Stored<T>>,
  options: ImportOptions,
  extra: { total: number; deactivated?: number },
): Promise<ImportReport> {
  if (!options.dryRun) await writeAllOrNothing(districtDb<T>(connection, info), planned.writes, stored);
  return {
    kind,
    version,
    total: extra.total,
    created: planned.created,
    changed: planned.changed,
    unchanged: planned.unchanged,
    deactivated: extra.deactivated ?? 0,
    dryRun: !!options.dryRun,
  };
}

export async function importCatalog(connection: Connection, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const info = await readDistrictInfo(connection);
  const table = await readTable(path);
  const { items, errors } = catalogRowsToItems(table);
  if (errors.list.length > 0) failWith(path, errors);
  const version = options.version ?? defaultVersion();
  const now = new Date().toISOString();
  const stored = await storedOfType<CatalogItemDoc>(districtDb(connection, info), 'catalogItem');
  const wanted: Stored<CatalogItemDoc>[] = items.map((item) => ({
    _id: docId('catalogItem', item.code),
    type: 'catalogItem',
    scope: [info.code],
    createdAt: now,
    updatedAt: now,
    updatedBy: IMPORT_USER,
    ...item,
    catalogVersion: version,
    active: true,
  }));
  // Every item of the list carries the list's version, so all are written.
  const planned = plan(wanted, stored, now, true);
  const listed = new Set(wanted.map((doc) => doc._id));
  let deactivated = 0;
  for (const [id, old] of stored) {
    if (listed.has(id) || !old.active) continue;
    deactivated++;
    planned.writes.push({ ...old, active: false, catalogVersion: version, updatedAt: now, updatedBy: IMPORT_USER });
  }
  return finish(connection, info, 'catalog', version, planned, stored, options, { total: wanted.length, deactivated });
}

export async function importComponents(connection: Connection, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const info = await readDistrictInfo(connection);
  const table = await readTable(path);
  const storedGrids = await storedOfType<GridDoc>(districtDb(connection, info), 'grid');
  const grids = new Map([...storedGrids.values()].map((grid) => [grid.code, { ...grid, id: grid._id } as GridDoc]));
  const { components, errors } = componentRowsToDocs(table, { districtCode: info.code, grids });
  if (errors.list.length > 0) failWith(path, errors);
  const version = options.version ?? defaultVersion();
  const now = new Date().toISOString();
  const stored = await storedOfType<ComponentDoc>(districtDb(connection, info), 'component');
  const wanted: Stored<ComponentDoc>[] = components.map((component) => ({
    _id: docId('component', component.code),
    type: 'component',
    scope: scopeOfUnit(component.ownerCode),
    createdAt: now,
    updatedAt: now,
    updatedBy: IMPORT_USER,
    ...component,
    dataSource: t('district:import.dataSource', { version, file: basename(path) }),
  }));
  return finish(connection, info, 'components', version, plan(wanted, stored, now), stored, options, { total: wanted.length });
}

export async function importGrids(connection: Connection, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const info = await readDistrictInfo(connection);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DistrictError(t('district:import.unreadable', { path, message: (err as Error).message }));
  }
  const stored = await storedOfType<GridDoc>(districtDb(connection, info), 'grid');
  const existing = new Map([...stored.values()].map((grid) => [grid.code, { ...grid, id: grid._id } as GridDoc]));
  const { grids, errors } = gridFeaturesToDocs(json, { districtCode: info.code, existing });
  if (errors.list.length > 0) failWith(path, errors);
  const version = options.version ?? defaultVersion();
  const now = new Date().toISOString();
  const wanted = grids.map((grid): Stored<GridDoc> => {
    const id = docId('grid', grid.code);
    const old = stored.get(id);
    const moved = old && canonical(old.boundary) !== canonical(grid.boundary);
    const kept = old ? { ...old } : {};
    delete (kept as { _rev?: string })._rev;
    return {
      // Fields the file does not carry (grid head, workers) are kept from the stored grid.
      ...kept,
      _id: id,
      type: 'grid',
      scope: scopeOfUnit(unitOfGrid(grid.code)),
      createdAt: now,
      updatedAt: now,
      updatedBy: IMPORT_USER,
      ...grid,
      // A redrawn boundary keeps the code; the old one goes to the history with its dates.
      boundaryValidFrom: moved || !old ? now : old.boundaryValidFrom,
      boundaryHistory: moved
        ? [...(old.boundaryHistory ?? []), { boundary: old.boundary, validFrom: old.boundaryValidFrom, validTo: now, reason: t('district:import.redrawn', { version }) }]
        : old?.boundaryHistory,
    };
  });
  return finish(connection, info, 'grids', version, plan(wanted, stored, now), stored, options, { total: wanted.length });
}
