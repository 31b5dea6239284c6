/**
 * The app's side of the write rules: pre-check a write before it is queued, and explain a
 * refusal in Chinese. The same core (./core) runs on the server as validate_doc_update, built
 * by district/designDoc.ts from `ruleSpec()`, so the server's refusal text equals `message`.
 */
import { toCouchDoc } from '../couchDoc';
import { t, zhCN } from '../i18n';
import { COLLECTIONS, COLLECTION_OF_TYPE, DOC_TYPES } from '../schema';
import { DOC_LIMITS, ID_KEY_PATTERN } from '../limits';
import { evaluateWrite, UNIT_ROLE, type RuleDoc, type RuleReason, type RuleSecObj, type RuleSpec, type RuleUserCtx } from './writeRules';

export { DISTRICT_ADMIN_ROLE, UNIT_ROLE, evaluateWrite, formatVerdict, isDistrictAdmin, unitsOfUser } from './writeRules';
export type { RuleDoc, RuleReason, RuleSecObj, RuleSpec, RuleUserCtx, RuleVerdict } from './writeRules';

export type WriteCheck = { ok: true } | { ok: false; reason: RuleReason; params: Record<string, string>; message: string };

/** What the rules need from the schemas and the catalogue, as plain JSON (embedded server-side). */
export function ruleSpec(): RuleSpec {
  const required: Record<string, string[]> = {};
  for (const type of DOC_TYPES) {
    const schema = COLLECTIONS[COLLECTION_OF_TYPE[type]].schema as { required?: readonly string[] };
    // `id` is the CouchDB `_id`, checked by the id rules; the rest must be present.
    required[type] = (schema.required ?? []).filter((field) => field !== 'id');
  }
  return { required, messages: { ...zhCN.rules }, limits: { ...DOC_LIMITS }, idKeyPattern: ID_KEY_PATTERN };
}

let cachedSpec: RuleSpec | null = null;

/** The role naming a unit (`station:<12>`, `town:<9>`, `district:<6>`), which the rules read. */
export function roleOfUnit(code: string): string {
  if (code.length === 6) return `district:${code}`;
  return code.length === 9 ? `town:${code}` : `station:${code}`;
}

/** Every role a unit's account holds, derived from the unit alone (district/unitUsers.ts). */
export function rolesOfUnit(code: string): string[] {
  return [roleOfUnit(code), UNIT_ROLE];
}

type AnyDocForm = RuleDoc | ({ id: string } & Record<string, unknown>);

function couchForm(doc: AnyDocForm): RuleDoc {
  if (typeof (doc as RuleDoc)._id === 'string') return doc as RuleDoc;
  const appDoc = doc as { id: string } & Record<string, unknown>;
  const couch = toCouchDoc(appDoc) as RuleDoc;
  if (appDoc._deleted === true) couch._deleted = true;
  return couch;
}

/**
 * Would the server accept this write? `newDoc` and `oldDoc` may be in app form (`id`) or
 * CouchDB form (`_id`); `oldDoc` is the stored version (null for a create).
 */
export function checkWrite(newDoc: AnyDocForm, oldDoc: AnyDocForm | null, userCtx: RuleUserCtx, secObj?: RuleSecObj): WriteCheck {
  cachedSpec ??= ruleSpec();
  // The app writes as an ordinary update of the stored doc (the push sends its `_rev`), so the
  // pre-check sees what the server will: the stored revision as the new doc's parent.
  const old = oldDoc ? { ...couchForm(oldDoc), _rev: '1-stored' } : null;
  const next = old ? { ...couchForm(newDoc), _rev: old._rev } : { ...couchForm(newDoc), _rev: undefined };
  const found = evaluateWrite(next, old, userCtx, cachedSpec, undefined, secObj);
  if (!found) return { ok: true };
  return { ok: false, reason: found.reason, params: found.params, message: t(`rules:${found.reason}`, found.params) };
}
