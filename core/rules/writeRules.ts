/**
 * The write rules of every synced document: one source for CouchDB's validate_doc_update and
 * for the app's pre-check (core/rules/index.ts).
 *
 * This file is compiled to plain ES5 and pasted into the design doc (district/designDoc.ts),
 * where it runs on QuickJS, SpiderMonkey or pouchdb-server's Node vm. So it is written in a
 * restricted subset: no imports, no classes, no spread, no for-of, and only ES5 library calls
 * (no Array#includes, String#startsWith, Object.assign …). A test type-checks it against the
 * ES5 library alone and parses the emitted source with an ES5-only parser.
 *
 * What the rules need from elsewhere (the known types and their required fields from the
 * schemas, the message templates from the catalogue) arrives as a `RuleSpec` argument: the app
 * builds it at runtime, the design doc embeds it as JSON.
 */

/** Why a write was refused; each has a message `rules:<reason>` in the catalogue. */
export type RuleReason =
  | 'noUnit'
  | 'deleteForbidden'
  | 'badId'
  | 'unknownType'
  | 'idTypeMismatch'
  | 'missingField'
  | 'badScope'
  | 'scopeChanged'
  | 'outOfScope'
  | 'districtOnly'
  | 'ownerOnly'
  | 'notHolder'
  | 'holderOutOfScope'
  | 'createOnly'
  | 'notOwnStation';

export interface RuleVerdict {
  reason: RuleReason;
  params: { [name: string]: string };
}

/** CouchDB's user context, as validate_doc_update receives it. */
export interface RuleUserCtx {
  name: string | null;
  roles: string[];
}

/** A document in its CouchDB form (`_id`, `_deleted`); fields are read defensively. */
export interface RuleDoc {
  _id?: unknown;
  _deleted?: unknown;
  [field: string]: unknown;
}

export interface RuleSpec {
  /** Known document type → the fields a doc of that type must carry. */
  required: { [type: string]: string[] };
  /** Message templates by reason, `{{param}}` placeholders (the `rules` catalogue namespace). */
  messages: { [reason: string]: string };
}

/** Holders of this role (and server admins) are the district admin: they may delete and repair. */
export const DISTRICT_ADMIN_ROLE = 'gridlink-admin';

const DISTRICT_ONLY_TYPES = ['grid', 'catalogItem', 'department'];
const OWNER_TOWN_TYPES = ['staff', 'component'];
const CREATE_ONLY_TYPES = ['ticketEvent', 'caseEvent', 'photo'];

/** Cross-realm safe: docs may come from another JS context than the function's (Node vm). */
function isArray(value: unknown): value is unknown[] {
  return Object.prototype.toString.call(value) === '[object Array]';
}

function has(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function contains(list: unknown[], value: unknown): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

function verdict(reason: RuleReason, params?: { [name: string]: string }): RuleVerdict {
  return { reason: reason, params: params || {} };
}

/**
 * A unit code: the district (6 digits), a town (9) or a village station (12). Defined here, where
 * it must stand alone (no imports), and used everywhere through core/org.ts.
 */
export function isUnitCode(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9]{6}([0-9]{3}){0,2}$/.test(value);
}

/** The unit codes a user writes as: `station:<12>`, `town:<9>`, `district:<6>` roles. */
export function unitsOfUser(userCtx: RuleUserCtx): string[] {
  const units: string[] = [];
  const roles = userCtx && userCtx.roles ? userCtx.roles : [];
  for (let i = 0; i < roles.length; i++) {
    const match = /^(station|town|district):([0-9]+)$/.exec(roles[i]);
    if (match && isUnitCode(match[2])) units.push(match[2]);
  }
  return units;
}

export function isDistrictAdmin(userCtx: RuleUserCtx): boolean {
  const roles = userCtx && userCtx.roles ? userCtx.roles : [];
  return contains(roles, '_admin') || contains(roles, DISTRICT_ADMIN_ROLE);
}

/** A scope is the chain of unit codes from the district down to the owner: 6, 9, 12 digits. */
function scopeIsChain(scope: unknown): boolean {
  if (!isArray(scope) || scope.length < 1 || scope.length > 3) return false;
  for (let i = 0; i < scope.length; i++) {
    const code = scope[i];
    if (typeof code !== 'string' || !/^[0-9]+$/.test(code) || code.length !== 6 + 3 * i) return false;
    if (i > 0 && code.slice(0, code.length - 3) !== scope[i - 1]) return false;
  }
  return true;
}

function firstShared(list: unknown[], units: string[]): string | null {
  for (let i = 0; i < units.length; i++) if (contains(list, units[i])) return units[i];
  return null;
}

