/**
 * Mediation cases across stations, on a provisioned district (real CouchDB-API server, its
 * replication jobs and validate_doc_update) with the real sync engine on each workstation:
 * the town sub-center sees its village's case; the sibling village neither receives nor can read
 * it; the shared rules refuse a case written outside its station; and the same case edited on
 * two offline workstations of one station merges field by field, the losing value of the field
 * both changed kept in a conflict record that staff settle.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userNameOf } from '../../district/topologyPlan';
import { openConflicts } from '../../core/conflicts/conflictRecords';
import { recordSession, registerCase, settleConflict, type Actor, type RegistrationInput } from '../../core/mediation';
import { databaseOfUnit } from '../../core/org';
import { checkWrite, roleOfUnit } from '../../core/rules';
import type { EventDoc, MediationCaseDoc } from '../../core/schema';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { nodeWorkstation, type NodeWorkstation } from './support/nodeWorkstation';

const COLLECTIONS = ['cases', 'events', 'quarantine'] as const;

type Workstation = NodeWorkstation<(typeof COLLECTIONS)[number]> & { actor: Actor };

let district: ProvisionedDistrict;
beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
});
afterAll(async () => {
  await district?.stop();
});

/** A workstation of `unit` syncing its unit's database through its own cuttable connection. */
/** `clerk` names the desk in the test's story; steps are signed with the account it signed in with. */
async function workstation(unit: string, _clerk: string): Promise<Workstation> {
  return Object.assign(await nodeWorkstation(district, unit, COLLECTIONS), { actor: { unit, name: userNameOf(unit) } });
}

function layoff(): RegistrationInput {
  const company = district.demo.docs.mediationCases.flatMap((c) => c.parties).find((p) => p.kind === 'organisation');
  const worker = district.demo.docs.mediationCases.flatMap((c) => c.parties).find((p) => p.kind === 'person')!;
  return {
    parties: [
      { side: 'applicant', kind: 'person', name: `${worker.name}等47名员工`, idNumber: worker.idNumber, phone: worker.phone, headcount: '47' },
      company
        ? { side: 'respondent', kind: 'organisation', name: company.name, creditCode: company.creditCode }
        : { side: 'respondent', kind: 'person', name: worker.name, idNumber: worker.idNumber },
    ],
    disputeType: '劳动争议',
    source: 'proactive',
    summary: '企业拟裁员47人，员工要求支付经济补偿金。',
    amountInvolved: '800000',
  };
}

async function localCase(station: Workstation, id: string): Promise<MediationCaseDoc | undefined> {
  return (await station.db.cases.findOne(id).exec())?.toJSON() as MediationCaseDoc | undefined;
}

