import { describe, expect, it } from 'vitest';
import { t } from '../../../../../core/i18n';
import type { QuarantineDoc } from '../../../../../core/schema';
import { nameUnitCodes } from '../../../../../renderer/data/names';
import { rejectionOf, ruleOf } from '../../../../../renderer/features/sync/rejection';

const TOWN = '320506001';
const VILLAGE = '320506001001';
const NAMES: Record<string, string> = { [TOWN]: '长桥街道联动分中心', [VILLAGE]: '长桥街道 湖滨社区' };
const nameOf = (code: string) => NAMES[code] ?? code;

/** A refused upload as the quarantine stores it: the server's rule message, wrapped. */
function refused(message: string): QuarantineDoc {
  return {
    id: 'rejectedPush:ticket:GD1',
    kind: 'rejectedPush',
    docId: 'ticket:GD3205060010012612050001',
    reason: t('sync:rejected.pushed', { reason: `forbidden: ${message}` }),
    at: '2026-12-05T01:00:00.000Z',
  } as QuarantineDoc;
}

describe('a refused record as a clerk reads it', () => {
  it('names the units in the server\'s reason instead of their codes', () => {
    const rejection = rejectionOf(refused(t('rules:notHolder', { holder: TOWN, unit: VILLAGE })), (iso) => iso, (text) => nameUnitCodes(text, nameOf));
    expect(rejection.reason).toBe('该工单当前由 长桥街道联动分中心 办理，本单位（长桥街道 湖滨社区）不能修改');
    expect(rejection.reason).not.toMatch(/\d{9}/);
  });

  it('an order that moved on to another unit is not offered for resending, and says to discard instead', () => {
    const rejection = rejectionOf(refused(t('rules:notHolder', { holder: TOWN, unit: VILLAGE })), (iso) => iso);
    expect(rejection.canResend).toBe(false);
    expect(rejection.advice).toContain('放弃本地修改');
    expect(rejection.advice).not.toContain('修改后重新提交');
  });

  it('a refusal a correction can cure still offers 重新提交', () => {
    const message = t('rules:textTooLong', { id: 'ticket:GD1', detail: 'description', max: '2000' });
    expect(ruleOf(message)).toBe('textTooLong');
    expect(rejectionOf(refused(message), (iso) => iso).canResend).toBe(true);
    // A district's own rule of the day is not one of ours: it may pass later.
    expect(ruleOf('区中心正在核对本辖区工单，暂停接收新的工单，请稍后重新提交')).toBeNull();
  });

  it('only standalone unit codes are named: order numbers, grid codes and dates stay as they are', () => {
    expect(nameUnitCodes(`工单 GD32050600100100020 由 ${TOWN} 转来，网格 320506001001002，2026-12-05`, nameOf)).toBe(
      '工单 GD32050600100100020 由 长桥街道联动分中心 转来，网格 320506001001002，2026-12-05',
    );
    expect(nameUnitCodes('单位 320599 未知', nameOf)).toBe('单位 320599 未知');
    // New numbers put letters right after the unit's code: the code inside stays.
    expect(nameUnitCodes('「ticket:GD3205060010010ZK3QF7M」与 GD320506001001ZK3QF7M', nameOf)).toBe('「ticket:GD3205060010010ZK3QF7M」与 GD320506001001ZK3QF7M');
  });
});
