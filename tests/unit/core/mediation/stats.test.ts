process.env.TZ = 'Asia/Shanghai'; // the stations' local time: periods and report dates are calendar days in China
/**
 * The monthly mediation report: counts by type and source, success rate, agreement amounts,
 * cases past one month and the prevention flags, per station and in total, and its .xlsx form.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyCourtConfirmation, mediationStats, periodContaining, recordAgreement, recordCourtDecision, recordFollowUp, recordOutcome, recordSession, registerCase, setPreventionFlags } from '../../../../core/mediation';
import { mediationStatsWorkbook } from '../../../../core/mediation/statsWorkbook';
import type { MediationCaseDoc } from '../../../../core/schema';
import { clerk, demoCases, layoffRegistration, town, village } from './mediationSupport';

const MARCH = { from: '2025-03-01T00:00:00+08:00', to: '2025-04-01T00:00:00+08:00' };
const NOW = new Date('2025-04-20T00:00:00+08:00');
const sibling = town.villages[1];

function accepted(at: string, station = village.code): MediationCaseDoc {
  return registerCase({ ...layoffRegistration(), acceptedAt: at }, { stationCode: station, actor: { ...clerk, unit: station }, existingNumbers: [], now: NOW }).doc;
}

function withSession(doc: MediationCaseDoc, at: string): MediationCaseDoc {
  return recordSession(doc, { at, place: '调解室', record: '调解' }, clerk).doc;
}

/** Four March cases at the village, one at its sibling, one in February (outside the period). */
function marchCases(): MediationCaseDoc[] {
  const quick = recordAgreement(withSession(accepted('2025-03-02T09:00:00+08:00'), '2025-03-03T09:00:00+08:00'), { facts: 'f', terms: 't', performance: 'p', amount: 800000, signedAt: '2025-03-04T09:00:00+08:00' }, clerk, []).doc;
  const slow = recordAgreement(withSession(accepted('2025-03-03T09:00:00+08:00'), '2025-03-20T09:00:00+08:00'), { facts: 'f', terms: 't', performance: 'p', amount: 1500.5, signedAt: '2025-04-10T09:00:00+08:00' }, clerk, []).doc;
  const failed = recordOutcome(withSession(accepted('2025-03-10T09:00:00+08:00'), '2025-03-11T09:00:00+08:00'), 'noAgreement', '分歧较大', clerk, '2025-03-12T09:00:00+08:00').doc;
  const open = setPreventionFlags(accepted('2025-03-05T09:00:00+08:00'), { preventedCriminal: true, preventedMassPetition: true }, clerk).doc;
  const atSibling = { ...accepted('2025-03-15T09:00:00+08:00', sibling.code), disputeType: '邻里' as const, source: 'application' as const };
  const february = accepted('2025-02-27T09:00:00+08:00');
  return [quick, slow, failed, open, atSibling, february];
}

describe('mediation statistics', () => {
  it('count the period by type and source, with success rate, amounts and cases past one month', () => {
    const stats = mediationStats(marchCases(), MARCH, NOW);
    expect(stats.total).toMatchObject({
      cases: 5,
      concluded: 3,
      agreements: 2,
      successRate: 2 / 3,
      agreementAmount: 801500.5,
      // the slow agreement (signed 10 April) and the two cases still open on 20 April
      pastOneMonth: 3,
      preventedCriminal: 1,
      preventedMassPetition: 1,
    });
    expect(stats.total.byType).toMatchObject({ 劳动争议: 4, 邻里: 1, 婚姻家庭: 0 });
    expect(stats.total.bySource).toMatchObject({ proactive: 4, application: 1 });
    expect(stats.stations.map((s) => [s.code, s.figures.cases])).toEqual([[village.code, 4], [sibling.code, 1]].sort());
    expect(stats.stations.find((s) => s.code === sibling.code)?.figures.successRate).toBeNull();
  });

  it('履行率 from the latest follow-up visit, 司法确认 counted, and every listed village has a row, cases or not', () => {
    const [quick, slow, ...rest] = marchCases();
    const visitedTwice = recordFollowUp(recordFollowUp(quick, { at: '2025-03-20T09:00:00+08:00', performed: false, satisfaction: 'neutral' }, clerk).doc, { at: '2025-04-05T09:00:00+08:00', performed: true, satisfaction: 'satisfied' }, clerk).doc;
    const confirmed = recordCourtDecision(applyCourtConfirmation(visitedTwice, '2025-03-10T09:00:00+08:00', '吴中区人民法院', clerk).doc, 'confirmed', clerk, '2025-03-15T09:00:00+08:00').doc;
    const notPerformed = recordFollowUp(slow, { at: '2025-04-15T09:00:00+08:00', performed: false, satisfaction: 'dissatisfied' }, clerk).doc;
    const quiet = `${town.code}099`; // a village of the town with no case this month
    const stats = mediationStats([confirmed, notPerformed, ...rest], MARCH, NOW, { units: [quiet, sibling.code, village.code] });
    expect(stats.total).toMatchObject({ followedUp: 2, performed: 1, performanceRate: 0.5, courtApplied: 1, courtConfirmed: 1 });
    expect(stats.stations.map((s) => [s.code, s.figures.cases])).toEqual([[quiet, 0], [sibling.code, 1], [village.code, 4]]);
    expect(stats.stations[0].figures.successRate).toBeNull();
  });

  it('the demo district adds up: every case counted once, per-station sums equal the total', () => {
    const year = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
    const stats = mediationStats(demoCases, year);
    expect(stats.total.cases).toBe(demoCases.length);
    expect(stats.stations.reduce((sum, s) => sum + s.figures.cases, 0)).toBe(demoCases.length);
    expect(Object.values(stats.total.byType).reduce((a, b) => a + b, 0)).toBe(demoCases.length);
    expect(stats.total.agreements).toBe(demoCases.filter((c) => c.agreement).length);
  });

  it('export to .xlsx with one row per station and the total, numbers kept as numbers', async () => {
    const stats = mediationStats(marchCases(), MARCH, NOW);
    const names = new Map([[village.code, village.name], [sibling.code, sibling.name]]);
    const buffer = await mediationStatsWorkbook(stats, (code) => names.get(code) ?? code).xlsx.writeBuffer();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '按纠纷类型', '按案件来源']);
    const summary = book.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('人民调解案件统计（2025-03-01 至 2025-03-31）');
    expect(summary.getRow(2).values).toEqual(expect.arrayContaining(['受理件数', '调解成功率', '协议金额（元）', '防止民转刑', '防止群体性上访']));
    const total = summary.getRow(5);
    expect(total.getCell(2).value).toBe('合计');
    expect(total.getCell(3).value).toBe(5);
    expect(total.getCell(6).value).toBeCloseTo(2 / 3);
    expect(total.getCell(7).value).toBe(801500.5);
    expect(summary.getRow(3).getCell(2).value).toBe(village.name);
    const byType = book.getWorksheet('按纠纷类型')!;
    const labourColumn = (byType.getRow(2).values as unknown[]).indexOf('劳动争议');
    expect(byType.getRow(5).getCell(labourColumn).value).toBe(4);
  });

  it('periods are calendar months, quarters and years', () => {
    const at = new Date('2025-05-17T12:00:00+08:00');
    expect(new Date(periodContaining('quarter', at).from).getMonth()).toBe(3);
    expect(new Date(periodContaining('year', at).to).getFullYear()).toBe(2026);
  });
});
