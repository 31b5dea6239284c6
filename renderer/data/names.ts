/**
 * Names for the codes documents carry, from the station's own registries: grids (which double as
 * the names of towns and villages), the event catalogue, departments and the staff roster. Every
 * screen that shows a code to a person asks here.
 */
import { useMemo } from 'react';
import { t } from '../../core/i18n';
import { isUnitCode, levelOfUnit } from '../../core/org';
import type { CatalogItemDoc, DepartmentDoc, GridDoc, StaffDoc } from '../../core/schema';
import { useDatabase, useSession } from './session';
import { useAllDocs } from './useAllDocs';

export interface NameBook {
  grid(code: string): string;
  catalog(code: string | undefined): string;
  department(code: string | undefined): string;
  unit(code: string): string;
  /**
   * The people's mediation committee of a village or town (养育巷社区人民调解委员会), as printed
   * on its documents: never a code; without a known name, the committee without one.
   */
  committee(code: string): string;
  /**
   * Who took a step: the roster name of its person (personal account → staff record), else the
   * login that wrote it (steps of before personal accounts).
   */
  author(event: { by: string; person?: string }): string;
  /** A dispatch target: a person on the roster or a department. */
  assignee(code: string | undefined): string;
  /** A sentence with unit codes in it (a server's refusal, a rule's message) with names in their place. */
  inText(text: string): string;
  grids: GridDoc[];
  catalogItems: CatalogItemDoc[];
  departments: DepartmentDoc[];
  /** Staff id → name, for lists and the map's cards that name many people at once. */
  staffNames: ReadonlyMap<string, string>;
}

/** Names for the codes an order carries (grids double as the names of towns and villages). */
/**
 * Puts unit names in place of the unit codes (6, 9 or 12 digits standing alone) in a sentence.
 * The write rules run inside CouchDB too, where no name is known, so their messages carry codes;
 * a code the station cannot name stays as it is.
 */
export function nameUnitCodes(text: string, unitName: (code: string) => string): string {
  // Not inside an id or a number (GD320506001001…, ticket:…): only codes standing on their own.
  return text.replace(/(?<![0-9A-Za-z])(\d{12}|\d{9}|\d{6})(?![0-9A-Za-z])/g, (code) => unitName(code));
}

/** A personal account whose staff record this station does not have (yet): named by its own name. */
function personNameFallback(account: string): string {
  return account;
}

export function useNames(): NameBook {
  const db = useDatabase();
  const { station } = useSession();
  const grids = useAllDocs<GridDoc>(db.grids, 'code');
  const catalogItems = useAllDocs<CatalogItemDoc>(db.catalog, 'code');
  const departments = useAllDocs<DepartmentDoc>(db.departments, 'code');
  const staff = useAllDocs<StaffDoc>(db.staff, 'id');
  return useMemo(() => {
    const staffNames = new Map((staff ?? []).map((p) => [p.staffId, p.name]));
    const accountNames = new Map((staff ?? []).filter((p) => p.account).map((p) => [p.account as string, p.name]));
    const gridNames = new Map((grids ?? []).map((g) => [g.code, g.name]));
    const itemNames = new Map((catalogItems ?? []).map((c) => [c.code, c.name]));
    const departmentNames = new Map((departments ?? []).map((d) => [d.code, d.name]));
    const book: NameBook = {
      grid: (code) => gridNames.get(code) ?? code,
      catalog: (code) => (code ? (itemNames.get(code) ?? code) : ''),
      department: (code) => (code ? (departmentNames.get(code) ?? code) : ''),
      // A village station's copy has no grid of its town: the town is named by its role. A
      // station set up by code alone has no name of its own: its grid names it, as for others.
      unit: (code) =>
        code === station.stationCode && station.stationName && station.stationName !== code ? station.stationName
        : isUnitCode(code) && levelOfUnit(code) === 'district' ? t('workorders:units.district', { name: station.districtName ?? code })
        : isUnitCode(code) && levelOfUnit(code) === 'town' ? (gridNames.has(code) ? t('workorders:units.town', { name: gridNames.get(code) }) : t('workorders:units.unknownTown', { code }))
        : (gridNames.get(code) ?? departmentNames.get(code) ?? code),
      committee: (code) => {
        const name = code === station.stationCode && station.stationName && station.stationName !== code ? station.stationName : gridNames.get(code);
        return name ? t('mediation:names.committee', { name: name.replace(/\s+/g, '') }) : t('mediation:names.committeeUnnamed');
      },
      author: (event) => (event.person ? (accountNames.get(event.person) ?? personNameFallback(event.person)) : event.by),
      assignee: (code) => (code ? (staffNames.get(code) ?? departmentNames.get(code) ?? code) : ''),
      inText: (text) => nameUnitCodes(text, (code) => book.unit(code)),
      grids: grids ?? [],
      catalogItems: catalogItems ?? [],
      departments: departments ?? [],
      staffNames,
    };
    return book;
  }, [grids, catalogItems, departments, staff, station]);
}
