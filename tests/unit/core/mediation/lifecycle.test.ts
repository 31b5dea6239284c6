/**
 * The life of a case: registered with its parties checked, mediated, concluded, followed up and
 * archived — and the steps that must be refused say why and change nothing.
 */
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  amendAgreement, applyCourtConfirmation, mediationStats, archiveCase, CaseError, courtConfirmationWindow, escalate, extendDeadline, holderOf, recordAgreement, takeOver,
  recordFollowUp, recordOutcome, recordSession, registerCase, rmbInWords, type CaseChange,
} from '../../../../core/mediation';
import { residentIdCheck } from '../../../../core/mediation/identity';
import type { MediationCaseDoc } from '../../../../core/schema';
import { clerk, layoffRegistration, town, village } from './mediationSupport';

const daysAgo = (n: number) => dayjs().subtract(n, 'day').toISOString();

function registered(existingNumbers: string[] = []): MediationCaseDoc {
  return registerCase({ ...layoffRegistration(), acceptedAt: daysAgo(10) }, { stationCode: village.code, actor: clerk, existingNumbers }).doc;
}

function refusal(step: () => unknown): CaseError {
  try {
    step();
  } catch (error) {
    if (error instanceof CaseError) return error;
    throw error;
  }
  throw new Error('the step was not refused');
}

function agreed(): MediationCaseDoc {
  const withSession = recordSession(registered(), { at: daysAgo(9), place: '村调解室', attendees: '员工代表、公司人事', record: '双方陈述' }, clerk).doc;
  return recordAgreement(withSession, { facts: '裁员补偿', terms: '支付补偿金', performance: '转账', amount: 800000, signedAt: daysAgo(8) }, clerk, []).doc;
}

describe('registering a case (受理登记)', () => {
  it('keeps 47 employees as one party with a headcount and counts them in the people involved', () => {
    const { doc, event } = registerCase(layoffRegistration(), { stationCode: village.code, actor: clerk, existingNumbers: [] });
    expect(doc.parties[0]).toMatchObject({ side: 'applicant', headcount: 47 });
    expect(doc.peopleInvolved).toBe(48);
    expect(doc.amountInvolved).toBe(800000);
    expect(doc.scope).toEqual([village.code.slice(0, 6), town.code, village.code]);
    expect(doc.state).toBe('registered');
    expect(event).toMatchObject({ type: 'caseEvent', subjectId: doc.id, action: 'register', byUnit: village.code });
  });

  it('numbers cases per station and year, counting on from the highest', () => {
    const year = new Date().getFullYear();
    const existing = [`TJ${village.code}-${year}-0007`, `TJ${village.code}-${year - 1}-0031`, `TJ000000000000-${year}-0099`];
    expect(registered(existing).number).toBe(`TJ${village.code}-${year}-0008`);
    expect(registered([]).number).toBe(`TJ${village.code}-${year}-0001`);
  });

  it('lists every bad field at once, in Chinese, under its path', () => {
    const input = layoffRegistration();
    input.parties[0].idNumber = '11010519491231002';
    input.parties[1].creditCode = '91350100M000100Y44';
    input.summary = '  ';
    const error = refusal(() => registerCase(input, { stationCode: village.code, actor: clerk, existingNumbers: [] }));
    expect(error.problem).toBe('invalidInput');
    expect(error.fields).toEqual({
      'parties.0.idNumber': '身份证号码应为 18 位，现为 17 位',
      'parties.1.creditCode': expect.stringContaining('校验位不符'),
      summary: '请填写纠纷简要情况',
    });
  });

  it('needs someone on each side', () => {
    const input = layoffRegistration();
    input.parties = input.parties.filter((p) => p.side === 'applicant');
    expect(refusal(() => registerCase(input, { stationCode: village.code, actor: clerk, existingNumbers: [] })).fields.parties).toBe('至少需要一名被申请人');
  });
});