function sameScope(a: unknown, b: unknown): boolean {
  if (!isArray(a) || !isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inTown(ownerCode: unknown, town: string): boolean {
  return typeof ownerCode === 'string' && ownerCode.length >= 9 && ownerCode.slice(0, 9) === town;
}

function isDistrictUnit(code: string): boolean {
  return code.length === 6;
}

function typeRule(type: string, doc: RuleDoc, old: RuleDoc | null, units: string[]): RuleVerdict | null {
  const unitList = units.join('、');
  if (contains(DISTRICT_ONLY_TYPES, type)) {
    for (let i = 0; i < units.length; i++) if (isDistrictUnit(units[i])) return null;
    return verdict('districtOnly', { type: type, unit: unitList });
  }
  if (contains(OWNER_TOWN_TYPES, type)) {
    // The owning town is the owner unit's town: a village's components are its town's to keep.
    for (let j = 0; j < units.length; j++) {
      if (isDistrictUnit(units[j])) return null;
      if (units[j].length === 9 && inTown(doc.ownerCode, units[j]) && (!old || inTown(old.ownerCode, units[j]))) return null;
    }
    return verdict('ownerOnly', { type: type, owner: String(doc.ownerCode), unit: unitList });
  }
  if (type === 'mediationCase') {
    const caseOwner = old ? old.ownerCode : doc.ownerCode;
    if (contains(units, caseOwner) && contains(units, doc.ownerCode)) return null;
    return verdict('ownerOnly', { type: type, owner: String(caseOwner), unit: unitList });
  }
  if (type === 'ticket') {
    // The holder before this write decides: an escalation is written by the old holder and
    // hands the ticket on; from then on only the new holder's writes pass.
    const holder = old ? old.holderCode : doc.holderCode;
    const holderIsUnit = isUnitCode(holder);
    let mayWrite = false;
    for (let k = 0; k < units.length; k++) {
      if (units[k] === holder || (!holderIsUnit && isDistrictUnit(units[k]))) mayWrite = true;
    }
    if (!mayWrite) return verdict('notHolder', { holder: String(holder), unit: unitList });
    if (isUnitCode(doc.holderCode) && !contains(doc.scope as unknown[], doc.holderCode)) {
      return verdict('holderOutOfScope', { holder: String(doc.holderCode) });
    }
    return null;
  }
  if (contains(CREATE_ONLY_TYPES, type)) {
    if (old) return verdict('createOnly', { type: type, id: String(doc._id) });
    return null;
  }
  if (type === 'stationStatus') {
    if (contains(units, doc.stationCode)) return null;
    return verdict('notOwnStation', { station: String(doc.stationCode), unit: unitList });
  }
  return null;
}

/**
 * The reason a write must be refused, or null when it may pass. `oldDoc` is the stored doc
 * (null or a tombstone for a create). Server admins and the district admin pass everything:
 * the replicator writes as admin, and the rules are about what stations and towns may do.
 */
export function evaluateWrite(newDoc: RuleDoc, oldDoc: RuleDoc | null, userCtx: RuleUserCtx, spec: RuleSpec): RuleVerdict | null {
  if (isDistrictAdmin(userCtx)) return null;
  const id = typeof newDoc._id === 'string' ? newDoc._id : '';
  if (newDoc._deleted === true) return verdict('deleteForbidden', { id: id });
  const units = unitsOfUser(userCtx);
  if (units.length === 0) return verdict('noUnit', { user: String(userCtx ? userCtx.name : '') });
  if (id.indexOf(':') < 1) return verdict('badId', { id: id });
  const old = oldDoc && oldDoc._deleted !== true ? oldDoc : null;
  const type = newDoc.type;
  const required = typeof type === 'string' && has(spec.required, type) ? spec.required[type] : null;
  if (typeof type !== 'string' || !required) return verdict('unknownType', { type: String(type) });
  if (id.slice(0, id.indexOf(':')) !== type) return verdict('idTypeMismatch', { id: id, type: type });
  for (let i = 0; i < required.length; i++) {
    const value = newDoc[required[i]];
    if (value === undefined || value === null) return verdict('missingField', { type: type, field: required[i] });
  }
  if (!scopeIsChain(newDoc.scope)) return verdict('badScope', { scope: String(newDoc.scope) });
  if (old && !sameScope(old.scope, newDoc.scope)) return verdict('scopeChanged', { from: String(old.scope), to: String(newDoc.scope) });
  const scope = newDoc.scope as string[];
  const typeVerdict = typeRule(type, newDoc, old, units);
  if (typeVerdict) return typeVerdict;
  if (!firstShared(scope, units)) return verdict('outOfScope', { scope: scope.join('/'), unit: units.join('、') });
  return null;
}

/** `{{name}}` placeholders filled from params: the same text i18next produces from the catalogue. */
export function formatVerdict(found: RuleVerdict, spec: RuleSpec): string {
  const template = has(spec.messages, found.reason) ? spec.messages[found.reason] : found.reason;
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, function (_whole: string, name: string) {
    return has(found.params, name) ? found.params[name] : '';
  });
}
