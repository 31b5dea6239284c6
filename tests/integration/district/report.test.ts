/**
 * District figures without every ticket on a PC: the demo district's orders, events and cases
 * sit in the district database (as replication brings them up); provisioning put the
 * statistics' views there; `district report --month` writes the 月报 from those views. Its
 * figures equal what the app's indicator core computes from the same docs, and the `counts`
 * map/reduce equals the core's counts unit by unit. Runs on the embedded server, or on Apache
 * CouchDB with COUCHDB_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCouchDoc } from '../../../core/couchDoc';
import { figuresOf, inPeriodFacts } from '../../../core/stats/indicators';
import { ordersFactsOf } from '../../../core/stats/orderFacts';
import { inPeriod, monthOf, monthPeriod } from '../../../core/stats/period';
import { WorkdayCalendar } from '../../../core/workorders/workdayCalendar';
import { districtReport, monthCounts } from '../../../district/report';
import { COUNT_VIEW_KEYS, STATS_DESIGN_DOC_ID } from '../../../district/reportViews';
import { adminEnv, runDistrictCli } from '../../support/districtCli';
import { provisionedDistrict, type ProvisionedDistrict } from '../../support/provisionedDistrict';

const AS_OF = new Date('2025-07-10T10:00:00+08:00');
let district: ProvisionedDistrict;
let dir: string;
let month: string;

beforeAll(async () => {
  district = await provisionedDistrict({ towns: 2, villagesPerTown: 3, ticketsPerVillage: 30, casesPerVillage: 4, componentsPerVillage: 1, staffPerVillage: 2 });
  dir = mkdtempSync(join(tmpdir(), 'gridlink-report-'));
  const docs = Object.values(district.demo.docs).flat();
  for (let i = 0; i < docs.length; i += 1000) {
    const loaded = await district.couch.adminFetch(`/${district.districtDb}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: docs.slice(i, i + 1000).map((doc) => toCouchDoc(doc)) }) });
    expect(loaded.status).toBe(201);
  }
  // The month with the most orders.
  const byMonth = new Map<string, number>();
  for (const ticket of district.demo.docs.tickets) byMonth.set(monthOf(ticket.reportedAt), (byMonth.get(monthOf(ticket.reportedAt)) ?? 0) + 1);
  month = [...byMonth.entries()].sort((a, b) => b[1] - a[1])[0][0];
}, 240_000);

afterAll(async () => {
  await district?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function coreFacts() {
  const docs = district.demo.docs;
  const kinds = new Map(docs.departments.map((d) => [d.code, d.kind]));
  return ordersFactsOf(docs.tickets, docs.ticketEvents, { calendar: new WorkdayCalendar(), asOf: AS_OF, departmentKind: (code) => kinds.get(code) });
}

describe('the district 月报 from the district database\'s views', () => {
  it('provisioning puts the statistics views on the district database', async () => {
    const response = await district.couch.adminFetch(`/${district.districtDb}/${STATS_DESIGN_DOC_ID}`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { views: Record<string, unknown> };
    expect(Object.keys(doc.views).sort()).toEqual(['cases', 'counts', 'due', 'events', 'legacy']);
  });

  it('the views\' report equals the app\'s core on the same orders, for the district and for a town', async () => {
    const facts = inPeriodFacts(coreFacts(), monthPeriod(month));
    const code = district.demo.orgTree.code;
    const report = await districtReport(district.connection, code, { month, asOf: AS_OF });
    const expected = figuresOf(facts.filter((f) => f.ownerCode.startsWith(code)));
    expect(expected.counts.reports).toBeGreaterThan(10);
    const { ids: _ids, ...fromViews } = report.total;
    const { ids: _expectedIds, ...fromCore } = expected;
    expect(fromViews).toEqual(fromCore);
    expect(report.total.ids.overdue.sort()).toEqual(expected.ids.overdue.sort());
    expect(expected.counts.overdue).toBeGreaterThan(0);
    expect(expected.counts.levelTown + expected.counts.levelDistrict + expected.counts.levelEnforcement).toBeGreaterThan(0);
    // Every order has its statistics record: nothing replayed.
    expect(report.replayed).toBe(0);
    // Every town has its row.
    expect(report.rows.map((r) => r.key)).toEqual(district.demo.orgTree.towns.map((t) => t.code).sort());

    const town = district.demo.orgTree.towns[1]!;
    const townReport = await districtReport(district.connection, code, { month, unit: town.code, asOf: AS_OF });
    expect(townReport.rows.map((r) => r.key)).toEqual(town.villages.map((v) => v.code).sort());
    for (const row of townReport.rows) {
      const { ids: _a, ...viewRow } = row.figures;
      const { ids: _b, ...coreRow } = figuresOf(facts.filter((f) => f.ownerCode === row.key));
      expect(viewRow, row.key).toEqual(coreRow);
    }
    // Mediation: the month's cases of the town, every village listed.
    expect(townReport.mediation.stations.map((s) => s.code)).toEqual(town.villages.map((v) => v.code).sort());
  }, 60_000);

  it('the views\' report equals the core by department for the district, and by grid and by worker for a village', async () => {
    const facts = inPeriodFacts(coreFacts(), monthPeriod(month));
    const code = district.demo.orgTree.code;
    const byDepartment = await districtReport(district.connection, code, { month, asOf: AS_OF, dimension: 'department' });
    expect(byDepartment.rows.length).toBeGreaterThan(3);
    for (const row of byDepartment.rows) {
      const { ids: _a, ...viewRow } = row.figures;
      const { ids: _b, ...coreRow } = figuresOf(facts.filter((f) => f.departmentCode === row.key));
      expect(viewRow, row.key).toEqual(coreRow);
    }
    const village = district.demo.orgTree.towns[0]!.villages[1]!;
    for (const dimension of ['grid', 'worker'] as const) {
      const report = await districtReport(district.connection, code, { month, unit: village.code, asOf: AS_OF, dimension });
      const mine = facts.filter((f) => f.ownerCode.startsWith(village.code));
      expect(report.rows.length, dimension).toBeGreaterThan(0);
      for (const row of report.rows) {
        const { ids: _a, ...viewRow } = row.figures;
        const { ids: _b, ...coreRow } = figuresOf(mine.filter((f) => (dimension === 'grid' ? f.gridCode : f.reporter) === row.key));
        expect(viewRow, `${dimension} ${row.key}`).toEqual(coreRow);
      }
    }
  }, 60_000);

  it('a year is its twelve months', async () => {
    const code = district.demo.orgTree.code;
    const year = month.slice(0, 4);
    const report = await districtReport(district.connection, code, { month: year, asOf: AS_OF });
    const expected = figuresOf(inPeriodFacts(coreFacts(), { from: monthPeriod(`${year}-01`).from, to: monthPeriod(`${year}-12`).to }));
    const { ids: _a, ...fromViews } = report.total;
    const { ids: _b, ...fromCore } = expected;
    expect(fromViews).toEqual(fromCore);
    expect(report.total.counts.reports).toBeGreaterThan(100);
  }, 60_000);

  it('the counts map/reduce (month × unit × indicator) equals the core unit by unit', async () => {
    const facts = inPeriodFacts(coreFacts(), monthPeriod(month));
    const counts = await monthCounts(district.connection, district.demo.orgTree.code, month);
    const owners = [...new Set(facts.map((f) => f.ownerCode))].sort();
    expect([...counts.keys()].sort()).toEqual(owners);
    for (const owner of owners) {
      const core = figuresOf(facts.filter((f) => f.ownerCode === owner)).counts;
      const fromView = counts.get(owner)!;
      for (const key of COUNT_VIEW_KEYS) expect(fromView[key] ?? 0, `${owner} ${key}`).toBe(core[key]);
    }
  });

  it('`district report --month` writes the workbook the app exports', async () => {
    const out = join(dir, 'report.xlsx');
    const result = await runDistrictCli(['report', '--district', district.demo.orgTree.code, '--month', month, '--out', out], adminEnv(district.couch));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`已写入 ${out}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['工单指标', '分单位', '人民调解·汇总', '人民调解·按纠纷类型', '人民调解·按案件来源']);
    const expected = figuresOf(inPeriodFacts(coreFacts(), monthPeriod(month)));
    const breakdown = book.getWorksheet('分单位')!;
    expect(breakdown.lastRow!.getCell(2).value).toBe('合计');
    expect(breakdown.lastRow!.getCell(3).value).toBe(expected.counts.reports);
  });

  it('orders whose ticket has no statistics record (written before it existed) are replayed from their events, counted and said', async () => {
    const code = district.demo.orgTree.code;
    const period = monthPeriod(month);
    const old = district.demo.docs.tickets.filter((t) => inPeriod(t.reportedAt, period)).slice(0, 25);
    for (const ticket of old) {
      const response = await district.couch.adminFetch(`/${district.districtDb}/${encodeURIComponent(ticket.id)}`);
      const { stats: _stats, ...stored } = (await response.json()) as Record<string, unknown>;
      const put = await district.couch.adminFetch(`/${district.districtDb}/${encodeURIComponent(ticket.id)}`, { method: 'PUT', body: JSON.stringify(stored) });
      expect(put.status).toBe(201);
    }
    const report = await districtReport(district.connection, code, { month, asOf: AS_OF });
    expect(report.replayed).toBe(25);
    const expected = figuresOf(inPeriodFacts(coreFacts(), period));
    const { ids: _a, ...fromViews } = report.total;
    const { ids: _b, ...fromCore } = expected;
    expect(fromViews).toEqual(fromCore);
    const out = join(dir, 'legacy.xlsx');
    const result = await runDistrictCli(['report', '--district', code, '--month', month, '--out', out], adminEnv(district.couch));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('其中 25 件工单没有统计记录');
  }, 60_000);
});
