/** The one-month clock of a case, moved by recorded extensions. */
import { describe, expect, it } from 'vitest';
import { deadlineOf, extendDeadline, isPastOneMonth, readClock, registerCase } from '../../../../core/mediation';
import { clerk, layoffRegistration, village } from './mediationSupport';

describe('the one-month clock', () => {
  it('runs one calendar month from acceptance', () => {
    expect(deadlineOf('2025-01-31T02:00:00.000Z')).toBe('2025-02-28T02:00:00.000Z');
    const reading = readClock({ acceptedAt: '2025-03-01T02:00:00.000Z', extensions: [] }, new Date('2025-03-21T02:00:00.000Z'));
    expect(reading).toMatchObject({ deadline: '2025-04-01T02:00:00.000Z', daysLeft: 11, overdue: false, stopped: false });
  });

  it('an extension moves the deadline by its days, and the case is not overdue within it', () => {
    const registered = registerCase({ ...layoffRegistration(), acceptedAt: '2025-03-01T02:00:00.000Z' }, {
      stationCode: village.code, actor: clerk, existingNumbers: [], now: new Date('2025-03-01T03:00:00.000Z'),
    }).doc;
    const { doc, event } = extendDeadline(registered, 15, '需等待劳动监察部门核算工资', clerk);
    expect(doc.extensions).toEqual([expect.objectContaining({ days: 15, reason: '需等待劳动监察部门核算工资' })]);
    expect(doc.deadline).toBe('2025-04-16T02:00:00.000Z');
    expect(event).toMatchObject({ action: 'extend', payload: { days: 15 } });

    const tenDaysPastOneMonth = new Date('2025-04-11T02:00:00.000Z');
    expect(readClock(doc, tenDaysPastOneMonth)).toMatchObject({ overdue: false, daysLeft: 5, extendedDays: 15 });
    expect(readClock(registered, tenDaysPastOneMonth)).toMatchObject({ overdue: true, daysLeft: -10 });
    // Statistics still count it as past one month: the extension is lawful, but it took longer.
    expect(isPastOneMonth(doc, tenDaysPastOneMonth)).toBe(true);
  });

  it('stops at the outcome', () => {
    const reading = readClock(
      { acceptedAt: '2025-03-01T02:00:00.000Z', extensions: [], outcome: { kind: 'agreement', at: '2025-03-03T02:00:00.000Z' } },
      new Date('2025-09-01T00:00:00.000Z'),
    );
    expect(reading).toMatchObject({ stopped: true, overdue: false, daysLeft: 29 });
  });

  it('refuses extensions without a reason or beyond 30 days at once', () => {
    const registered = registerCase(layoffRegistration(), { stationCode: village.code, actor: clerk, existingNumbers: [] }).doc;
    expect(() => extendDeadline(registered, 10, '', clerk)).toThrow('延期须写明原因');
    expect(() => extendDeadline(registered, 31, '等待鉴定', clerk)).toThrow('延期天数应为 1–30 天');
  });
});
