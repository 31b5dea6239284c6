import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type PartialGridlinkDatabase } from '../../../../sync/database';
import type { EventDoc, TicketDoc } from '../../../../core/schema';
import { createTicket, loadTicket, newTicketNumber, performAction, type TicketDraft, type WorkorderActor } from '../../../../core/workorders/commands';
import { materializeTicket, startMaterializer } from '../../../../core/workorders/materializer';
import { ActionRefusedError } from '../../../../core/workorders/stateMachine';
import { WorkdayCalendar } from '../../../../core/workorders/workdayCalendar';
import { intercepted } from '../../../support/workorderDesks';

const village: WorkorderActor = { unit: '320506001001', name: '王网格' };
const town: WorkorderActor = { unit: '320506001', name: '镇分中心李' };
const sibling: WorkorderActor = { unit: '320506001002', name: '隔壁村' };

let clock = Date.parse('2025-06-13T07:00:00Z'); // Friday 15:00 China time
/** Each step a minute after the one before, as a clerk works. */
const context = { calendar: new WorkdayCalendar(), now: () => new Date((clock += 60_000)) };
const later = (hours: number) => {
  clock += hours * 3_600_000;
};

const draft: TicketDraft = {
  source: 'patrol',
  catalogItem: { code: '03010001', departmentCode: 'SW', timeLimitHours: 8 },
  gridCode: '320506001001001',
  location: { lng: 120.6, lat: 31.3 },
  address: '木渎镇金山路 18 号',
  description: '井盖缺失，存在安全隐患',
  reporterName: '王网格',
  reporterPhone: '',
  priority: 'urgent',
  photoIds: ['photo:' + 'a'.repeat(64)],
};

let db: PartialGridlinkDatabase<'tickets' | 'events'>;
beforeEach(async () => {
  clock = Date.parse('2025-06-13T07:00:00Z');
  db = await openDatabase({ name: `wo-${Date.now()}-${Math.random()}`, collections: ['tickets', 'events'] });
});
afterEach(async () => {
  await db.close();
});

