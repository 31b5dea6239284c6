/**
 * The demo district generator: Wuzhong district (吴中区, 320506) with towns, villages, layered
 * grids, the event list, departments, staff, components, work orders and mediation cases —
 * every doc valid against its schema, deterministic by seed, and scalable from the demo a
 * newcomer opens to the benchmark district (≈100k work orders) the sync is measured on.
 */
import type { OrgTree } from '../../core/org';
import { scopeOfUnit } from '../../core/org';
import { checkUnitCode } from '../../core/codes';
import {
  docId,
  type CatalogItemDoc,
  type ComponentDoc,
  type DepartmentDoc,
  type EventDoc,
  type GridDoc,
  type MediationCaseDoc,
  type StaffDoc,
  type TicketDoc,
} from '../../core/schema';
import { generateCases } from './cases';
import { CATALOG_ITEMS, CATALOG_VERSION } from './catalog';
import { generateComponents } from './components';
import { DEMO_AUTHOR } from './context';
import { DEPARTMENTS } from './departments';
import { generateGrids } from './grids';
import { DISTRICT_CODE } from './places';
import { Random } from './random';
import { generateStaff } from './staff';
import { generateTickets } from './tickets';
import { replayTicket } from '../../core/workorders/projection';

export { districtName, DISTRICT_CODE } from './places';
import { withDemoNow } from './calendar';
export { DEMO_NOW_MS, lastWorkdayClose } from './calendar';

export interface DemoOptions {
  /** The district's 6-digit county code (default 320506, 吴中区); tests give each file its own. */
  districtCode?: string;
  seed?: number;
  towns?: number;
  villagesPerTown?: number;
  ticketsPerVillage?: number;
  casesPerVillage?: number;
  componentsPerVillage?: number;
  staffPerVillage?: number;
}

export interface DemoDocs {
  grids: GridDoc[];
  catalogItems: CatalogItemDoc[];
  departments: DepartmentDoc[];
  staff: StaffDoc[];
  components: ComponentDoc[];
  tickets: TicketDoc[];
  ticketEvents: EventDoc[];
  mediationCases: MediationCaseDoc[];
  caseEvents: EventDoc[];
}

export interface DemoDistrict {
  orgTree: OrgTree;
  docs: DemoDocs;
}

export type SizeOptions = Required<Omit<DemoOptions, 'districtCode'>>;

export const DEMO_DEFAULTS: SizeOptions = {
  seed: 1,
  towns: 6,
  villagesPerTown: 10,
  ticketsPerVillage: 20,
  casesPerVillage: 5,
  componentsPerVillage: 30,
  staffPerVillage: 6,
};

export const DEMO_PRESETS = {
  /** What a newcomer and the app's screens see: 6 towns, 60 villages. */
  demo: { ...DEMO_DEFAULTS },
  /** The benchmark district: 10 towns, 220 villages, ≈100k work orders and ≈100k components. */
  bench: { ...DEMO_DEFAULTS, towns: 10, villagesPerTown: 22, ticketsPerVillage: 455, componentsPerVillage: 455 },
} as const satisfies Record<string, SizeOptions>;
export type DemoPreset = keyof typeof DEMO_PRESETS;

/** Bounds: the code systems' room (township and village segments) and what fits in memory. */
type NumericOption = Exclude<keyof DemoOptions, 'districtCode'>;
const LIMITS: Record<NumericOption, readonly [number, number]> = {
  seed: [0, 2 ** 32 - 1],
  towns: [1, 60],
  villagesPerTown: [1, 199],
  ticketsPerVillage: [0, 5000],
  casesPerVillage: [0, 1000],
  componentsPerVillage: [0, 5000],
  staffPerVillage: [1, 50],
};
const MAX_TOTAL = 1_000_000;

/** A refused option: `option` names it (absent when the options only fail together). */
export class DemoOptionsError extends Error {
  constructor(
    readonly requirement: string,
    readonly option?: keyof DemoOptions,
    readonly value?: unknown,
  ) {
    super(option ? `${option} ${requirement}, got ${String(value)}` : requirement);
    this.name = 'DemoOptionsError';
  }
}

/** Defaults filled in, every value checked; throws DemoOptionsError naming the bad option. */
export function resolveDemoOptions(opts: Omit<DemoOptions, 'districtCode'> = {}): SizeOptions {
  const resolved = { ...DEMO_DEFAULTS };
  for (const key of Object.keys(LIMITS) as NumericOption[]) {
    const value = opts[key];
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new DemoOptionsError(`must be a whole number from ${min} to ${max}`, key, value);
    }
    resolved[key] = value;
  }
  const villages = resolved.towns * resolved.villagesPerTown;
  for (const key of ['ticketsPerVillage', 'componentsPerVillage'] as const) {
    const total = villages * resolved[key];
    if (total > MAX_TOTAL) {
      throw new DemoOptionsError(`towns × villages per town × ${key} must stay at most ${MAX_TOTAL} (a district of ${total} is too big to hold in memory)`);
    }
  }
  return resolved;
}

