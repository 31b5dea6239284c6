import { describe, expect, it } from 'vitest';
import { effectiveSettings, settingIdsFor } from '../../../core/settings';
import type { SettingDoc } from '../../../core/schema';
import { scopeOfUnit } from '../../../core/org';

const STATION = '320506001001';
const doc = (unitCode: string, fields: Partial<SettingDoc>): SettingDoc => ({
  id: `setting:${unitCode}`, type: 'setting', unitCode, scope: scopeOfUnit(unitCode), createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'admin', ...fields,
});

describe('the district settings that apply to a workstation', () => {
  it('are read from the district, its town and itself, in that order', () => {
    expect(settingIdsFor(STATION)).toEqual(['setting:320506', 'setting:320506001', 'setting:320506001001']);
  });

  it('take each field from the most specific unit that sets it', () => {
    const docs = [
      doc('320506', { updateChannel: 'stable', updateUrl: 'https://updates.district/app/', idleLockMinutes: 15 }),
      doc('320506001', { updateChannel: 'beta' }),
      doc(STATION, { idleLockMinutes: 5 }),
      doc('320506002', { updateChannel: 'stable', basemapUrl: 'https://tiles.other/' }),
    ];
    expect(effectiveSettings(STATION, docs)).toEqual({ updateChannel: 'beta', updateUrl: 'https://updates.district/app/', idleLockMinutes: 5 });
    expect(effectiveSettings('320506002003', docs)).toEqual({ updateChannel: 'stable', updateUrl: 'https://updates.district/app/', idleLockMinutes: 15, basemapUrl: 'https://tiles.other/' });
    expect(effectiveSettings(STATION, [])).toEqual({});
  });
});