describe('a mediation case across the district', () => {
  it('reaches the town sub-center, never the sibling village, and is refused when written outside its station', async () => {
    const town = district.demo.orgTree.towns[0];
    const [village, sibling] = town.villages;
    const clerk = await workstation(village.code, '村调解员');
    const townDesk = await workstation(town.code, '镇调解员');
    const siblingDesk = await workstation(sibling.code, '邻村调解员');
    try {
      const { doc, event } = registerCase(layoff(), { stationCode: village.code, actor: clerk.actor, existingNumbers: [] });
      await clerk.db.cases.insert(doc);
      await clerk.db.events.insert(event);

      const started = Date.now();
      const atTown = await eventually(() => localCase(townDesk, doc.id), 20_000, 'the case at the town');
      const hopMs = Date.now() - started;
      expect(atTown).toMatchObject({ number: doc.number, ownerCode: village.code, parties: doc.parties });
      await eventually(async () => (await townDesk.db.events.find({ selector: { subjectId: doc.id } }).exec()).length === 1, 20_000, 'the register event at the town');
      console.log(`mediation: village → town workstation in ${hopMs} ms`);

      // The sibling's workstation synced the whole time and holds none of it; its user cannot
      // read the village's database either.
      // A leak would come down the same jobs that took the case to the town (~0.3 s here): give it
      // several times that before looking.
      await new Promise((done) => setTimeout(done, 1500));
      await siblingDesk.sync.awaitInSync();
      expect(await localCase(siblingDesk, doc.id)).toBeUndefined();
      expect(await siblingDesk.db.events.find({ selector: { subjectId: doc.id } }).exec()).toHaveLength(0);
      const path = `/${databaseOfUnit(village.code)}/${encodeURIComponent(doc.id)}`;
      expect((await district.asUnit(village.code, path)).status).toBe(200);
      expect([401, 403]).toContain((await district.asUnit(sibling.code, path)).status);
      expect((await district.asUnit(sibling.code, `/${databaseOfUnit(sibling.code)}/${encodeURIComponent(doc.id)}`)).status).toBe(404);

      // The sibling writing the case into its own database, and the town changing it: both refused
      // by the server with the reason the app's pre-check gives.
      const { id, ...body } = doc;
      const forged = await district.asUnit(sibling.code, `/${databaseOfUnit(sibling.code)}/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify({ _id: id, ...body }) });
      expect(forged.status).toBe(403);
      const expected = checkWrite(doc, null, { name: userNameOf(sibling.code), roles: [roleOfUnit(sibling.code)] });
      expect(expected.ok).toBe(false);
      expect(((await forged.json()) as { reason: string }).reason).toBe(!expected.ok && expected.message);

      const stored = (await (await district.asUnit(town.code, `/${databaseOfUnit(town.code)}/${encodeURIComponent(id)}`)).json()) as Record<string, unknown>;
      const townEdit = await district.asUnit(town.code, `/${databaseOfUnit(town.code)}/${encodeURIComponent(id)}`, {
        method: 'PUT', body: JSON.stringify({ ...stored, summary: '镇里改写', updatedAt: new Date().toISOString() }),
      });
      expect(townEdit.status).toBe(403);
      expect(((await townEdit.json()) as { reason: string }).reason).toContain(`属于单位 ${village.code}`);
    } finally {
      await Promise.all([clerk.close(), townDesk.close(), siblingDesk.close()]);
    }
  });

  it('two offline workstations of one station: different fields merge, the later edit of a shared field wins, the other is kept and settled', async () => {
    const village = district.demo.orgTree.towns[0].villages[0];
    const first = await workstation(village.code, '调解员甲');
    const second = await workstation(village.code, '调解员乙');
    try {
      const { doc, event } = registerCase(layoff(), { stationCode: village.code, actor: first.actor, existingNumbers: [] });
      await first.db.cases.insert(doc);
      await first.db.events.insert(event);
      await eventually(() => localCase(second, doc.id), 20_000, 'the case on the second workstation');

      await Promise.all([first.proxy.cut(), second.proxy.cut()]);
      // Workstation 1 records a session and rewrites the summary; workstation 2, a minute later,
      // raises the amount and rewrites the summary too.
      const firstDoc = (await first.db.cases.findOne(doc.id).exec())!;
      await firstDoc.incrementalModify((data) => {
        const { doc: next } = recordSession(data as MediationCaseDoc, { at: new Date().toISOString(), place: '村调解室', record: '第一次调解：听取双方意见' }, first.actor);
        return { ...next, summary: '甲：公司同意按工龄补偿' };
      });
      const secondDoc = (await second.db.cases.findOne(doc.id).exec())!;
      await secondDoc.incrementalPatch({ amountInvolved: 820000, summary: '乙：补偿总额待劳动监察核算', updatedAt: new Date(Date.now() + 60_000).toISOString(), updatedBy: second.actor.name });

      await first.proxy.restore();
      await eventually(async () => (await district.asUnit(village.code, `/${databaseOfUnit(village.code)}/${encodeURIComponent(doc.id)}`).then((r) => r.json()) as { sessions?: unknown[] }).sessions?.length === 1, 20_000, 'the first workstation’s push');
      await second.proxy.restore();

      const merged = await eventually(async () => {
        const current = await localCase(first, doc.id);
        return current?.amountInvolved === 820000 && current.sessions?.length === 1 ? current : undefined;
      }, 20_000, 'the merged case on the first workstation');
      expect(merged).toMatchObject({ summary: '乙：补偿总额待劳动监察核算', amountInvolved: 820000, state: 'mediating' });
      expect(await localCase(second, doc.id)).toMatchObject({ summary: '乙：补偿总额待劳动监察核算', amountInvolved: 820000, sessions: [expect.objectContaining({ record: '第一次调解：听取双方意见' })] });

      // The losing summary is kept in a conflict record that syncs: the first workstation, the
      // town and the district see it too, not only the workstation where the merge ran.
      const openAt = async (db: (typeof first)['db']) => openConflicts((await db.events.find({ selector: { subjectId: doc.id } }).exec()).map((e) => e.toJSON() as EventDoc));
      const open = await openAt(second.db);
      expect(open.map((r) => [r.field, r.losingValue])).toEqual([['summary', '甲：公司同意按工龄补偿']]);
      await eventually(async () => (await openAt(first.db)).length === 1, 20_000, 'the record on the first workstation');
      const districtDb = databaseOfUnit(district.demo.orgTree.code);
      await eventually(async () => (await district.couch.adminFetch(`/${districtDb}/${encodeURIComponent(open[0].id)}`)).status === 200, 20_000, 'the record at the district');

      // Staff take the losing value back: it wins everywhere after sync, and the record is settled.
      const current = (await second.db.cases.findOne(doc.id).exec())!;
      let settlingStep: EventDoc | undefined;
      await current.incrementalModify((data) => {
        const settlement = settleConflict(data as MediationCaseDoc, open[0], 'takeLosing', second.actor);
        settlingStep = settlement.event;
        return settlement.doc!;
      });
      await second.db.events.insert(settlingStep!);
      await eventually(async () => (await localCase(first, doc.id))?.summary === '甲：公司同意按工龄补偿', 20_000, 'the settled value on the first workstation');
      expect(await openAt(second.db)).toEqual([]);
      await eventually(async () => (await openAt(first.db)).length === 0, 20_000, 'settled on the first workstation too');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
