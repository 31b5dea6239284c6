/**
 * The component list (部件清单) as a table, one component per row. Its parent is the grid it
 * lies in (网格代码), which must already be imported; its position must lie inside that grid.
 */
import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { checkComponentCode, checkUnitCode } from '../../core/codes';
import { COMPONENT_STATUSES, type ComponentDoc, type ComponentMajorCode, type ComponentStatus, type GridDoc } from '../../core/schema';
import { columnOf, type Table } from './tableFile';
import { FirstSeen, RowErrors } from './rowErrors';

export const COMPONENT_COLUMNS = {
  code: ['部件代码', '代码', 'code'],
  name: ['部件名称', '名称', 'name'],
  minorName: ['小类名称', 'minorName'],
  responsibleDepartment: ['主管部门', 'responsibleDepartment'],
  ownerUnit: ['权属单位', 'ownerUnit'],
  maintenanceUnit: ['养护单位', 'maintenanceUnit'],
  ownerCode: ['所属单位代码', 'ownerCode'],
  gridCode: ['网格代码', 'gridCode'],
  lng: ['经度', 'lng'],
  lat: ['纬度', 'lat'],
  address: ['地址', 'address'],
  status: ['状态', 'status'],
} as const;
type ComponentColumn = keyof typeof COMPONENT_COLUMNS;
const OPTIONAL: ComponentColumn[] = ['address', 'status'];

const STATUS_NAMES: Record<string, ComponentStatus> = { 完好: 'intact', 损坏: 'damaged', 丢失: 'missing', 废弃: 'abandoned', 移除: 'removed' };

export type ComponentFields = Omit<ComponentDoc, 'id' | 'type' | 'scope' | 'createdAt' | 'updatedAt' | 'updatedBy'>;

export function componentRowsToDocs(
  table: Table,
  context: { districtCode: string; grids: Map<string, GridDoc> },
): { components: ComponentFields[]; errors: RowErrors } {
  const errors = new RowErrors();
  const column = {} as Record<ComponentColumn, string | null>;
  for (const [key, names] of Object.entries(COMPONENT_COLUMNS) as [ComponentColumn, readonly string[]][]) {
    column[key] = columnOf(table, names);
    if (!column[key] && !OPTIONAL.includes(key)) errors.add(1, 'missingColumn', { column: names[0] });
  }
  if (errors.list.length > 0) return { components: [], errors };
  const seen = new FirstSeen();
  const components: ComponentFields[] = [];
  for (const { row, cells } of table.rows) {
    const cell = (key: ComponentColumn) => (column[key] ? (cells[column[key] as string] ?? '') : '');
    for (const key of ['name', 'minorName', 'responsibleDepartment', 'ownerUnit', 'maintenanceUnit'] as const) {
      if (!cell(key)) errors.add(row, 'missingValue', { column: column[key] });
    }
    const code = cell('code');
    const checked = checkComponentCode(code);
    if (!checked.ok) errors.addText(row, checked.message);
    else if (checked.parts.county !== context.districtCode) errors.add(row, 'otherDistrict', { code, district: context.districtCode });
    const first = seen.duplicateOf(code, row);
    if (first !== null) errors.add(row, 'duplicate', { code, first });

    const ownerCode = cell('ownerCode');
    const owner = checkUnitCode(ownerCode);
    if (!owner.ok) errors.addText(row, owner.message);
    else if (!ownerCode.startsWith(context.districtCode)) errors.add(row, 'badOwner', { code: ownerCode });

    const gridCode = cell('gridCode');
    const grid = context.grids.get(gridCode);
    if (!grid) errors.add(row, 'missingGrid', { code: gridCode });
    const lng = Number(cell('lng'));
    const lat = Number(cell('lat'));
    const located = cell('lng') !== '' && cell('lat') !== '' && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
    if (!located) errors.add(row, 'badPosition', { lng: cell('lng'), lat: cell('lat') });
    else if (grid && !booleanPointInPolygon(point([lng, lat]), polygon(grid.boundary.coordinates as number[][][]))) {
      errors.add(row, 'outsideGrid', { code: gridCode });
    }
    const statusText = cell('status') || 'intact';
    const status = STATUS_NAMES[statusText] ?? statusText;
    if (!(COMPONENT_STATUSES as readonly string[]).includes(status)) errors.add(row, 'badStatus', { value: statusText });

    components.push({
      code,
      name: cell('name'),
      majorCode: code.slice(6, 8) as ComponentMajorCode,
      minorCode: code.slice(8, 11),
      minorName: cell('minorName'),
      responsibleDepartment: cell('responsibleDepartment'),
      ownerUnit: cell('ownerUnit'),
      maintenanceUnit: cell('maintenanceUnit'),
      ownerCode,
      gridCode,
      location: { lng, lat },
      ...(cell('address') ? { address: cell('address') } : {}),
      status: status as ComponentStatus,
    });
  }
  return { components, errors };
}
