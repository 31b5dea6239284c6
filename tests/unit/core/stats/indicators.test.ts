import { describe, expect, it } from 'vitest';
import { breakdownOf, drillKeyOf, figuresOf, inPeriodFacts } from '../../../../core/stats/indicators';
import { ordersFactsOf, type OrderFacts } from '../../../../core/stats/orderFacts';
import { monthPeriod, periodOf, rangePeriod } from '../../../../core/stats/period';
import { WorkdayCalendar } from '../../../../core/workorders/workdayCalendar';
import { cst, departmentKind, fixtureEvents, fixtureTickets, TOWN, VILLAGE_A, VILLAGE_B } from './statsFixture';

const calendar = new WorkdayCalendar();
const facts = (asOf: string): OrderFacts[] => ordersFactsOf(fixtureTickets, fixtureEvents, { calendar, asOf: new Date(asOf), departmentKind });
const october = monthPeriod('2026-10');
const id = (key: string, owner = VILLAGE_A) => `ticket:GD${owner}${key}`;

describe('work-order indicators of a month, on orders worked out by hand', () => {
  const november10 = facts(cst('2026-11-10 00:00'));
  const figures = figuresOf(inPeriodFacts(november10, october));

  it('counts the orders reported in the month, whatever happened to them after it', () => {
    expect(figures.counts).toMatchObject({ reports: 7, voided: 1, valid: 6, selfHandled: 1, closed: 5, dispatched: 5, fedBack: 4, extended: 1 });
    expect(figures.ids.reports).not.toContain(id('O8', VILLAGE_B));
    expect(figures.ids.reports).not.toContain(id('O9', VILLAGE_B));
    // O3 reported on 29 October, closed on 2 November: closed in October's figures made in November.
    expect(figures.ids.closed).toContain(id('O3'));
  });

  it('在格解决率: closed orders that never left the village, over closed orders', () => {
    expect(figures.ids.insideGrid.sort()).toEqual([id('O1'), id('O2'), id('O3'), id('O4')].sort());
    expect(figures.rates.insideGridRate).toBeCloseTo(4 / 5);
  });

  it('上报率 and the level funnel count an escalation that came back, and the enforcement bureau as the top', () => {
    expect(figures.ids.escalated.sort()).toEqual([id('O5'), id('O6', VILLAGE_B)].sort());
    expect(figures.rates.escalationRate).toBeCloseTo(2 / 6);
    expect(figures.counts).toMatchObject({ levelVillage: 4, levelTown: 1, levelDistrict: 0, levelEnforcement: 1 });
  });

  it('结案率, 按期结案率 and 超期: a late close after an extension and an open order past its deadline', () => {
    expect(figures.rates.closeRate).toBeCloseTo(5 / 6);
    expect(figures.ids.onTime.sort()).toEqual([id('O1'), id('O2'), id('O4'), id('O6', VILLAGE_B)].sort());
    expect(figures.rates.onTimeRate).toBeCloseTo(4 / 5);
    expect(figures.ids.overdue.sort()).toEqual([id('O3'), id('O5')].sort());
    expect(figures.rates.overdueRate).toBeCloseTo(2 / 5);
  });

  it('返工率, 督办 and 平均处置时长 in working hours (the holiday and the weekend do not count)', () => {
    expect(figures.ids.reworked).toEqual([id('O4')]);
    expect(figures.rates.reworkRate).toBeCloseTo(1 / 4);
    expect(figures.ids.supervised).toEqual([id('O5')]);
    const hours = Object.fromEntries(november10.map((f) => [f.number.slice(-2), f.handlingHours]));
    expect(hours).toMatchObject({ O2: 5, O3: 17, O4: 4.5, O6: 7 });
    expect(figures.avgHandlingHours).toBe(8.4); // (5 + 17 + 4.5 + 7) / 4 = 8.375
  });

  it('reports per grid worker: reports over the accounts that reported', () => {
    expect(figures.reporters).toBe(2);
    expect(figures.reportsPerWorker).toBe(3.5);
  });

  it('as of the month end, the order closed in November is still open and not yet overdue', () => {
    const atEnd = figuresOf(inPeriodFacts(facts(october.to), october));
    expect(atEnd.counts).toMatchObject({ reports: 7, closed: 4, overdue: 1, fedBack: 3 });
    expect(atEnd.ids.overdue).toEqual([id('O5')]);
  });

  it('a town sees each of its villages, the district the town, a village its grids and workers', () => {
    const town = breakdownOf(inPeriodFacts(november10, october), TOWN, 'unit', [VILLAGE_A, VILLAGE_B, '320506101003']);
    expect(town.rows.map((r) => [r.key, r.figures.counts.reports])).toEqual([[VILLAGE_A, 5], [VILLAGE_B, 2], ['320506101003', 0]]);
    expect(town.total.counts.reports).toBe(7);
    const district = breakdownOf(inPeriodFacts(november10, october), '320506', 'department');
    expect(district.rows.map((r) => [r.key, r.figures.counts.reports])).toEqual([['SW', 4], ['ZHZF', 1]]);
    const village = breakdownOf(inPeriodFacts(november10, october), VILLAGE_B, 'worker');
    expect(village.rows.map((r) => [r.key, r.figures.counts.reports])).toEqual([['b-worker', 2]]);
  });

  it('a rate opens the orders of its numerator', () => {
    expect(drillKeyOf('overdueRate')).toBe('overdue');
    expect(drillKeyOf('overdue')).toBe('overdue');
    expect(drillKeyOf('avgHandlingHours')).toBeNull();
  });
});

describe('report periods in China time', () => {
  it('上月 of a day early on 1 December (China) is November, whatever the UTC date', () => {
    expect(periodOf('lastMonth', new Date('2026-11-30T17:00:00Z'))).toEqual(monthPeriod('2026-11'));
    expect(monthPeriod('2026-11')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(periodOf('thisQuarter', new Date('2026-11-15T00:00:00Z'))).toEqual({ from: cst('2026-10-01 00:00'), to: cst('2027-01-01 00:00') });
    expect(rangePeriod('2026-10-08', '2026-10-14')).toEqual({ from: cst('2026-10-08 00:00'), to: cst('2026-10-15 00:00') });
  });
});
