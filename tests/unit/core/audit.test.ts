import { describe, expect, it } from 'vitest';
import { auditRecord, AUDIT_ACTION_LIST } from '../../../core/audit';
import { checkWrite, roleOfUnit, type RuleUserCtx } from '../../../core/rules';
import { errorsOfDoc } from '../../../core/schema/validators';
import { COLLECTIONS } from '../../../core/schema';
import type { RxJsonSchema } from 'rxdb';

const eventSchema = COLLECTIONS.events.schema as unknown as RxJsonSchema<unknown>;
const validateDoc = (_type: string, doc: object) => {
  const errors = errorsOfDoc(eventSchema, doc);
  return errors.length === 0 ? { ok: true } : errors;
};
import { scopeOfUnit } from '../../../core/org';

const village = '320506101002';
const sibling = '320506101003';
const town = '320506101';
const as = (code: string, name = `station-${code}`): RuleUserCtx => ({ name, roles: [roleOfUnit(code)] });
const clerk = { unit: village, name: `station-${village}` };

describe('an audit record', () => {
  it('is a valid doc of its writer’s unit for every action, naming the person, the target and a detail', () => {
    for (const action of AUDIT_ACTION_LIST) {
      const record = auditRecord({ action, target: '工单列表-2026-12-05.xlsx', detail: 'workorders', person: 'person-320506101002-wang' }, clerk);
      expect(record).toMatchObject({ type: 'audit', action, byUnit: village, by: clerk.name, scope: scopeOfUnit(village), person: 'person-320506101002-wang', target: '工单列表-2026-12-05.xlsx' });
      expect(record.id).toMatch(new RegExp(`^audit:${village}-[0-9]{17}-[0-9a-f]{8}$`));
      expect(validateDoc('audit', record)).toEqual({ ok: true });
      expect(checkWrite(record, null, as(village))).toEqual({ ok: true });
    }
  });

  it('keeps a long file name inside the schema’s limits instead of being refused', () => {
    const record = auditRecord({ action: 'export', target: '长'.repeat(1000), detail: 'x'.repeat(5000) }, clerk);
    expect(record.target!.length).toBe(400);
    expect(record.subjectId.length).toBe(120);
    expect(validateDoc('audit', record)).toEqual({ ok: true });
  });

  it('is create-only and never deleted by a station', () => {
    const record = auditRecord({ action: 'print', target: 'mediationCase:TJ1' }, clerk);
    expect(checkWrite({ ...record, detail: '改写' }, record, as(village))).toMatchObject({ ok: false, reason: 'createOnly' });
    expect(checkWrite({ ...record, _deleted: true }, record, as(village))).toMatchObject({ ok: false, reason: 'deleteForbidden' });
    expect(checkWrite({ ...record, _deleted: true }, record, { name: 'admin', roles: ['gridlink-admin'] })).toEqual({ ok: true });
  });

  it('binds the unit, the account and the time to the writer, and knows only the audit actions', () => {
    expect(checkWrite(auditRecord({ action: 'export' }, { unit: sibling, name: clerk.name }), null, as(village))).toMatchObject({ ok: false, reason: 'notWriterUnit' });
    expect(checkWrite(auditRecord({ action: 'export' }, { unit: village, name: 'someone-else' }), null, as(village))).toMatchObject({ ok: false, reason: 'notWriterName' });
    expect(checkWrite(auditRecord({ action: 'export' }, clerk, new Date(Date.now() + 3_600_000)), null, as(village))).toMatchObject({ ok: false, reason: 'clockAhead' });
    expect(checkWrite({ ...auditRecord({ action: 'export' }, clerk), action: 'purge' }, null, as(village))).toMatchObject({ ok: false, reason: 'badAuditAction' });
  });

  it('of a town is scoped at the town, so it never flows down to a village', () => {
    const townClerk = { unit: town, name: `town-${town}` };
    const own = auditRecord({ action: 'print' }, townClerk);
    expect(own.scope).toEqual(scopeOfUnit(town));
    expect(checkWrite(own, null, as(town, townClerk.name))).toEqual({ ok: true });
    expect(checkWrite({ ...own, scope: scopeOfUnit(village) }, null, as(town, townClerk.name))).toMatchObject({ ok: false, reason: 'badScope' });
  });
});
