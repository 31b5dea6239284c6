/**
 * The district server's error reasons in the clerk's language. CouchDB answers in English
 * ("Name or password is incorrect.", "You are not allowed to access this db."); those words
 * stay in the logs for IT, and every place that shows a server's reason to a person passes it
 * through here. A reason already in Chinese (the shared write rules' messages) is kept.
 */
import { t } from './i18n';

const KNOWN: [RegExp, string][] = [
  [/name or password is incorrect|unauthori[sz]ed|bad (user ?name|password)/i, 'wrongPassword'],
  [/(not authori[sz]ed|not allowed) to access|access this (db|database)|forbidden/i, 'noAccess'],
  [/session.*expired|cookie/i, 'sessionExpired'],
  [/database does not exist|no_db_file|not_found|missing/i, 'noDatabase'],
  [/too large|exceeds|request_entity_too_large|\b413\b/i, 'tooLarge'],
  [/update conflict|\bconflict\b|\b409\b/i, 'conflict'],
  [/time(d)? ?out|\b408\b|\b504\b/i, 'timeout'],
  [/unavailable|\b503\b|\b502\b/i, 'unavailable'],
  [/internal|\b500\b|unknown_error/i, 'internal'],
  [/failed to fetch|network|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|socket/i, 'unreachable'],
];

const CHINESE = /[\u4e00-\u9fff]/;

export function serverReasonText(reason: string | null | undefined): string {
  const text = (reason ?? '').trim();
  if (CHINESE.test(text)) return text;
  // The password check comes before "unauthorized to access": CouchDB says both with 401.
  const access = /(not authori[sz]ed|not allowed) to access|access this (db|database)/i.test(text);
  const key = access ? 'noAccess' : (KNOWN.find(([pattern]) => pattern.test(text))?.[1] ?? 'other');
  return t(`sync:serverReasons.${key}`);
}