describe('concluding and archiving', () => {
  it('refuses an agreement before any session is recorded', () => {
    expect(refusal(() => recordAgreement(registered(), { facts: 'a', terms: 'b', performance: 'c' }, clerk, [])).problem).toBe('agreementWithoutSession');
  });

  it('numbers agreements per station and year and records the amount', () => {
    const doc = agreed();
    expect(doc.state).toBe('agreed');
    expect(doc.agreement).toMatchObject({ number: `XY${village.code}-${dayjs(daysAgo(8)).year()}-0001`, amount: 800000 });
    expect(doc.outcome?.kind).toBe('agreement');
    expect(rmbInWords(800000)).toBe('人民币捌拾万元整');
    expect(rmbInWords(10203.4)).toBe('人民币壹万零贰佰零叁元肆角');
  });

  it('refuses archiving without a follow-up visit, then archives after one', () => {
    const doc = agreed();
    const error = refusal(() => archiveCase(doc, clerk));
    expect(error.problem).toBe('archiveWithoutFollowUp');
    expect(error.message).toBe(`案件 ${doc.number} 尚未回访，不能归档：请先登记至少一次回访`);
    expect(doc.state).toBe('agreed');

    const visited = recordFollowUp(doc, { at: daysAgo(1), performed: true, satisfaction: 'satisfied', remainingRisk: '' }, clerk).doc;
    expect(visited.followUps?.[0]).toMatchObject({ performed: true, satisfaction: 'satisfied', remainingRisk: '无' });
    const archived: CaseChange = archiveCase(visited, clerk);
    expect(archived.doc.state).toBe('archived');
    expect(archived.event.action).toBe('archive');
  });

  it('a terminated case needs its reason; an open case has nothing to archive yet', () => {
    const withSession = recordSession(registered(), { at: daysAgo(9), place: '村调解室', record: '申请人表示撤回' }, clerk).doc;
    expect(refusal(() => recordOutcome(withSession, 'terminated', ' ', clerk)).problem).toBe('reasonRequired');
    expect(refusal(() => archiveCase(withSession, clerk)).problem).toBe('archiveWithoutOutcome');
    expect(recordOutcome(withSession, 'terminated', '申请人撤回调解申请', clerk).doc).toMatchObject({ state: 'terminated', outcome: { kind: 'terminated', reason: '申请人撤回调解申请' } });
  });

  it('goes up only to its own town, with a reason', () => {
    const doc = registered();
    expect(refusal(() => escalate(doc, '320506102', '跨村纠纷', clerk)).problem).toBe('escalationTarget');
    expect(escalate(doc, town.code, '涉及多个村，需乡镇协调', clerk).doc).toMatchObject({ state: 'escalated', escalation: { toCode: town.code } });
  });
});

describe('court confirmation (司法确认)', () => {
  it('is open for 30 days after signing and refused after', () => {
    const doc = agreed();
    const window = courtConfirmationWindow(doc, new Date());
    expect(window).toMatchObject({ open: true, daysLeft: 22 });
    expect(applyCourtConfirmation(doc, daysAgo(1), '苏州市吴中区人民法院', clerk).doc.courtConfirmation).toMatchObject({ result: 'pending' });

    const old = { ...doc, agreement: { ...doc.agreement!, signedAt: daysAgo(40) } };
    const error = refusal(() => applyCourtConfirmation(old, daysAgo(1), '苏州市吴中区人民法院', clerk));
    expect(error.problem).toBe('courtTooLate');
    expect(error.message).toContain('30 日内');
  });

  it('an extension is refused once the case is concluded', () => {
    expect(refusal(() => extendDeadline(agreed(), 10, '补充证据', clerk)).problem).toBe('notOpen');
  });
});

