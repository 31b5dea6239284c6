/**
 * Settling a sync conflict on a case: staff keep the current value or take the losing one back;
 * either way the record is settled and the choice is in the case's audit trail.
 */
import { describe, expect, it } from 'vitest';
import { conflictEvents, conflictRecordOf, openConflicts, type ConflictRecord } from '../../../../core/conflicts/conflictRecords';
import { CaseError, duplicateNumbers, registerCase, settleConflict } from '../../../../core/mediation';
import type { EventDoc, MediationCaseDoc } from '../../../../core/schema';
import { clerk, layoffRegistration, village } from './mediationSupport';

const registered = { ...registerCase(layoffRegistration(), { stationCode: village.code, actor: clerk, existingNumbers: [] }).doc, summary: '乙：补偿总额待核算' };
/** The record a merge wrote for the summary, as the event the desk that merged stored. */
const [recordEvent] = await conflictEvents(registered.id, registered, [{ field: 'summary', losingValue: '甲：公司同意按工龄补偿', loser: 'local', losingUpdatedBy: '甲' }], clerk);

function caseWithConflict(): { doc: MediationCaseDoc; record: ConflictRecord; event: EventDoc } {
  return { doc: { ...registered }, record: conflictRecordOf(recordEvent)!, event: recordEvent };
}

describe('settling a case conflict', () => {
  it('taking the losing value back writes it into the case and settles the record', () => {
    const { doc, record } = caseWithConflict();
    const settlement = settleConflict(doc, record, 'takeLosing', clerk);
    expect(settlement.doc).toMatchObject({ summary: '甲：公司同意按工龄补偿', updatedBy: clerk.name });
    expect(settlement.event).toMatchObject({ action: 'settleConflict', subjectId: doc.id, note: '冲突处理：「纠纷简要情况」改用另一处的值', payload: { recordId: record.id } });
    expect(openConflicts([caseWithConflict().event, settlement.event])).toEqual([]);
  });

  it('keeping the current value leaves the case untouched', () => {
    const { doc, record } = caseWithConflict();
    const settlement = settleConflict(doc, record, 'keepCurrent', clerk);
    expect(settlement.doc).toBeNull();
    expect(settlement.event.note).toBe('冲突处理：「纠纷简要情况」保留当前值');
    // Open until the settling step is there.
    expect(openConflicts([caseWithConflict().event])).toEqual([record]);
    expect(openConflicts([caseWithConflict().event, settlement.event])).toEqual([]);
  });

  it('sessions added on both workstations can both be kept, in time order', () => {
    const { doc } = caseWithConflict();
    const mine = { at: '2026-03-02T02:00:00.000Z', place: '村调解室', attendees: '', record: '乙：第二次调解', photoIds: [] };
    const theirs = { at: '2026-03-01T02:00:00.000Z', place: '村调解室', attendees: '', record: '甲：第一次调解', photoIds: [] };
    const withSession = { ...doc, sessions: [mine] };
    const record: ConflictRecord = { ...caseWithConflict().record, docId: doc.id, field: 'sessions', losingValue: [theirs] };
    const settlement = settleConflict(withSession, record, 'combine', clerk);
    expect(settlement.doc?.sessions?.map((s) => s.record)).toEqual(['甲：第一次调解', '乙：第二次调解']);
    expect(settlement.event.note).toBe('冲突处理：「调解过程」两处的记录都保留');
    // Not for a field with one value.
    expect(() => settleConflict(doc, caseWithConflict().record, 'combine', clerk)).toThrow(CaseError);
  });

  it('combining extensions moves the deadline by both', () => {
    const { doc, record } = caseWithConflict();
    const a = { at: '2026-03-02T02:00:00.000Z', days: 10, reason: '等待鉴定' };
    const b = { at: '2026-03-03T02:00:00.000Z', days: 5, reason: '当事人住院' };
    const settled = settleConflict({ ...doc, extensions: [a] }, { ...record, field: 'extensions', losingValue: [b] }, 'combine', clerk).doc!;
    expect(settled.extensions).toEqual([a, b]);
    expect(new Date(settled.deadline).getTime() - new Date(doc.deadline).getTime()).toBe(15 * 24 * 3600_000);
  });

  it('a record of another case, or of a bookkeeping field, is refused', () => {
    const { doc, record } = caseWithConflict();
    expect(() => settleConflict(doc, { ...record, docId: 'mediationCase:other' }, 'takeLosing', clerk)).toThrow(CaseError);
    expect(() => settleConflict(doc, { ...record, field: 'scope' }, 'takeLosing', clerk)).toThrow('字段「scope」不能处理');
  });

  it('two workstations that handed out the same number offline are found', () => {
    const a = { id: 'mediationCase:a', number: 'TJ320506001001-2026-0004' };
    const b = { id: 'mediationCase:b', number: 'TJ320506001001-2026-0004' };
    const c = { id: 'mediationCase:c', number: 'TJ320506001001-2026-0005' };
    expect(duplicateNumbers([a, b, c])).toEqual(new Map([['TJ320506001001-2026-0004', ['mediationCase:a', 'mediationCase:b']]]));
  });
});
