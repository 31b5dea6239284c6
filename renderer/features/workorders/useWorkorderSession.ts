/**
 * What the work-order screens need from the open station: the store, who acts (this unit and
 * its clerk), the district's working calendar, the photo store, and names for codes.
 */
import { useMemo } from 'react';
import { browserCompressor } from '../../../core/photos/compress';
import { createPhotoStore, type PhotoStore } from '../../../core/photos/photoStore';
import type { CatalogItemDoc, DepartmentDoc, GridDoc, StaffDoc } from '../../../core/schema';
import { t } from '../../../core/i18n';
import type { WorkorderActor, WorkorderStore } from '../../../core/workorders/commands';
import { WorkdayCalendar } from '../../../core/workorders/workdayCalendar';
import { useDatabase, useSession } from '../../data/session';
import { useAllDocs } from '../map/useMapData';

/** The district's calendar; until districts ship their own, the national holiday notices. */
const CALENDAR = new WorkdayCalendar();

export interface WorkorderSession {
  store: WorkorderStore;
  actor: WorkorderActor;
  calendar: WorkdayCalendar;
  photos: PhotoStore;
}

/** Who acts at this station: the unit, and the clerk's sign-in name. */
export function stationActor(station: { stationCode: string; username?: string; stationName?: string }): WorkorderActor {
  return { unit: station.stationCode, name: station.username || station.stationName || station.stationCode };
}

export function useWorkorderSession(): WorkorderSession {
  const { db, station, sync } = useSession();
  return useMemo(
    () => ({
      store: db,
      actor: stationActor(station),
      calendar: CALENDAR,
      // Photos taken at another station come from the server on first view, then stay local.
      photos: createPhotoStore({ photos: db.photos, compress: browserCompressor(), ...(sync ? { fetchAttachment: (id: string, name: string) => sync.fetchAttachment(id, name) } : {}) }),
    }),
    [db, station, sync],
  );
}

export { useNow } from '../../data/useNow';

export interface NameBook {
  grid(code: string): string;
  catalog(code: string | undefined): string;
  department(code: string | undefined): string;
  unit(code: string): string;
  /** A dispatch target: a person on the roster or a department. */
  assignee(code: string | undefined): string;
  grids: GridDoc[];
  catalogItems: CatalogItemDoc[];
  departments: DepartmentDoc[];
}

/** Names for the codes an order carries (grids double as the names of towns and villages). */
export function useNames(): NameBook {
  const db = useDatabase();
  const { station } = useSession();
  const grids = useAllDocs<GridDoc>(db.grids, 'code');
  const catalogItems = useAllDocs<CatalogItemDoc>(db.catalog, 'code');
  const departments = useAllDocs<DepartmentDoc>(db.departments, 'code');
  const staff = useAllDocs<StaffDoc>(db.staff, 'id');
  return useMemo(() => {
    const staffNames = new Map((staff ?? []).map((p) => [p.staffId, p.name]));
    const gridNames = new Map((grids ?? []).map((g) => [g.code, g.name]));
    const itemNames = new Map((catalogItems ?? []).map((c) => [c.code, c.name]));
    const departmentNames = new Map((departments ?? []).map((d) => [d.code, d.name]));
    return {
      grid: (code) => gridNames.get(code) ?? code,
      catalog: (code) => (code ? (itemNames.get(code) ?? code) : ''),
      department: (code) => (code ? (departmentNames.get(code) ?? code) : ''),
      // A village station's copy has no grid of its town: the town is named by its role. A
      // station set up by code alone has no name of its own: its grid names it, as for others.
      unit: (code) =>
        code === station.stationCode && station.stationName && station.stationName !== code ? station.stationName
        : /^[0-9]{6}$/.test(code) ? t('workorders:units.district', { name: station.districtName ?? code })
        : /^[0-9]{9}$/.test(code) ? (gridNames.has(code) ? t('workorders:units.town', { name: gridNames.get(code) }) : t('workorders:units.unknownTown', { code }))
        : (gridNames.get(code) ?? departmentNames.get(code) ?? code),
      assignee: (code) => (code ? (staffNames.get(code) ?? departmentNames.get(code) ?? code) : ''),
      grids: grids ?? [],
      catalogItems: catalogItems ?? [],
      departments: departments ?? [],
    };
  }, [grids, catalogItems, departments, staff, station]);
}
