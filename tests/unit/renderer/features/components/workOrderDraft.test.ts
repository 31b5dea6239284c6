import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../../district/demo/generate';
import { catalogForComponent } from '../../../../../renderer/features/components/catalogForComponent';
import { draftFromComponent } from '../../../../../renderer/features/components/workOrderDraft';
import type { ComponentDoc } from '../../../../../core/schema';

const demo = generateDemoDistrict({ seed: 3 });
const { catalogItems: catalog, departments, grids, components } = demo.docs;
const manhole = components.find((c) => c.minorName === '污水井盖') as ComponentDoc;

describe('a work order raised from a component', () => {
  it('files a broken manhole cover under 井盖破损 and a missing one under 井盖缺失', () => {
    expect(catalogForComponent({ ...manhole, status: 'damaged' }, catalog)?.name).toBe('井盖破损');
    expect(catalogForComponent({ ...manhole, status: 'missing' }, catalog)?.name).toBe('井盖缺失');
    expect(catalogForComponent({ minorName: '通信井盖', status: 'damaged' }, catalog)?.name).toBe('通信井盖破损');
    expect(catalogForComponent({ minorName: '路灯', status: 'intact' }, catalog)?.name).toContain('路灯');
    expect(catalogForComponent({ minorName: '交通信号灯', status: 'damaged' }, catalog)?.name).toBe('交通信号灯故障');
  });

  it('leaves the event item empty when the list names nothing like the component', () => {
    expect(catalogForComponent({ minorName: '房屋安全监测点', status: 'damaged' }, catalog)).toBeNull();
    expect(catalogForComponent({ ...manhole, status: 'damaged' }, catalog.map((item) => ({ ...item, active: false })))).toBeNull();
  });

  it('fills in event item, department, time limit, grid and location from the component', () => {
    const damaged = { ...manhole, status: 'damaged' as const };
    const draft = draftFromComponent(damaged, { catalog, departments, grids, now: new Date('2025-03-01T08:00:00Z') });
    const item = catalog.find((c) => c.name === '井盖破损');
    expect(draft).toMatchObject({
      componentCode: manhole.code,
      catalogItemCode: item?.code,
      departmentCode: item?.departmentCode,
      departmentName: departments.find((d) => d.code === item?.departmentCode)?.name,
      timeLimitHours: item?.timeLimitHours,
      gridCode: manhole.gridCode,
      gridName: grids.find((g) => g.code === manhole.gridCode)?.name,
      location: manhole.location,
      createdAt: '2025-03-01T08:00:00.000Z',
    });
    expect(draft.description).toContain(manhole.code);
    expect(draft.description).toContain('破损');
  });

  it('keeps the stored grid code when this station holds no boundary around the component', () => {
    const draft = draftFromComponent(manhole, { catalog, grids: [] });
    expect(draft.gridCode).toBe(manhole.gridCode);
    expect(draft.gridName).toBeUndefined();
  });
});
