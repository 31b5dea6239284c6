import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../../../core/i18n';
import { exportFileName } from '../../../../renderer/ui/exportFileName';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('the name of an exported workbook', () => {
  it('is dated on the workstation\'s day: 00:55 on 12-05 in Beijing is 12-05, not the UTC day before', () => {
    process.env.TZ = 'Asia/Shanghai';
    const at = new Date('2026-12-04T16:55:00Z');
    expect(exportFileName(t('workorders:exportName.list'), at)).toBe('工单列表-2026-12-05.xlsx');
  });

  it('names the work-order list and the mediation report the same way', () => {
    process.env.TZ = 'Asia/Shanghai';
    const at = new Date('2026-12-05T02:00:00Z');
    expect(exportFileName(t('mediation:exportName.stats', { from: '2026-11-01', to: '2026-11-30' }), at)).toBe('人民调解统计（2026-11-01至2026-11-30）-2026-12-05.xlsx');
  });
});