describe('acting on work orders at a station', () => {
  it('a clerk takes an order round the whole loop; the deadline counts working hours over the weekend', async () => {
    const created = await createTicket(db, draft, village, context);
    expect(created).toMatchObject({ state: 'pendingFiling', holderCode: village.unit, catalogItemCode: '03010001', timeLimitHours: 8 });
    later(0.5);
    await performAction(db, created.id, { action: 'file', payload: { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 } }, village, context);
    const dispatched = await performAction(db, created.id, { action: 'dispatch', payload: { assignee: 'staff:w1' } }, village, context);
    // dispatched Fri 15:33 + 8 working hours = Mon 15:33 China time
    expect(dispatched.ticket).toMatchObject({ state: 'handling', deadline: '2025-06-16T07:33:00.000Z' });
    later(2);
    await performAction(db, created.id, { action: 'feedback', note: '已补装井盖', photoIds: ['photo:' + 'b'.repeat(64)] }, village, context);
    await performAction(db, created.id, { action: 'verify', payload: { passed: true } }, village, context);
    const done = await performAction(db, created.id, { action: 'close' }, village, context);
    expect(done.ticket).toMatchObject({ state: 'closed', onTime: true });
    const stored = (await db.tickets.findOne(created.id).exec())!.toJSON();
    expect(stored).toMatchObject({ state: 'closed', onTime: true, photoIds: ['photo:' + 'a'.repeat(64), 'photo:' + 'b'.repeat(64)] });
    const events = await db.events.find({ selector: { subjectId: created.id } }).exec();
    expect(events.map((e) => e.action).sort()).toEqual(['close', 'dispatch', 'feedback', 'file', 'report', 'verify']);
  });

  it('a problem solved on the spot is recorded and closed in one step', async () => {
    const ticket = await createTicket(db, { ...draft, selfHandled: { note: '现场劝导，当事人已整改' } }, village, context);
    expect(ticket).toMatchObject({ state: 'closed', selfHandled: true, onTime: true });
    expect(await db.events.count({ selector: { subjectId: ticket.id } }).exec()).toBe(3);
  });

  it('a refused step stores nothing and says why in Chinese', async () => {
    const ticket = await createTicket(db, draft, village, context);
    const attempt = performAction(db, ticket.id, { action: 'close' }, village, context);
    await expect(attempt).rejects.toThrow(ActionRefusedError);
    await expect(performAction(db, ticket.id, { action: 'void' }, village, context)).rejects.toThrow('作废需要填写原因或说明。');
    await expect(performAction(db, ticket.id, { action: 'file', payload: { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 } }, sibling, context)).rejects.toThrow(
      `工单当前由 ${village.unit} 承办`,
    );
    expect(await db.events.count({ selector: { subjectId: ticket.id } }).exec()).toBe(1);
    expect((await db.tickets.findOne(ticket.id).exec())!.state).toBe('pendingFiling');
  });

  it('an escalated order is the town’s: the village can no longer act, the town dispatches it', async () => {
    const ticket = await createTicket(db, draft, village, context);
    await performAction(db, ticket.id, { action: 'file', payload: { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 } }, village, context);
    const up = await performAction(db, ticket.id, { action: 'escalate', note: '需要执法部门介入' }, village, context);
    expect(up.ticket.holderCode).toBe(town.unit);
    await expect(performAction(db, ticket.id, { action: 'dispatch', payload: { assignee: 'staff:w1' } }, village, context)).rejects.toThrow('承办');
    const sent = await performAction(db, ticket.id, { action: 'dispatch', payload: { assignee: 'ZHZF', departmentCode: 'ZHZF' } }, town, context);
    expect(sent.ticket).toMatchObject({ state: 'handling', holderCode: town.unit, assignee: 'ZHZF' });
  });

  it('the town’s supervision of an overdue village order is only an event; the village station folds it into the order', async () => {
    const ticket = await createTicket(db, draft, village, context);
    await performAction(db, ticket.id, { action: 'file', payload: { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 } }, village, context);
    await performAction(db, ticket.id, { action: 'dispatch', payload: { assignee: 'staff:w1' } }, village, context);
    later(96);
    const stop = startMaterializer(db, village);
    try {
      await performAction(db, ticket.id, { action: 'supervise', note: '请加快处置' }, town, context);
      await expect.poll(async () => (await db.tickets.findOne(ticket.id).exec())!.supervised, { timeout: 3000 }).toBe(true);
    } finally {
      stop();
    }
    expect(await materializeTicket(db, ticket.id, village)).toBe(false);
    const replay = await loadTicket(db, ticket.id);
    expect(replay?.loop.facts.superviseCount).toBe(1);
    const supervise = replay?.events.find((e) => e.action === 'supervise')?.event as EventDoc;
    expect(supervise).toMatchObject({ byUnit: town.unit, by: town.name });
  });

  it('the holder does not rewrite an order stored before orders named their events, for a field no event gives', async () => {
    const ticket = await createTicket(db, draft, village, context);
    // As data written before the events carried the field, and before orders carried their event ids.
    await (await db.tickets.findOne(ticket.id).exec())!.incrementalModify((doc) => {
      const { eventIds: _ids, ...legacy } = doc;
      return { ...legacy, componentCode: '32050600100100001' };
    });
    const before = (await db.tickets.findOne(ticket.id).exec())!.toJSON();
    expect(await materializeTicket(db, ticket.id, village)).toBe(false);
    expect((await db.tickets.findOne(ticket.id).exec())!.toJSON()).toEqual(before);
  });

  it('the projection decides every field of a current order: one no event gives is cleared by the holder', async () => {
    const ticket = await createTicket(db, draft, village, context);
    await (await db.tickets.findOne(ticket.id).exec())!.incrementalPatch({ componentCode: '32050600100100001' });
    expect(await materializeTicket(db, ticket.id, village)).toBe(true);
    expect((await db.tickets.findOne(ticket.id).exec())!.componentCode).toBeUndefined();
  });

  it('a step whose order is replaced by the server’s newer copy while it is stored leaves that copy as it came', async () => {
    const created = await createTicket(db, draft, village, context);
    // Another desk of the village escalated it; the server's copy arrives at this desk while its
    // clerk's 作废 is being stored (the feed runs during a command).
    const other = await openDatabase({ name: `wo-other-${Date.now()}`, collections: ['tickets', 'events'] });
    try {
      await other.tickets.insert((await db.tickets.findOne(created.id).exec())!.toJSON() as TicketDoc);
      await other.events.bulkInsert((await db.events.find().exec()).map((e) => e.toJSON() as EventDoc));
      await performAction(other, created.id, { action: 'escalate', note: '需镇里协调' }, village, context);
      const escalated = (await other.tickets.findOne(created.id).exec())!.toJSON() as TicketDoc;
      const arriving = intercepted(db.events, 'insert', (insert) => async (event) => {
        await (await db.tickets.findOne(created.id).exec())!.incrementalModify(() => escalated);
        return insert(event);
      });
      await performAction({ tickets: db.tickets, events: arriving }, created.id, { action: 'void', note: '重复上报' }, village, context);
      expect((await db.tickets.findOne(created.id).exec())!.toJSON()).toEqual(escalated);
      expect((await db.events.find({ selector: { action: 'void' } }).exec()).length).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('an approved extension moves the deadline by working hours', async () => {
    const ticket = await createTicket(db, draft, village, context);
    await performAction(db, ticket.id, { action: 'file', payload: { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 } }, village, context);
    await performAction(db, ticket.id, { action: 'dispatch', payload: { assignee: 'staff:w1' } }, village, context);
    await performAction(db, ticket.id, { action: 'requestExtension', note: '等待配件', payload: { hours: 8 } }, village, context);
    const extended = await performAction(db, ticket.id, { action: 'extend' }, village, context);
    // due Mon 15:03 (dispatched Fri 15:03) + 8 working hours = Tue 15:03 China time
    expect(extended.ticket).toMatchObject({ deadline: '2025-06-17T07:03:00.000Z', timeLimitHours: 16 });
  });
});

describe('the number of a new order', () => {
  it('is as short as the demo\'s for a town and 22 characters for a village, starts GD<unit>, and sorts by time', () => {
    const at = new Date('2026-12-05T00:55:00+08:00');
    const first = newTicketNumber(village.unit, at);
    expect(first).toMatch(/^GD320506001001[0-9A-Z]{8}$/);
    expect(first).toHaveLength(22);
    expect(newTicketNumber(town.unit, at)).toHaveLength(19);
    const hourLater = newTicketNumber(village.unit, new Date(at.getTime() + 3_600_000));
    expect(hourLater.slice(0, 20) > first.slice(0, 20)).toBe(true);
  });

  it('never repeats on one desk, even for orders recorded in the same second', () => {
    const at = new Date('2026-12-05T09:00:00+08:00');
    const numbers = Array.from({ length: 500 }, () => newTicketNumber(village.unit, at));
    expect(new Set(numbers).size).toBe(500);
    expect(new Set(numbers.map((n) => n.slice(0, 20))).size).toBe(500);
  });
});
