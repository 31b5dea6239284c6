/**
 * 等保 audit records end to end: a village's workstation (the real sync engine on its own local
 * database) records an export and a print through the renderer's recorder; they travel up to
 * the district database, where `district audit` (the real bin) lists them by unit, person and
 * period (days in China time) and exports them as .xlsx and .csv; `district audit purge` removes
 * what is past the retention and refuses to go below 180 days.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeople } from '../../../district/people';
import { bulkWrite } from '../../support/couchServer';
import { auditRecord } from '../../../core/audit';
import { toCouchDoc } from '../../../core/couchDoc';
import { listAudit } from '../../../district/audit';
import { userNameOf } from '../../../district/topologyPlan';
import { recordAudit, setAuditPersonSource } from '../../../renderer/data/audit';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { nodeWorkstation, type NodeWorkstation } from '../../e2e/support/nodeWorkstation';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../../support/provisionedDistrict';

/** Two hops of replication (station → town → district) on a loaded server. */
const REPLICATION_MS = 90_000;
const DAY_MS = 86_400_000;

let district: ProvisionedDistrict;
let desk: NodeWorkstation<'events'>;
let village: string;
let sibling: string;
let districtCode: string;
const dir = mkdtempSync(join(tmpdir(), 'gridlink-audit-'));

beforeAll(async () => {
  district = await provisionedDistrict(TWO_VILLAGES);
  districtCode = district.demo.orgTree.code;
  [village, sibling] = district.demo.orgTree.towns[0]!.villages.map((v) => v.code);
  desk = await nodeWorkstation(district, village, ['events']);
}, 180_000);
afterAll(async () => {
  await desk?.close();
  await district?.stop();
});

// The district by name: a shared server (Apache CouchDB in test:couchdb) holds several suites' districts.
const cli = (args: string[]) => runDistrictCli(['--district', districtCode, ...args], adminEnv(district.couch), 60_000);

/** A record put straight into the district database as the admin (as replication would), at a chosen time. */
async function seeded(unit: string, at: Date, action: 'signIn' | 'export' = 'export', person?: string): Promise<string> {
  const record = auditRecord({ action, target: `seed-${at.toISOString()}.xlsx`, ...(person ? { person } : {}) }, { unit, name: userNameOf(unit) }, at);
  const res = await district.couch.adminFetch(`/${district.districtDb}/${encodeURIComponent(record.id)}`, { method: 'PUT', body: JSON.stringify(toCouchDoc(record)) });
  expect(res.status).toBe(201);
  return record.id;
}