/** The district code to generate under: a valid county code, 320506 (吴中区) when none is given. */
function districtCodeOf(code: string | undefined): string {
  if (code === undefined) return DISTRICT_CODE;
  const checked = checkUnitCode(code);
  if (!checked.ok || checked.parts.level !== 'district') throw new DemoOptionsError('must be a 6-digit county code', 'districtCode', code);
  return code;
}

/** Event-list subcategories whose work orders may turn into mediation cases: 矛盾纠纷, 劳资纠纷. */
const DISPUTE_SUBCATEGORIES = ['01001', '01002'];

const REFERENCE_DATE = '2025-01-01T00:00:00.000Z';

function referenceDocs(districtCode: string): { catalogItems: CatalogItemDoc[]; departments: DepartmentDoc[] } {
  const scope = scopeOfUnit(districtCode);
  const stamp = { createdAt: REFERENCE_DATE, updatedAt: REFERENCE_DATE, updatedBy: DEMO_AUTHOR };
  return {
    catalogItems: CATALOG_ITEMS.map((item) => ({
      id: docId('catalogItem', item.code),
      type: 'catalogItem',
      scope: [...scope],
      ...stamp,
      code: item.code,
      name: item.name,
      majorCode: item.majorCode,
      subcategoryCode: item.subcategoryCode,
      subcategoryName: item.subcategoryName,
      departmentCode: item.departmentCode,
      timeLimitHours: item.timeLimitHours,
      catalogVersion: CATALOG_VERSION,
      active: true,
    })),
    departments: DEPARTMENTS.map((d) => ({
      id: docId('department', d.code),
      type: 'department',
      scope: [...scope],
      ...stamp,
      code: d.code,
      name: d.name,
      kind: d.kind,
      phone: d.phone,
    })),
  };
}

/** When the demo's data ends (ms); default DEMO_NOW_MS, so tests get the same district every day. */
export interface DemoTime {
  endsAt?: number;
}

export function generateDemoDistrict(opts: DemoOptions & DemoTime = {}): DemoDistrict {
  if (opts.endsAt !== undefined) {
    const { endsAt, ...rest } = opts;
    if (!Number.isFinite(endsAt)) throw new DemoOptionsError(`endsAt must be a time in milliseconds, got ${String(endsAt)}`);
    return withDemoNow(endsAt, () => generateDemoDistrict(rest));
  }
  const { districtCode: _code, ...numeric } = opts;
  const o = resolveDemoOptions(numeric);
  const random = new Random(o.seed);
  const districtCode = districtCodeOf(opts.districtCode);
  const { orgTree, grids, villages } = generateGrids(random, o.towns, o.villagesPerTown, districtCode);
  const { catalogItems, departments } = referenceDocs(districtCode);
  const { staff, names, townHeads } = generateStaff(random, villages, grids, o.staffPerVillage);
  const components = generateComponents(random, villages, o.componentsPerVillage);
  const { tickets, ticketEvents } = generateTickets(random, {
    villages,
    catalog: CATALOG_ITEMS,
    components,
    names,
    townHeads,
    perVillage: o.ticketsPerVillage,
  });
  // Each order's statistics record, as the app's projection keeps it (core/workorders/orderStats).
  const eventsOf = new Map<string, EventDoc[]>();
  for (const event of ticketEvents) {
    const list = eventsOf.get(event.subjectId);
    if (list) list.push(event);
    else eventsOf.set(event.subjectId, [event]);
  }
  for (const ticket of tickets) {
    const { stats } = replayTicket(ticket, eventsOf.get(ticket.id) ?? []).ticket;
    if (stats) ticket.stats = stats;
  }
  const disputeTickets = new Map<string, string[]>();
  for (const ticket of tickets) {
    if (!DISPUTE_SUBCATEGORIES.some((sub) => ticket.catalogItemCode?.startsWith(sub))) continue;
    disputeTickets.set(ticket.ownerCode, [...(disputeTickets.get(ticket.ownerCode) ?? []), ticket.id]);
  }
  const { mediationCases, caseEvents } = generateCases(random, { villages, names, disputeTickets, perVillage: o.casesPerVillage });
  return {
    orgTree,
    docs: { grids, catalogItems, departments, staff, components: components.components, tickets, ticketEvents, mediationCases, caseEvents },
  };
}

/** Every doc of the district, reference data first (the order a bulk load wants). */
export function* allDemoDocs(district: DemoDistrict): Generator<DemoDocs[keyof DemoDocs][number]> {
  const d = district.docs;
  for (const list of [d.departments, d.catalogItems, d.grids, d.staff, d.components, d.tickets, d.ticketEvents, d.mediationCases, d.caseEvents]) {
    yield* list;
  }
}