describe('the agreement after signing, the follow-up visit and the town taking over', () => {
  const townClerk = { name: '镇调解员', unit: town.code };

  it('amends a signed agreement only with a reason, keeps its number and signing date, and records what it was', () => {
    const doc = agreed();
    const input = { ...doc.agreement!, amount: 820000, terms: '支付补偿金82万元' };
    expect(refusal(() => amendAgreement(doc, input, '  ', clerk)).fields).toEqual({ reason: '请写明变更原因' });
    expect(refusal(() => amendAgreement(doc, doc.agreement!, '无改动', clerk)).problem).toBe('amendUnchanged');
    const { doc: amended, event } = amendAgreement(doc, input, '核算更正', clerk);
    expect(amended.agreement).toMatchObject({ number: doc.agreement!.number, signedAt: doc.agreement!.signedAt, amount: 820000, amendments: [{ reason: '核算更正', by: clerk.name }] });
    expect(event).toMatchObject({ action: 'amendAgreement', note: `变更调解协议 ${doc.agreement!.number}：核算更正`, payload: { changed: ['terms', 'amount'], before: { amount: 800000, terms: '支付补偿金' } } });
    expect(refusal(() => amendAgreement(registered(), input, '核算更正', clerk)).problem).toBe('amendWithoutAgreement');
  });

  it('refuses a negative agreed amount with the words for it', () => {
    const withSession = recordSession(registered(), { at: daysAgo(9), place: '村调解室', record: '双方陈述' }, clerk).doc;
    expect(refusal(() => recordAgreement(withSession, { facts: 'f', terms: 't', performance: 'p', amount: -500 }, clerk, [])).fields).toEqual({ amount: '金额不能为负数' });
  });

  it('asks every follow-up answer instead of assuming one', () => {
    const doc = agreed();
    const error = refusal(() => recordFollowUp(doc, { at: daysAgo(1), performed: null, satisfaction: null }, clerk));
    expect(error.fields).toEqual({ performed: '请选择协议履行情况', satisfaction: '请选择当事人满意度' });
    expect(recordFollowUp(doc, { at: daysAgo(1), performed: false, satisfaction: 'dissatisfied' }, clerk).doc.followUps?.[0]).toMatchObject({ performed: false, satisfaction: 'dissatisfied' });
  });

  it('lets the town a case was escalated to take it over and sign its agreement in its own series', () => {
    const mediating = recordSession(registered(), { at: daysAgo(9), place: '村调解室', record: '双方陈述' }, clerk).doc;
    const escalated = escalate(mediating, town.code, '涉及多个村，需乡镇协调', clerk).doc;
    expect(refusal(() => takeOver(mediating, townClerk)).problem).toBe('takeoverNotEscalated');
    expect(refusal(() => takeOver(escalated, { name: '邻镇', unit: '320506999' })).problem).toBe('takeoverNotTarget');
    const { doc: taken, event } = takeOver(escalated, townClerk);
    expect(taken).toMatchObject({ state: 'mediating', holderCode: town.code, ownerCode: village.code, takeover: { byUnit: town.code, by: townClerk.name } });
    expect(holderOf(taken)).toBe(town.code);
    expect(event).toMatchObject({ action: 'takeover', byUnit: town.code, scope: escalated.scope });
    expect(refusal(() => takeOver(taken, townClerk)).problem).toBe('takeoverNotEscalated');
    const signed = recordAgreement(taken, { facts: 'f', terms: 't', performance: 'p' }, townClerk, []).doc;
    expect(signed.agreement?.number).toMatch(new RegExp(`^XY${town.code}-`));
    // Still counted as escalated in the statistics after the takeover moved its state on.
    expect(mediationStats([taken], { from: daysAgo(30), to: dayjs().add(1, 'day').toISOString() }).total.escalated).toBe(1);
  });
});

describe('parties with other documents', () => {
  it('registers a passport holder and a 港澳台 resident, and keeps a 居民身份证 party as version 0 had it', () => {
    const input = layoffRegistration();
    input.parties.push({ side: 'applicant', kind: 'person', name: 'John Smith', idType: 'passport', idNumber: 'k1234567 8' });
    input.parties.push({ side: 'respondent', kind: 'person', name: '陈大文', idType: 'residencePermit', idNumber: '81000019900615002' + residentIdCheck('81000019900615002') });
    const { doc } = registerCase(input, { stationCode: village.code, actor: clerk, existingNumbers: [] });
    expect(doc.parties[0].idType).toBeUndefined();
    expect(doc.parties[2]).toMatchObject({ idType: 'passport', idNumber: 'K12345678' });
    expect(doc.parties[3]).toMatchObject({ idType: 'residencePermit' });
    input.parties[2].idType = 'residentId';
    expect(refusal(() => registerCase(input, { stationCode: village.code, actor: clerk, existingNumbers: [] })).fields['parties.2.idNumber']).toBe('身份证号码应为 18 位，现为 9 位');
    input.amountInvolved = '-500';
    expect(refusal(() => registerCase(input, { stationCode: village.code, actor: clerk, existingNumbers: [] })).fields.amountInvolved).toBe('金额不能为负数');
  });
});