describe('audit records from a workstation to the district', { timeout: 4 * REPLICATION_MS }, () => {
  it('an export and a print recorded offline-first at a village reach the district database, with the person signed in', async () => {
    const actor = { unit: village, name: userNameOf(village) };
    // A clerk of the village with a personal account, enrolled in its database: the rules check
    // the person an audit record names as they check a step's.
    const clerk = district.demo.docs.staff.find((s) => s.ownerCode === village)!;
    await bulkWrite(district.couch, district.districtDb, [toCouchDoc(clerk)]);
    const [account] = await addPeople(district.connection, [clerk.staffId], join(dir, 'people.csv'));
    const person = account!.user;
    const undo = setAuditPersonSource(() => person);
    const exported = await recordAudit(desk.db.collections, actor, { action: 'export', target: '工单列表-2026-12-05.xlsx', detail: '工单 all' });
    const printed = await recordAudit(desk.db.collections, actor, { action: 'print', target: 'ticket:GD1', detail: '派遣单' });
    undo();
    expect(exported && printed).toBeTruthy();
    const listed = await eventually(async () => {
      const docs = await listAudit(district.connection, districtCode, { station: village });
      return docs.some((d) => d.id === exported!.id) && docs.some((d) => d.id === printed!.id) ? docs : undefined;
    }, REPLICATION_MS, 'both records at the district');
    expect(listed.find((d) => d.id === printed!.id)).toMatchObject({ action: 'print', byUnit: village, by: actor.name, person, target: 'ticket:GD1' });
    // Its sibling station never receives them.
    const res = await district.couch.adminFetch(`/gl-station-${sibling}/${encodeURIComponent(exported!.id)}`);
    expect(res.status).toBe(404);
  });

  it('`district audit` lists by station, person and China-time days, and exports .xlsx and .csv', async () => {
    // 2025-07-01 00:30 in Beijing is still 2025-06-30 in UTC.
    const justAfterMidnight = await seeded(village, new Date('2025-06-30T16:30:00.000Z'), 'signIn', 'p-li');
    const siblings = await seeded(sibling, new Date('2025-07-01T02:00:00.000Z'), 'export', 'p-li');

    const byStation = await cli(['audit', '--station', village]);
    expect(byStation.code, byStation.stderr).toBe(0);
    expect(byStation.stdout).toContain('工单列表-2026-12-05.xlsx');
    expect(byStation.stdout).toContain('2025-07-01 00:30:00');
    expect(byStation.stdout).not.toContain(sibling);

    const julyFirst = await cli(['audit', 'list', '--from', '2025-07-01', '--to', '2025-07-01']);
    expect(julyFirst.stdout).toContain('2025-07-01 00:30:00');
    expect(julyFirst.stdout).toContain('2025-07-01 10:00:00');
    expect(julyFirst.stdout).toContain('共 2 条');
    const juneThirtieth = await cli(['audit', 'list', '--to', '2025-06-30']);
    expect(juneThirtieth.stdout).toContain('没有符合条件的审计记录');

    const byPerson = await cli(['audit', 'list', '--person', 'p-li', '--station', sibling]);
    expect(byPerson.stdout).toContain('共 1 条');
    expect(byPerson.stdout).toContain(sibling);

    const xlsx = join(dir, 'audit.xlsx');
    const written = await cli(['audit', 'list', '--person', 'p-li', '--out', xlsx]);
    expect(written.stdout).toContain('已写入 2 条审计记录');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('审计记录')!;
    expect(sheet.getRow(2).values).toContain('操作');
    const rows = [3, 4].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows[0]).toEqual(['2025-07-01 00:30:00', village, userNameOf(village), 'p-li', '登录', 'seed-2025-06-30T16:30:00.000Z.xlsx', '']);
    expect(rows[1]![0]).toBe('2025-07-01 10:00:00');

    const csv = join(dir, 'audit.csv');
    await cli(['audit', 'list', '--station', village, '--from', '2025-07-01', '--to', '2025-07-01', '--out', csv]);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\ufeff时间（北京时间）,单位,账号,人员,操作,对象,详情')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(2);

    const bad = await cli(['audit', 'list', '--from', '2025-13-01']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('日期应为 YYYY-MM-DD');
    for (const id of [justAfterMidnight, siblings]) expect(id).toMatch(/^audit:/);
  });

  it('`district audit purge` removes what is past the retention, says what, and never goes below 180 days', async () => {
    const now = Date.now();
    const ancient = await seeded(village, new Date(now - 400 * DAY_MS));
    const older = await seeded(sibling, new Date(now - 250 * DAY_MS));
    const recent = await seeded(village, new Date(now - 100 * DAY_MS));
    const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

    const tooRecent = await cli(['audit', 'purge', '--before', day(now - 100 * DAY_MS)]);
    expect(tooRecent.code).toBe(1);
    expect(tooRecent.stderr).toContain('拒绝删除');

    // By the district's retention (a year when unset): only the 400-day-old record, first as a dry run.
    const dry = await cli(['audit', 'purge', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('按本区审计记录保留期限 365 天');
    // The 400-day-old one, and the two of 2025-07-01 once those are over a year old.
    const overAYear = 1 + [Date.parse('2025-06-30T16:30:00.000Z'), Date.parse('2025-07-01T02:00:00.000Z')].filter((at) => at < now - 365 * DAY_MS).length;
    expect(dry.stdout).toContain(`将删除 ${overAYear} 条审计记录`);
    const stillThere = async (id: string) => (await district.couch.adminFetch(`/${district.districtDb}/${encodeURIComponent(id)}`)).status === 200;
    expect(await stillThere(ancient)).toBe(true);

    const purged = await cli(['audit', 'purge', '--before', day(now - 200 * DAY_MS)]);
    expect(purged.code, purged.stderr).toBe(0);
    expect(purged.stdout).toMatch(/已删除 [0-9]+ 条审计记录/);
    expect(await stillThere(ancient)).toBe(false);
    expect(await stillThere(older)).toBe(false);
    expect(await stillThere(recent)).toBe(true);
    const remaining = await listAudit(district.connection, districtCode, {});
    expect(remaining.every((doc) => Date.parse(doc.at) >= now - 201 * DAY_MS)).toBe(true);
  });
});
