/**
 * A refused write as a clerk reads it: which kind of record, which one, and why in plain
 * Chinese. The server's reason comes from the shared write rules (core/rules), whose messages
 * are the same Chinese sentences on the server and in the app (renderer/data/rejectionReason.ts
 * takes off the quarantine's wrapping).
 */
import { t } from '../../../core/i18n';
import { isDocType, typeOfId, type QuarantineDoc } from '../../../core/schema';
import { reasonOf } from '../../data/rejectionReason';

export interface Rejection {
  id: string;
  kind: 'rejectedPush' | 'invalidPull';
  docId: string;
  /** 工单, 调解案件 …, or 其他. */
  typeLabel: string;
  /** The server's reason alone, without the wrapping. */
  reason: string;
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

export function rejectionOf(record: QuarantineDoc, formatTime: (iso: string) => string): Rejection {
  const type = typeOfId(record.docId);
  return {
    id: record.id,
    kind: record.kind === 'invalidPull' ? 'invalidPull' : 'rejectedPush',
    docId: record.docId,
    typeLabel: t(`syncUi:types.${type && isDocType(type) ? type : 'unknown'}`),
    reason: reasonOf(record),
    rawReason: record.reason,
    fields: keyFieldsOf(record.docId, record.doc as Record<string, unknown> | undefined, formatTime),
    at: record.at,
  };
}
