/**
 * A work order across the district, on a provisioned district (real CouchDB-API server, its
 * replication jobs and validate_doc_update) with the real sync engine and the app's work-order
 * commands on each workstation (Node, fake IndexedDB — the browser UI of each desk is covered
 * by workorders.test.ts):
 * a village clerk records an order with a photo while the server is unreachable and sees it
 * waiting to upload; the network comes back and it syncs; the clerk escalates; the town sees it,
 * files it, dispatches it to an enforcement department and records it handled; the village
 * sees the new state and the town's events, and can no longer act on it (nor can it force a
 * write past the server); the sibling village never sees any of it.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userNameOf } from '../../district/topologyPlan';
import { databaseOfUnit } from '../../core/org';
import { createPhotoStore } from '../../core/photos/photoStore';
import { checkWrite, roleOfUnit } from '../../core/rules';
import type { EventDoc, TicketDoc } from '../../core/schema';
import { createTicket, performAction, type WorkorderActor } from '../../core/workorders/commands';
import { ActionRefusedError } from '../../core/workorders/stateMachine';
import { WorkdayCalendar } from '../../core/workorders/workdayCalendar';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { nodeWorkstation, type NodeWorkstation } from './support/nodeWorkstation';

const COLLECTIONS = ['tickets', 'events', 'photos', 'quarantine'] as const;
const calendar = new WorkdayCalendar();

type Workstation = NodeWorkstation<(typeof COLLECTIONS)[number]> & { actor: WorkorderActor };

let district: ProvisionedDistrict;
beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
});
afterAll(async () => {
  await district?.stop();
});

/** `clerk` names the desk in the test's story; steps are signed with the account it signed in with. */
async function workstation(unit: string, _clerk: string): Promise<Workstation> {
  return Object.assign(await nodeWorkstation(district, unit, COLLECTIONS), { actor: { unit, name: userNameOf(unit) } });
}

async function ticketAt(station: Workstation, id: string): Promise<TicketDoc | undefined> {
  return (await station.db.tickets.findOne(id).exec())?.toJSON() as TicketDoc | undefined;
}
async function eventsAt(station: Workstation, id: string): Promise<EventDoc[]> {
  return (await station.db.events.find({ selector: { subjectId: id } }).exec()).map((e) => e.toJSON() as EventDoc);
}

/** A JPEG as a phone gives it; the station stores photos as they come from the compressor. */
const JPEG = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, ...Array.from({ length: 600 }, (_, i) => i % 251), 0xff, 0xd9])], { type: 'image/jpeg' });

