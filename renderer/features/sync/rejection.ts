/**
 * A refused write as a clerk reads it: which kind of record, which one, and why in plain
 * Chinese. The server's reason comes from the shared write rules (core/rules), whose messages
 * are the same Chinese sentences on the server and in the app (renderer/data/rejectionReason.ts
 * takes off the quarantine's wrapping).
 */
import { t } from '../../../core/i18n';
import { rules } from '../../../core/i18n/zh-CN/rules';
import { isDocType, typeOfId, type QuarantineDoc } from '../../../core/schema';
import { reasonOf } from '../../data/rejectionReason';

export interface Rejection {
  id: string;
  kind: 'rejectedPush' | 'invalidPull';
  docId: string;
  /** 工单, 调解案件 …, or 其他. */
  typeLabel: string;
  /** The server's reason alone, without the wrapping, with unit names in place of codes. */
  reason: string;
  /** What the clerk can do about it. */
  advice: string;
  /** Whether sending it again could ever pass: not when this unit may not write the record at all. */
  canResend: boolean;
  /** The reason exactly as stored, for IT. */
  rawReason: string;
  fields: { label: string; value: string }[];
  at: string;
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return null;
}

function shorten(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** The fields that let a clerk recognise the record: its number or key, name, content, who changed it. */
export function keyFieldsOf(docId: string, doc: Record<string, unknown> | undefined, formatTime: (iso: string) => string): Rejection['fields'] {
  const fields: Rejection['fields'] = [];
  const data = doc ?? {};
  const key = docId.slice(docId.indexOf(':') + 1);
  fields.push({ label: t('syncUi:fields.number'), value: text(data.number) ?? key });
  const name = text(data.name);
  if (name) fields.push({ label: t('syncUi:fields.name'), value: name });
  const content = text(data.description) ?? text(data.summary) ?? text(data.note) ?? text(data.address);
  if (content) fields.push({ label: t('syncUi:fields.content'), value: shorten(content) });
  const by = text(data.updatedBy);
  const at = text(data.updatedAt);
  if (by || at) fields.push({ label: t('syncUi:fields.updated'), value: t('syncUi:fields.updatedValue', { by: by ?? '', at: at ? formatTime(at) : '' }) });
  return fields;
}

type RuleKey = keyof typeof rules;

/** Each write rule's message as a pattern: the server sends only the filled-in sentence. */
const RULE_PATTERNS = (Object.entries(rules) as [RuleKey, string][]).map(([key, template]) => {
  const pattern = template
    .split(/\{\{\w+\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return { key, pattern: new RegExp(`^${pattern}$`) };
});

/** Which write rule refused a record, from its reason; null for anything else (a district's own rule, a network error). */
export function ruleOf(reason: string): RuleKey | null {
  return RULE_PATTERNS.find(({ pattern }) => pattern.test(reason))?.key ?? null;
}

/** Rules about who may write a record: the same write sent again is refused again. */
const NOT_THIS_UNIT: readonly RuleKey[] = [
  'notHolder', 'ownerOnly', 'districtOnly', 'ownerNotWriter', 'ownerChanged', 'scopeChanged', 'outOfScope', 'holderOutOfScope',
  'reopened', 'createOnly', 'deleteForbidden', 'reportByOther', 'notSuperior', 'notOwnStation', 'forgedHistory',
];

function adviceOf(rule: RuleKey | null): { advice: string; canResend: boolean } {
  if (rule === 'notHolder') return { advice: t('syncUi:advice.notHolder'), canResend: false };
  if (rule && NOT_THIS_UNIT.includes(rule)) return { advice: t('syncUi:advice.notThisUnit'), canResend: false };
  if (rule === 'clockAhead') return { advice: t('syncUi:advice.clock'), canResend: true };
  return { advice: t('syncUi:advice.other'), canResend: true };
}

/** `nameCodes` puts unit names in place of the codes in the reason (renderer/data/names.ts). */
export function rejectionOf(record: QuarantineDoc, formatTime: (iso: string) => string, nameCodes: (text: string) => string = (text) => text): Rejection {
  const type = typeOfId(record.docId);
  const reason = reasonOf(record);
  return {
    ...adviceOf(ruleOf(reason)),
    id: record.id,
    kind: record.kind === 'invalidPull' ? 'invalidPull' : 'rejectedPush',
    docId: record.docId,
    typeLabel: t(`syncUi:types.${type && isDocType(type) ? type : 'unknown'}`),
    reason: nameCodes(reason),
    rawReason: record.reason,
    fields: keyFieldsOf(record.docId, record.doc as Record<string, unknown> | undefined, formatTime),
    at: record.at,
  };
}
