/**
 * A refused write's reason as a clerk reads it. The server's reason comes from the shared write
 * rules (core/rules), whose messages are the same Chinese sentences on the server and in the
 * app; the quarantine keeps them wrapped as "服务器拒收了这条记录：forbidden: <message>", so the
 * wrapping is taken off here. Shown in the sync screen's list and on the refused order's page.
 */
import { t } from '../../core/i18n';
import type { QuarantineDoc } from '../../core/schema';

/** CouchDB's error names in front of a validate_doc_update message. */
const COUCH_ERROR = /^(forbidden|unauthorized|bad_request|conflict|invalid)\s*:\s*/i;

/** The reason as one sentence: the rule's Chinese message when the server gave one. */
export function reasonOf(record: Pick<QuarantineDoc, 'kind' | 'reason'>): string {
  const template = t(record.kind === 'invalidPull' ? 'sync:rejected.invalid' : 'sync:rejected.pushed', { reason: '\u0000' });
  const prefix = template.split('\u0000')[0] ?? '';
  let reason = prefix && record.reason.startsWith(prefix) ? record.reason.slice(prefix.length) : record.reason;
  reason = reason.replace(COUCH_ERROR, '').trim();
  return reason || record.reason;
}
