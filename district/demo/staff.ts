/**
 * The roster: per village a grid head, a people's mediator and grid workers (full- and
 * part-time) assigned to base grids; per town a town grid head and enforcement officers sent
 * down from district departments; and each enforcement department's own officers.
 * One person often holds several duties (一员多责), so some carry two roles.
 */
import { scopeOfUnit } from '../../core/org';
import { docId, type GridDoc, type StaffDoc, type StaffRole } from '../../core/schema';
import { DEMO_AUTHOR, type DemoVillage } from './context';
import { DEPARTMENTS } from './departments';
import { mobilePhone } from './identity';
import { DISTRICT_CODE } from './places';
import type { Random } from './random';

const ROSTER_DATE = '2024-03-01T00:00:00.000Z';
/** Departments that send officers down to every town (综合执法进镇). */
const SENT_DOWN = ['ZHZF', 'PCS', 'SCJG'] as const;

export interface StaffStage {
  staff: StaffDoc[];
  /** staffId → name, for events and reporters. */
  names: Map<string, string>;
  /** town code → the town's grid head. */
  townHeads: Map<string, string>;
}

export function generateStaff(random: Random, villages: DemoVillage[], grids: GridDoc[], staffPerVillage: number): StaffStage {
  const staff: StaffDoc[] = [];
  const names = new Map<string, string>();
  const townHeads = new Map<string, string>();
  const gridByCode = new Map(grids.map((g) => [g.code, g]));

  const add = (ownerCode: string, seq: number, roles: StaffRole[], gridCodes: string[], departmentCode?: string): string => {
    const staffId = `S${ownerCode}-${String(seq).padStart(3, '0')}`;
    const name = random.personName();
    names.set(staffId, name);
    staff.push({
      id: docId('staff', staffId),
      type: 'staff',
      scope: scopeOfUnit(ownerCode),
      createdAt: ROSTER_DATE,
      updatedAt: ROSTER_DATE,
      updatedBy: DEMO_AUTHOR,
      staffId,
      name,
      roles,
      phone: mobilePhone(random),
      ownerCode,
      gridCodes,
      ...(departmentCode ? { departmentCode } : {}),
      onDuty: random.chance(0.96),
    });
    return staffId;
  };

  const districtCode = villages[0]?.code.slice(0, 6) ?? DISTRICT_CODE;
  for (const department of DEPARTMENTS.filter((d) => d.kind === 'enforcement')) {
    for (let i = 1; i <= 2; i++) add(districtCode, staff.length + 1, ['enforcement'], [], department.code);
  }

  const townCodes = [...new Set(villages.map((v) => v.townCode))];
  for (const townCode of townCodes) {
    const head = add(townCode, 1, ['gridHead'], [townCode]);
    townHeads.set(townCode, head);
    const townGrid = gridByCode.get(townCode);
    if (townGrid) townGrid.headStaffId = head;
    SENT_DOWN.forEach((departmentCode, i) => add(townCode, i + 2, ['enforcement'], [townCode], departmentCode));
  }

  for (const village of villages) {
    const villageGrid = gridByCode.get(village.code);
    for (let i = 0; i < staffPerVillage; i++) {
      const seq = i + 1;
      if (i === 0) {
        // The grid head is usually the village party secretary, often also chairing mediation.
        const roles: StaffRole[] = random.chance(0.4) ? ['gridHead', 'mediator'] : ['gridHead'];
        village.gridHeadId = add(village.code, seq, roles, [village.code]);
        if (roles.includes('mediator')) village.mediatorIds.push(village.gridHeadId);
        if (villageGrid) villageGrid.headStaffId = village.gridHeadId;
        for (const leaf of village.leafGrids) {
          const grid = gridByCode.get(leaf.code);
          if (grid) grid.headStaffId = village.gridHeadId;
          const base = gridByCode.get(leaf.code.slice(0, 15));
          if (base) base.headStaffId = village.gridHeadId;
        }
      } else if (i === 1) {
        village.mediatorIds.push(add(village.code, seq, ['mediator'], [village.code]));
      } else {
        const k = i - 2;
        const leaf = village.leafGrids[k % village.leafGrids.length];
        const fullTime = k < Math.ceil(village.leafGrids.length / 2);
        const roles: StaffRole[] = [fullTime ? 'gridWorkerFull' : 'gridWorkerPart'];
        if (!fullTime && random.chance(0.2)) roles.push('mediator');
        const id = add(village.code, seq, roles, [leaf.code]);
        village.workerIds.push(id);
        if (roles.includes('mediator')) village.mediatorIds.push(id);
        gridByCode.get(leaf.code)?.workerStaffIds?.push(id);
      }
    }
  }
  return { staff, names, townHeads };
}
