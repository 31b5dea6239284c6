/**
 * A town (320506101) with two villages and nine orders whose figures were worked out by hand
 * (see indicators.test.ts): October 2026 holds the National Day holiday (1–7 October) and ends
 * on a Saturday, so orders cross the month end and the working-hour clock skips the holiday.
 */
import type { EventDoc, TicketDoc } from '../../../../core/schema';

export const TOWN = '320506101';
export const VILLAGE_A = '320506101001';
export const VILLAGE_B = '320506101002';

/** China time written as such: '2026-10-01 10:30' → ISO instant. */
export const cst = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();

type Step = [action: string, local: string, byUnit: string, extra?: { by?: string; note?: string; payload?: Record<string, unknown> }];

const tickets: TicketDoc[] = [];
const events: EventDoc[] = [];

function order(key: string, owner: string, reporter: string, steps: Step[]): void {
  const number = `GD${owner}${key}`;
  const id = `ticket:${number}`;
  const reportedAt = cst(steps[0][1]);
  tickets.push({
    id, type: 'ticket', scope: [owner.slice(0, 6), owner.slice(0, 9), owner], createdAt: reportedAt, updatedAt: reportedAt, updatedBy: reporter,
    number, source: 'patrol', gridCode: `${owner}001`, description: `order ${key}`, priority: 'normal', photoIds: [], state: 'pendingFiling',
    holderCode: owner, deadline: '', reportedAt, lastEventAt: reportedAt, ownerCode: owner,
  } as TicketDoc);
  steps.forEach(([action, local, byUnit, extra], i) => {
    const at = cst(local);
    events.push({
      id: `ticketEvent:${number}-${String(i + 1).padStart(2, '0')}`, type: 'ticketEvent', scope: [owner.slice(0, 6), owner.slice(0, 9), owner],
      createdAt: at, updatedAt: at, updatedBy: extra?.by ?? reporter, subjectId: id, action, at, by: extra?.by ?? (i === 0 ? reporter : `${byUnit}-clerk`), byUnit,
      note: extra?.note ?? '', photoIds: [], payload: extra?.payload ?? {},
    } as EventDoc);
  });
}

const file = (hours = 8, departmentCode = 'SW') => ({ payload: { catalogItemCode: '03010001', departmentCode, timeLimitHours: hours } });
const dispatch = (deadline: string, assignee = 'staff:w1') => ({ payload: { assignee, deadline: cst(deadline) } });
const why = { note: '说明' };
const pass = { payload: { passed: true } };

// O1 self-handled on the spot.
order('O1', VILLAGE_A, 'a-worker', [['report', '2026-10-12 10:00', VILLAGE_A, { payload: { selfHandled: true } }]]);
// O2 reported and dispatched on a holiday: the clock starts on 8 October (5 working hours to feedback).
order('O2', VILLAGE_A, 'a-worker', [
  ['report', '2026-10-01 10:00', VILLAGE_A], ['file', '2026-10-01 10:20', VILLAGE_A, file()], ['dispatch', '2026-10-01 10:30', VILLAGE_A, dispatch('2026-10-08 18:00')],
  ['feedback', '2026-10-08 15:00', VILLAGE_A, why], ['verify', '2026-10-08 16:00', VILLAGE_A, pass], ['close', '2026-10-08 16:10', VILLAGE_A],
]);
// O3 crosses the month end; extended by 8 hours, still closed late on 2 November (17 working hours to feedback).
order('O3', VILLAGE_A, 'a-worker', [
  ['report', '2026-10-29 09:00', VILLAGE_A], ['file', '2026-10-29 09:30', VILLAGE_A, file()], ['dispatch', '2026-10-29 10:00', VILLAGE_A, dispatch('2026-10-30 10:00')],
  ['requestExtension', '2026-10-30 09:30', VILLAGE_A, { note: '需协调物业', payload: { hours: 8 } }],
  ['extend', '2026-10-30 09:40', VILLAGE_A, { payload: { hours: 8, deadline: cst('2026-11-02 10:00') } }],
  ['feedback', '2026-11-02 11:00', VILLAGE_A, why], ['verify', '2026-11-02 14:00', VILLAGE_A, pass], ['close', '2026-11-02 14:30', VILLAGE_A],
]);
// O4 reworked once (4.5 working hours to the first feedback), closed on time.
order('O4', VILLAGE_A, 'a-worker', [
  ['report', '2026-10-13 09:00', VILLAGE_A], ['file', '2026-10-13 09:20', VILLAGE_A, file(16)], ['dispatch', '2026-10-13 09:30', VILLAGE_A, dispatch('2026-10-15 09:30')],
  ['feedback', '2026-10-13 15:00', VILLAGE_A, why], ['verify', '2026-10-13 16:00', VILLAGE_A, { note: '未整改到位', payload: { passed: false } }],
  ['feedback', '2026-10-14 10:00', VILLAGE_A, why], ['verify', '2026-10-14 11:00', VILLAGE_A, pass], ['close', '2026-10-14 11:10', VILLAGE_A],
]);
// O5 escalated to the town and returned, dispatched by the village, overdue since 15 October and supervised by the town.
order('O5', VILLAGE_A, 'a-worker', [
  ['report', '2026-10-14 09:00', VILLAGE_A], ['escalate', '2026-10-14 09:10', VILLAGE_A, why], ['return', '2026-10-14 10:00', TOWN, why],
  ['file', '2026-10-14 10:30', VILLAGE_A, file()], ['dispatch', '2026-10-14 11:00', VILLAGE_A, dispatch('2026-10-15 11:00')],
  ['supervise', '2026-10-20 09:00', TOWN],
]);
// O6 escalated; the town dispatches it to the comprehensive enforcement bureau (7 working hours to feedback).
order('O6', VILLAGE_B, 'b-worker', [
  ['report', '2026-10-20 09:00', VILLAGE_B], ['escalate', '2026-10-20 09:10', VILLAGE_B, why], ['file', '2026-10-20 09:30', TOWN, file(8, 'ZHZF')],
  ['dispatch', '2026-10-20 10:00', TOWN, dispatch('2026-10-21 10:00', 'ZHZF')], ['feedback', '2026-10-21 09:00', TOWN, why],
  ['verify', '2026-10-21 09:20', TOWN, pass], ['close', '2026-10-21 09:40', TOWN],
]);
// O7 voided.
order('O7', VILLAGE_B, 'b-worker', [['report', '2026-10-21 09:00', VILLAGE_B], ['void', '2026-10-21 09:30', VILLAGE_B, { note: '重复上报' }]]);
// O8 reported in September, O9 in November: not October's.
order('O8', VILLAGE_B, 'b-worker', [['report', '2026-09-28 09:00', VILLAGE_B, { payload: { selfHandled: true } }]]);
order('O9', VILLAGE_B, 'b-worker', [['report', '2026-11-01 09:00', VILLAGE_B, { payload: { selfHandled: true } }]]);

export const fixtureTickets: readonly TicketDoc[] = tickets;
export const fixtureEvents: readonly EventDoc[] = events;
export const departmentKind = (code: string): string | undefined => ({ ZHZF: 'enforcement', SW: 'bureau' })[code];
