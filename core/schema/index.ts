/**
 * The collections of a station database, and which document types each holds.
 *
 * RxDB's open core opens at most 13 collections per process, so types that share a shape share
 * a collection (ticket and case events) and sync bookkeeping lives in one local collection.
 */
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { DocType } from './common';
import { gridSchema, type GridDoc } from './grid';
import { catalogItemSchema, departmentSchema, type CatalogItemDoc, type DepartmentDoc } from './reference';
import { staffSchema, type StaffDoc } from './staff';
import { componentSchema, type ComponentDoc } from './component';
import { ticketSchema, type TicketDoc } from './ticket';
import { eventSchema, type EventDoc } from './event';
import { mediationCaseSchema, type MediationCaseDoc } from './mediationCase';
import { photoSchema, type PhotoDoc } from './photo';
import { stationStatusSchema, type StationStatusDoc } from './stationStatus';
import { settingSchema, type SettingDoc } from './setting';
import { quarantineSchema, type QuarantineDoc } from './quarantine';

export * from './common';
export * from './grid';
export * from './reference';
export * from './staff';
export * from './component';
export * from './ticket';
export * from './event';
export * from './mediationCase';
export * from './photo';
export * from './stationStatus';
export * from './setting';
export * from './quarantine';

/** Document type → its TypeScript shape. */
export interface DocByType {
  grid: GridDoc;
  catalogItem: CatalogItemDoc;
  department: DepartmentDoc;
  staff: StaffDoc;
  component: ComponentDoc;
  ticket: TicketDoc;
  ticketEvent: EventDoc;
  mediationCase: MediationCaseDoc;
  caseEvent: EventDoc;
  auditEvent: EventDoc;
  photo: PhotoDoc;
  stationStatus: StationStatusDoc;
  setting: SettingDoc;
  audit: EventDoc;
}
export type AnyDoc = DocByType[DocType];

/** Collection name → the shape of its documents. */
export interface CollectionDocs {
  grids: GridDoc;
  catalog: CatalogItemDoc;
  departments: DepartmentDoc;
  staff: StaffDoc;
  components: ComponentDoc;
  tickets: TicketDoc;
  events: EventDoc;
  cases: MediationCaseDoc;
  photos: PhotoDoc;
  stationStatus: StationStatusDoc;
  settings: SettingDoc;
  quarantine: QuarantineDoc;
}
export type CollectionName = keyof CollectionDocs;
/** Collections that replicate with CouchDB (all but local bookkeeping). */
export type SyncedCollectionName = Exclude<CollectionName, 'quarantine'>;

/** Which collection a synced document type lives in. */
export const COLLECTION_OF_TYPE: Record<DocType, SyncedCollectionName> = {
  grid: 'grids',
  catalogItem: 'catalog',
  department: 'departments',
  staff: 'staff',
  component: 'components',
  ticket: 'tickets',
  ticketEvent: 'events',
  mediationCase: 'cases',
  caseEvent: 'events',
  auditEvent: 'events',
  photo: 'photos',
  stationStatus: 'stationStatus',
  setting: 'settings',
  audit: 'events',
};

interface CollectionDefinition<T> {
  schema: RxJsonSchema<T>;
  /**
   * One function per schema version above 0, turning a doc of the previous version into this
   * one. Add the function in the same change that raises the schema's `version`.
   */
  migrationStrategies: MigrationStrategies;
}

export const COLLECTIONS: { [K in CollectionName]: CollectionDefinition<CollectionDocs[K]> } = {
  grids: { schema: gridSchema as RxJsonSchema<GridDoc>, migrationStrategies: {} },
  catalog: { schema: catalogItemSchema as RxJsonSchema<CatalogItemDoc>, migrationStrategies: {} },
  departments: { schema: departmentSchema as RxJsonSchema<DepartmentDoc>, migrationStrategies: {} },
  // v1 adds the person's own account (set by district IT).
  staff: { schema: staffSchema as RxJsonSchema<StaffDoc>, migrationStrategies: { 1: (doc) => doc } },
  components: { schema: componentSchema as RxJsonSchema<ComponentDoc>, migrationStrategies: {} },
  // v1 adds the folded event ids; an order of v0 gets them the next time its holder writes it.
  // v2 adds the statistics record (stats), optional: an order without one is replayed for the figures.
  tickets: { schema: ticketSchema as RxJsonSchema<TicketDoc>, migrationStrategies: { 1: (doc) => doc, 2: (doc) => doc } },
  // v1 adds the audit event type; v2 the audit record type and its optional fields, and the
  // person who took a step (events of before keep none).
  events: { schema: eventSchema as RxJsonSchema<EventDoc>, migrationStrategies: { 1: (doc) => doc, 2: (doc) => doc } },
  // 1: document types of parties, the holder and takeover of a case, agreement amendments; all
  // optional, so a version 0 case stays as it is (a party without idType shows a 居民身份证).
  cases: { schema: mediationCaseSchema as RxJsonSchema<MediationCaseDoc>, migrationStrategies: { 1: (doc) => doc } },
  photos: { schema: photoSchema as RxJsonSchema<PhotoDoc>, migrationStrategies: {} },
  // 1: per-workstation heartbeat fields, all optional; old docs stay as they are.
  stationStatus: { schema: stationStatusSchema as RxJsonSchema<StationStatusDoc>, migrationStrategies: { 1: (doc) => doc } },
  // 1: the sync window and the retention settings, optional; old docs stay as they are.
  settings: { schema: settingSchema as RxJsonSchema<SettingDoc>, migrationStrategies: { 1: (doc) => doc } },
  // v1 keeps ids of any length.
  quarantine: { schema: quarantineSchema as RxJsonSchema<QuarantineDoc>, migrationStrategies: { 1: (doc) => doc } },
};
