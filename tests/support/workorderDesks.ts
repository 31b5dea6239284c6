/**
 * Desks for the work-order unit tests: real RxDB databases (fake IndexedDB) holding tickets and
 * events, a clock that moves a minute per step, and the actors of one village, a second desk of
 * it and its town. Import 'fake-indexeddb/auto' in the test file first.
 */
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type PartialGridlinkDatabase } from '../../sync/database';
import type { EventDoc, TicketDoc } from '../../core/schema';
import { createTicket, performAction, type TicketDraft, type WorkorderActor } from '../../core/workorders/commands';
import { WorkdayCalendar } from '../../core/workorders/workdayCalendar';

export const village: WorkorderActor = { unit: '320506001001', name: 'station-320506001001' };
export const otherDesk: WorkorderActor = { unit: '320506001001', name: 'station-320506001001-2' };
export const town: WorkorderActor = { unit: '320506001', name: 'town-320506001' };

const START = Date.parse('2025-06-13T07:00:00Z');
let clock = START;
/** The commands' context: each step a minute after the one before (`advance` jumps ahead). */
export const context = { calendar: new WorkdayCalendar(), now: () => new Date((clock += 60_000)) };
export function advance(ms: number): void {
  clock += ms;
}

export const draft: TicketDraft = {
  source: 'patrol',
  gridCode: '320506001001001',
  location: { lng: 120.6, lat: 31.3 },
  address: '木渎镇金山路 18 号',
  description: '宿舍群租，消防隐患',
  reporterName: '王网格',
  reporterPhone: '',
  priority: 'urgent',
  photoIds: [],
};

export type Desk = PartialGridlinkDatabase<'tickets' | 'events'>;
const desks: Desk[] = [];

/** A new empty desk, closed after the test. */
export async function desk(): Promise<Desk> {
  const db = await openDatabase({ name: `desk-${Date.now()}-${Math.random()}`, collections: ['tickets', 'events'] });
  desks.push(db);
  return db;
}

/** Registers the clock reset and the desks' closing with the test file. */
export function useDesks(): void {
  beforeEach(() => {
    clock = START;
  });
  afterEach(async () => {
    await Promise.all(desks.splice(0).map((db) => db.close()));
  });
}

export async function eventsOf(db: Desk, id: string): Promise<EventDoc[]> {
  return (await db.events.find({ selector: { subjectId: id } }).exec()).map((d) => d.toJSON() as EventDoc);
}
export async function ticketOf(db: Desk, id: string): Promise<TicketDoc> {
  return (await db.tickets.findOne(id).exec())!.toJSON() as TicketDoc;
}

/**
 * `target` with its method `key` replaced by `replace(original)`, everything else as it is: a
 * test's way to make something happen in the middle of a command (the server's copy arriving,
 * a slow read), on a real database.
 */
export function intercepted<T extends object, K extends keyof T>(target: T, key: K, replace: (original: T[K]) => T[K]): T {
  return new Proxy(target, {
    get(object, name) {
      const value: unknown = Reflect.get(object, name, object);
      if (name === key) return replace((value as (...a: unknown[]) => unknown).bind(object) as T[K]);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/**
 * The village escalates an order; the town's desk, holding it and its events, returns it; the
 * village receives the return before the order handed back and voids it (an event only, since
 * its stored order is still the town's). Returns both desks as they are then, the order as
 * escalated and the two later steps.
 */
export async function returnedThenVoided() {
  const villageDesk = await desk();
  const { id } = await createTicket(villageDesk, draft, village, context);
  await performAction(villageDesk, id, { action: 'escalate', note: '需镇里协调' }, village, context);
  const escalated = await ticketOf(villageDesk, id);
  const townDesk = await desk();
  await townDesk.tickets.insert(escalated);
  await townDesk.events.bulkInsert(await eventsOf(villageDesk, id));
  await performAction(townDesk, id, { action: 'return', note: '属村级事项' }, town, context);
  const returnEvent = (await eventsOf(townDesk, id)).find((e) => e.action === 'return')!;
  await villageDesk.events.insert(returnEvent);
  await performAction(villageDesk, id, { action: 'void', note: '重复上报' }, village, context);
  const voidEvent = (await eventsOf(villageDesk, id)).find((e) => e.action === 'void')!;
  return { villageDesk, townDesk, id, escalated, returnEvent, voidEvent };
}