describe('a work order across the district', () => {
  it('(2) recorded and escalated before its first upload, and the app restarted offline, it reaches the town held by the town', async () => {
    const town = district.demo.orgTree.towns[0];
    const [village] = town.villages;
    const clerk = await workstation(village.code, '村网格员');
    const townDesk = await workstation(town.code, '镇分中心值班员');
    try {
      const grid = district.demo.docs.grids.find((g) => g.level === 3 && g.code.startsWith(village.code))!;
      await clerk.proxy.cut();
      const ticket = await createTicket(
        clerk.db,
        { source: 'citizen', gridCode: grid.code, address: '村口', description: '群众反映：桥面裂缝', reporterName: '村民', reporterPhone: '', priority: 'normal', photoIds: [] },
        clerk.actor,
        { calendar },
      );
      await performAction(clerk.db, ticket.id, { action: 'escalate', note: '涉及交通，需镇里协调' }, clerk.actor, { calendar });
      await clerk.restart();
      await clerk.proxy.restore();
      await eventually(async () => (await ticketAt(townDesk, ticket.id))?.holderCode === town.code || undefined, 30_000, 'the order at the town, held by the town');
      await eventually(async () => (await eventsAt(townDesk, ticket.id)).length === 2 || undefined, 30_000, 'its two steps at the town');
      await eventually(async () => clerk.sync.status.pendingTotal === 0 || undefined, 30_000, 'nothing left to upload');
      expect(clerk.sync.status.rejected.count).toBe(0);
      expect((await ticketAt(clerk, ticket.id))?.holderCode).toBe(town.code);
    } finally {
      await Promise.all([clerk.close(), townDesk.close()]);
    }
  });

  it('goes up from an offline village to the town, is dispatched and handled there, and comes back into view — never to the sibling', async () => {
    const town = district.demo.orgTree.towns[0];
    const [village, sibling] = town.villages;
    const clerk = await workstation(village.code, '村网格员');
    const townDesk = await workstation(town.code, '镇分中心值班员');
    const siblingDesk = await workstation(sibling.code, '邻村网格员');
    try {
      const item = district.demo.docs.catalogItems.find((c) => c.name === '群租房')!;
      const grid = district.demo.docs.grids.find((g) => g.level === 3 && g.code.startsWith(village.code))!;

      // offline: recorded with a photo, waiting to upload
      await clerk.proxy.cut();
      const photos = createPhotoStore({ photos: clerk.db.photos, compress: async (blob) => ({ blob, mime: 'image/jpeg', width: 4, height: 3 }) });
      const photo = await photos.add(JPEG, { scope: [town.code.slice(0, 6), town.code, village.code], updatedBy: clerk.actor.name });
      const ticket = await createTicket(
        clerk.db,
        {
          source: 'police', catalogItem: { code: item.code, departmentCode: item.departmentCode, timeLimitHours: item.timeLimitHours },
          gridCode: grid.code, address: '某公司员工宿舍 3 幢', description: '派出所转来：公司宿舍群租，隔断住人 10 余间',
          reporterName: '辖区派出所', reporterPhone: '', priority: 'urgent', photoIds: [photo.id],
        },
        clerk.actor,
        { calendar },
      );
      await eventually(async () => clerk.sync.status.pendingTotal >= 3 || undefined, 10_000, 'the order waiting to upload');
      expect(clerk.sync.status.online).toBe(false);

      // network back: it syncs, photo included, and reaches the town
      await clerk.proxy.restore();
      clerk.sync.resync();
      await eventually(async () => clerk.sync.status.pendingTotal === 0 || undefined, 30_000, 'the upload');
      await eventually(() => ticketAt(townDesk, ticket.id), 30_000, 'the order at the town');
      const stationDb = `/${databaseOfUnit(village.code)}/${encodeURIComponent(photo.id)}`;
      expect((await district.asUnit(village.code, stationDb)).status).toBe(200);

      // the village escalates; from then on the order is the town's
      await performAction(clerk.db, ticket.id, { action: 'escalate', note: '宿舍群租涉及消防和住建，需镇里协调执法' }, clerk.actor, { calendar });
      const atTown = await eventually(async () => ((await ticketAt(townDesk, ticket.id))?.holderCode === town.code ? ticketAt(townDesk, ticket.id) : undefined), 30_000, 'the escalation at the town');
      expect(atTown.state).toBe('pendingFiling');
      // The order and its events replicate separately: the town acts once it holds the steps the
      // order was folded from (the app refuses until then, as it should; seen in CI on CouchDB).
      await eventually(async () => (await eventsAt(townDesk, ticket.id)).some((e) => e.action === 'escalate') || undefined, 30_000, 'the escalation step at the town');
      await expect(performAction(clerk.db, ticket.id, { action: 'void', note: '不再处理' }, clerk.actor, { calendar })).rejects.toThrow(ActionRefusedError);

      // the town files it, dispatches it to the comprehensive enforcement bureau, records it handled
      await performAction(townDesk.db, ticket.id, { action: 'file', payload: { catalogItemCode: item.code, departmentCode: item.departmentCode, timeLimitHours: item.timeLimitHours } }, townDesk.actor, { calendar });
      await performAction(townDesk.db, ticket.id, { action: 'dispatch', payload: { assignee: 'ZHZF', departmentCode: 'ZHZF' } }, townDesk.actor, { calendar });
      await performAction(townDesk.db, ticket.id, { action: 'feedback', note: '综合执法局联合住建局现场整改，拆除隔断 10 余间，20 余份租约终止' }, townDesk.actor, { calendar });

      // the village sees the new state and the town's steps
      const back = await eventually(async () => ((await ticketAt(clerk, ticket.id))?.state === 'pendingVerification' ? ticketAt(clerk, ticket.id) : undefined), 30_000, 'the new state at the village');
      expect(back).toMatchObject({ holderCode: town.code, assignee: 'ZHZF', departmentCode: 'ZHZF' });
      const steps = (await eventually(async () => ((await eventsAt(clerk, ticket.id)).length === 5 ? eventsAt(clerk, ticket.id) : undefined), 30_000, 'the town events at the village'))
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((e) => [e.action, e.byUnit]);
      expect(steps).toEqual([['report', village.code], ['escalate', village.code], ['file', town.code], ['dispatch', town.code], ['feedback', town.code]]);

      // a write forced past the app is refused by the server with the app's reason
      const { id, ...body } = back;
      const current = await (await district.asUnit(village.code, `/${databaseOfUnit(village.code)}/${encodeURIComponent(id)}`)).json() as { _rev: string };
      const forced = await district.asUnit(village.code, `/${databaseOfUnit(village.code)}/${encodeURIComponent(id)}`, {
        method: 'PUT', body: JSON.stringify({ _id: id, _rev: current._rev, ...body, state: 'closed' }),
      });
      expect(forced.status).toBe(403);
      const expected = checkWrite({ ...back, state: 'closed' }, back, { name: userNameOf(village.code), roles: [roleOfUnit(village.code)] });
      expect(expected.ok).toBe(false);
      expect(((await forced.json()) as { reason: string }).reason).toBe(expected.ok ? '' : expected.message);

      // the sibling, syncing all along, has none of it
      await siblingDesk.sync.awaitInSync();
      expect(await ticketAt(siblingDesk, ticket.id)).toBeUndefined();
      expect(await eventsAt(siblingDesk, ticket.id)).toHaveLength(0);
      expect(await siblingDesk.db.photos.findOne(photo.id).exec()).toBeNull();
    } finally {
      await Promise.allSettled([clerk.close(), townDesk.close(), siblingDesk.close()]);
    }
  }, 180_000);
});
