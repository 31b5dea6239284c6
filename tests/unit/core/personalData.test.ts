import { describe, expect, it } from 'vitest';
import { hidePersonalData, maskAddress, maskIdNumber, maskPhone } from '../../../core/personalData';
import { maskIdNumber as fromIdentity } from '../../../core/mediation/identity';

describe('masks of personal data', () => {
  it('ID numbers keep the region prefix and the last four', () => {
    expect(maskIdNumber('320506198802294175')).toBe('3205**********4175');
    expect(maskIdNumber('E12345678')).toBe('E123*5678');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber(undefined)).toBe('');
    expect(fromIdentity).toBe(maskIdNumber);
  });

  it('phones keep the first three and last four; landlines their area code', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0512-66123456')).toBe('0512-****3456');
    expect(maskPhone('051266123456')).toBe('051*****3456');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('')).toBe('');
  });

  it('addresses keep at most six characters and never more than half', () => {
    expect(maskAddress('木渎镇金山路88号职工宿舍')).toBe('木渎镇金山路****');
    expect(maskAddress('金山路8号')).toBe('金山****');
    expect(maskAddress(undefined)).toBe('');
  });

  it('a masked value no longer matches the patterns that find the full one', () => {
    for (const masked of [maskIdNumber('320506198802294175'), maskPhone('13812345678')]) expect(hidePersonalData(masked)).toBe(masked);
  });
});
