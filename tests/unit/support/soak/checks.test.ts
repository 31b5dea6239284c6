/**
 * The randomized run's judge must be able to say no: a world where every replica agrees passes
 * every check, and each way of breaking it fails the check that guards it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { conflictEvents } from '../../../../core/conflicts/conflictRecords';
import type { AnyDoc, EventDoc, QuarantineDoc, TicketDoc } from '../../../../core/schema';
import { createTicket } from '../../../../core/workorders/commands';
import { INITIAL_STATUS } from '../../../../sync/status';
import { checkWorld, type World } from '../../../support/soak/checks';
import { context, desk, draft, eventsOf, ticketOf, useDesks, village } from '../../../support/workorderDesks';

useDesks();

const DISTRICT = '320506';
const online = { ...INITIAL_STATUS, connection: 'online' as const, online: true };

/** One village desk that recorded one order, equal to its station's and the district's databases. */
async function agreeingWorld(): Promise<World> {
  const db = await desk();
  const { id } = await createTicket(db, draft, village, context);
  const docs: AnyDoc[] = [await ticketOf(db, id), ...(await eventsOf(db, id))];
  const copy = () => docs.map((d) => structuredClone(d));
  return {
    districtCode: DISTRICT,
    desks: [{ name: 'A1', unit: village.unit, docs: copy(), quarantine: [], status: online, errors: [] }],
    servers: [
      { unit: village.unit, dbName: `gl-station-${village.unit}`, docs: copy(), conflicted: [] },
      { unit: DISTRICT, dbName: `gl-district-${DISTRICT}`, docs: copy(), conflicted: [] },
    ],
    acknowledged: [{ desk: 'A1', what: 'create', subjectId: id, eventIds: docs.filter((d) => d.type === 'ticketEvent').map((d) => d.id) }],
  };
}

const ticketIn = (docs: AnyDoc[]) => docs.find((d) => d.type === 'ticket') as TicketDoc;
const refusal = (docId: string, doc: object = {}): QuarantineDoc => ({ id: `q-${docId}`, kind: 'rejectedPush', docId, doc, reason: 'forbidden', at: new Date().toISOString() });

describe('the convergence checks', () => {
  it('pass a world where every replica agrees', async () => {
    expect(checkWorld(await agreeingWorld())).toEqual({});
  });

  it.each([
    ['nothingPending', (w: World) => void (w.desks[0].status = { ...online, pendingTotal: 1 })],
    ['nothingPending', (w: World) => void (w.desks[0].status = { ...online, connection: 'offline' })],
    ['desksEqualTheirStation', (w: World) => void w.servers[0].docs.pop()],
    ['desksEqualTheirStation', (w: World) => void (ticketIn(w.desks[0].docs).address = '别处')],
    ['serversAgree', (w: World) => void (ticketIn(w.servers[1].docs).address = '别处')],
    ['serversAgree', (w: World) => void w.servers[1].conflicted.push(ticketIn(w.servers[1].docs).id)],
    ['ticketsAreTheirEvents', (w: World) => void (ticketIn(w.servers[1].docs).state = 'closed')],
    ['nothingAcknowledgedLost', (w: World) => void (w.servers[1].docs = w.servers[1].docs.filter((d) => d.type !== 'ticketEvent'))],
    ['noSiblingLeak', (w: World) => void w.desks[0].docs.push({ ...ticketIn(w.desks[0].docs), id: 'ticket:GDother', scope: ['320506', '320506001', '320506001002'] })],
    ['refusalsShownAndNone', (w: World) => void w.desks[0].quarantine.push(refusal('ticket:GDx'))],
    ['noBackgroundErrors', (w: World) => void w.desks[0].errors.push('materializer: boom')],
  ])('%s fails when a replica breaks it', async (check, breakIt) => {
    const world = await agreeingWorld();
    breakIt(world);
    expect(Object.keys(checkWorld(world))).toContain(check);
  });

  it('a write the server refused and the desk shows is not counted lost, but is a refusal', async () => {
    const world = await agreeingWorld();
    const ticket = ticketIn(world.desks[0].docs);
    world.servers[1].docs = world.servers[1].docs.filter((d) => d.id !== ticket.id);
    world.servers[0].docs = world.servers[0].docs.filter((d) => d.id !== ticket.id);
    world.desks[0].docs = world.desks[0].docs.filter((d) => d.id !== ticket.id);
    world.desks[0].quarantine.push(refusal(ticket.id));
    world.desks[0].status = { ...online, rejected: { count: 1, items: [] } };
    expect(Object.keys(checkWorld(world))).toEqual(['refusalsShownAndNone']);
  });

  it('a session found nowhere is a silent loss; kept in a conflict record at the district, it is not', async () => {
    const world = await agreeingWorld();
    const caseId = 'mediationCase:TJ320506001001-2025-0001';
    world.acknowledged.push({ desk: 'A1', what: 'session', subjectId: caseId, eventIds: [], token: 'A1-7' });
    expect(Object.keys(checkWorld(world))).toContain('noSilentConflictLoss');
    const [record] = await conflictEvents(caseId, { id: caseId, scope: ['320506', '320506001', '320506001001'] }, [{ field: 'sessions', losingValue: [{ record: '调解记录 A1-7' }], loser: 'local' }], village);
    world.servers[1].docs.push(record as EventDoc as AnyDoc);
    expect(Object.keys(checkWorld(world))).not.toContain('noSilentConflictLoss');
  });
});
