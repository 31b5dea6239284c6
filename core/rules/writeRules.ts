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
  | 'forgedHistory'
  | 'badId'
  | 'unknownType'
  | 'idTypeMismatch'
  | 'missingField'
  | 'tooLarge'
  | 'tooDeep'
  | 'textTooLong'
  | 'attachmentTooLarge'
  | 'badScope'
  | 'scopeChanged'
  | 'outOfScope'
  | 'districtOnly'
  | 'ownerOnly'
  | 'ownerNotWriter'
  | 'ownerChanged'
  | 'notHolder'
  | 'holderOutOfScope'
  | 'reopened'
  | 'badHandover'
  | 'onTimeMismatch'
  | 'createOnly'
  | 'notWriterUnit'
  | 'notWriterName'
  | 'clockAhead'
  | 'reportByOther'
  | 'notSuperior'
  | 'notOwnStation'
  | 'statusIdMismatch'
  | 'caseNotHolder'
  | 'badTakeover'
  | 'badAuditAction'
  | 'personMissing'
  | 'personNotPerson'
  | 'personOtherUnit'
  | 'personNotMember';

export interface RuleVerdict {
  reason: RuleReason;
  params: { [name: string]: string };
}

/** CouchDB's user context, as validate_doc_update receives it. */
export interface RuleUserCtx {
  name: string | null;
  roles: string[];
}

/**
 * The database's `_security`, as validate_doc_update receives it (its 4th argument): the names
 * among its members are the personal accounts enrolled at the unit (district/people.ts).
 * Both Apache CouchDB and pouchdb-server (express-pouchdb's `req.couchSecurityObj`) pass it.
 */
export interface RuleSecObj {
  members?: { names?: unknown; roles?: unknown };
  [field: string]: unknown;
}

/** A document in its CouchDB form (`_id`, `_deleted`); fields are read defensively. */
export interface RuleDoc {
  _id?: unknown;
  _rev?: unknown;
  _deleted?: unknown;
  [field: string]: unknown;
}

/** Sizes a station's write must keep to (core/limits.ts). */
export interface RuleLimits {
  maxDocChars: number;
  maxDepth: number;
  maxStringChars: number;
  maxIdChars: number;
  maxAttachmentBytes: number;
  clockSkewMs: number;
}

export interface RuleSpec {
  /** Known document type → the fields a doc of that type must carry. */
  required: { [type: string]: string[] };
  /** Message templates by reason, `{{param}}` placeholders (the `rules` catalogue namespace). */
  messages: { [reason: string]: string };
  limits: RuleLimits;
  /** The pattern of an id's key (after `<type>:`), as RegExp source. */
  idKeyPattern: string;
}

/** Holders of this role (and server admins) are the district admin: they may delete and repair. */
export const DISTRICT_ADMIN_ROLE = 'gridlink-admin';
/** Every unit's account has it: what all units may read (the update feed). */
export const UNIT_ROLE = 'gridlink-unit';

const DISTRICT_ONLY_TYPES = ['grid', 'catalogItem', 'department', 'setting'];
const OWNER_TOWN_TYPES = ['staff', 'component'];
const CREATE_ONLY_TYPES = ['ticketEvent', 'caseEvent', 'auditEvent', 'audit', 'photo'];
const EVENT_TYPES = ['ticketEvent', 'caseEvent', 'auditEvent', 'audit'];
/** What an audit record may record (core/audit.ts names them for the app). */
export const AUDIT_ACTIONS = ['signIn', 'signOut', 'signInFailed', 'lock', 'unlock', 'export', 'print', 'reveal'];
/** Steps of an order or a case: each names the person who took it (`person`). */
const STEP_TYPES = ['ticketEvent', 'caseEvent'];
/** A personal account's name (core/people.ts): `person-<unit>-<suffix>`. */
const PERSON_NAME = /^person-([0-9]{6}(?:[0-9]{3}){0,2})-([a-z0-9]{1,40})$/;
/** Docs a unit creates for itself: the creator must be the owner. */
const OWNED_TYPES = ['ticket', 'mediationCase'];
/** States a ticket cannot leave once in them: a closed or voided order is never reopened by a write. */
const FINAL_STATES = ['closed', 'voided'];
/** States a step that hands an order to another unit leaves it in (escalate, return, dispatch, feedback, rework). */
const HANDOVER_STATES = ['pendingFiling', 'pendingDispatch', 'handling', 'pendingVerification'];
/** States an order recorded and escalated before its first upload can be created in. */
const ESCALATED_CREATE_STATES = ['pendingFiling', 'pendingDispatch'];

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

/** The unit one level up (village → town → district), or null. */
function upperOf(code: unknown): string | null {
  return isUnitCode(code) && (code as string).length > 6 ? (code as string).slice(0, (code as string).length - 3) : null;
}

function ownerOfScope(scope: string[]): string {
  return scope[scope.length - 1];
}

export interface LimitBreach {
  reason: 'tooLarge' | 'tooDeep' | 'textTooLong';
  detail: string;
}

/**
 * Why a value goes beyond the limits, or null: too deep, a string too long (with its path), or
 * too large as JSON. Iterative, so a 2,500-deep document cannot overflow the stack measuring it.
 * Attachments are measured apart (their bytes are not the doc). Every doc of every feed page
 * goes through here: two plain stacks and no path until a limit is broken (building each node's
 * path cost a twentieth of an initial sync, measured in bench:sync).
 */
export function beyondLimits(value: unknown, limits: RuleLimits): LimitBreach | null {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let chars = 0;
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() as number;
    if (typeof current === 'string') {
      if (current.length > limits.maxStringChars) return { reason: 'textTooLong', detail: pathTo(value, current) };
      chars += current.length + 2;
    } else if (current !== null && typeof current === 'object') {
      if (depth >= limits.maxDepth) return { reason: 'tooDeep', detail: pathTo(value, current) };
      const object = current as { [key: string]: unknown };
      for (const key in object) {
        if (!has(object, key) || (depth === 0 && key === '_attachments')) continue;
        chars += key.length + 4;
        values.push(object[key]);
        depths.push(depth + 1);
      }
    } else {
      chars += 8;
    }
    if (chars > limits.maxDocChars) return { reason: 'tooLarge', detail: String(limits.maxDocChars) };
  }
  return null;
}

/** The path of `target` inside `root` (for a breach's message; iterative, like the measuring). */
function pathTo(root: unknown, target: unknown): string {
  const values: unknown[] = [root];
  const paths: string[] = [''];
  while (values.length > 0) {
    const current = values.pop();
    const path = paths.pop() as string;
    if (current === target) return path || '/';
    if (current !== null && typeof current === 'object') {
      const object = current as { [key: string]: unknown };
      for (const key in object) {
        if (!has(object, key)) continue;
        values.push(object[key]);
        paths.push(path + '/' + key);
      }
    }
  }
  return '/';
}

/** Bytes of each attachment: a stub's `length` (CouchDB), or its inline base64 (pouchdb-server). */
function largestAttachment(doc: RuleDoc): number {
  const attachments = doc._attachments;
  if (!attachments || typeof attachments !== 'object') return 0;
  let largest = 0;
  const all = attachments as { [name: string]: { length?: unknown; data?: unknown } };
  for (const name in all) {
    if (!has(all, name) || !all[name]) continue;
    const entry = all[name];
    const bytes = typeof entry.length === 'number' ? entry.length : typeof entry.data === 'string' ? Math.floor((entry.data.length * 3) / 4) : 0;
    if (bytes > largest) largest = bytes;
  }
  return largest;
}

/**
 * A non-admin write must descend from the stored revision. An ordinary write carries no `_rev`
 * on a create and the stored `_rev` (its parent) on an update; a `new_edits=false` write carries
 * the new revision itself, whose history CouchDB may not have: then validate_doc_update sees
 * `oldDoc = null` or an older ancestor, and the forged history would win (measured on CouchDB
 * 3.5.0). Only the replicator, which writes as admin, brings foreign histories.
 */
function forgesHistory(newDoc: RuleDoc, oldDoc: RuleDoc | null): boolean {
  if (newDoc._rev === undefined || newDoc._rev === null) return !!oldDoc && oldDoc._deleted !== true;
  return !oldDoc || oldDoc._rev !== newDoc._rev;
}

function ownedRule(type: string, doc: RuleDoc, old: RuleDoc | null, units: string[], unitList: string): RuleVerdict | null {
  if (!old) {
    // A unit creates only its own: the owner is the writer, and the scope ends at the owner.
    if (!contains(units, doc.ownerCode)) return verdict('ownerNotWriter', { type: type, owner: String(doc.ownerCode), unit: unitList });
    if (ownerOfScope(doc.scope as string[]) !== doc.ownerCode) return verdict('badScope', { scope: String(doc.scope) });
    return null;
  }
  if (old.ownerCode !== doc.ownerCode) return verdict('ownerChanged', { type: type, from: String(old.ownerCode), to: String(doc.ownerCode) });
  return null;
}

/**
 * A ticket is written by the unit that held it before the write (for a create: its owner, with
 * the order held by itself or, escalated before its first upload, by the unit above). A write
 * that hands the order to another unit leaves it in a state a handover step produces; a closed
 * or voided order stays so; a closed order's `onTime` is what its deadline says.
 */
function ticketRule(doc: RuleDoc, old: RuleDoc | null, units: string[], unitList: string): RuleVerdict | null {
  const holder = old ? old.holderCode : doc.ownerCode;
  const holderIsUnit = isUnitCode(holder);
  let mayWrite = false;
  for (let k = 0; k < units.length; k++) {
    if (units[k] === holder || (!holderIsUnit && isDistrictUnit(units[k]))) mayWrite = true;
  }
  if (!mayWrite) return verdict('notHolder', { holder: String(holder), unit: unitList });
  const next = doc.holderCode;
  if (isUnitCode(next) && !contains(doc.scope as unknown[], next)) return verdict('holderOutOfScope', { holder: String(next) });
  // A department code as holder: with that department through the district center.
  if (!isUnitCode(next)) {
    let district = false;
    for (let d = 0; d < units.length; d++) if (isDistrictUnit(units[d])) district = true;
    if (!district) return verdict('holderOutOfScope', { holder: String(next) });
  }
  if (!old) {
    if (next !== doc.ownerCode && !(next === upperOf(doc.ownerCode) && contains(ESCALATED_CREATE_STATES, doc.state))) {
      return verdict('badHandover', { holder: String(next), state: String(doc.state) });
    }
  } else {
    if (contains(FINAL_STATES, old.state) && (doc.state !== old.state || next !== old.holderCode)) {
      return verdict('reopened', { state: String(old.state) });
    }
    if (next !== old.holderCode && !contains(HANDOVER_STATES, doc.state)) {
      return verdict('badHandover', { holder: String(next), state: String(doc.state) });
    }
  }
  if (doc.state === 'closed' && typeof doc.deadline === 'string' && doc.deadline !== '' && typeof doc.closedAt === 'string') {
    const onTime = Date.parse(doc.closedAt) <= Date.parse(doc.deadline);
    if (doc.onTime !== onTime) return verdict('onTimeMismatch', { onTime: String(doc.onTime) });
  }
  return null;
}

/** A case's holder: `holderCode`, or its owner when none is set. */
function caseHolder(doc: RuleDoc): unknown {
  return doc.holderCode === undefined || doc.holderCode === null ? doc.ownerCode : doc.holderCode;
}

function sameTakeover(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return (a === undefined || a === null) === (b === undefined || b === null);
  const x = a as RuleDoc;
  const y = b as RuleDoc;
  return x.at === y.at && x.byUnit === y.byUnit && x.by === y.by;
}

/**
 * A mediation case is written by its holder (its owner station, or the town that took it
 * over), and the holder may not hand it on or record a takeover itself. The one write by another
 * unit is the takeover: the town a case was escalated to, on a case in state `escalated` not yet
 * taken over, making itself the holder and recording itself as the one that took it over.
 */
function caseRule(doc: RuleDoc, old: RuleDoc | null, units: string[], unitList: string): RuleVerdict | null {
  if (!old) {
    if (caseHolder(doc) !== doc.ownerCode || (doc.takeover !== undefined && doc.takeover !== null)) return verdict('badTakeover', { unit: unitList });
    return null;
  }
  const holder = caseHolder(old);
  if (contains(units, holder)) {
    if (caseHolder(doc) !== holder || !sameTakeover(old.takeover, doc.takeover)) return verdict('badTakeover', { unit: unitList });
    return null;
  }
  const escalation = old.escalation as RuleDoc | undefined;
  const target = escalation && typeof escalation === 'object' ? escalation.toCode : undefined;
  const takeover = doc.takeover as RuleDoc | undefined;
  const takingOver = old.state === 'escalated' && (old.takeover === undefined || old.takeover === null) && contains(units, target) && caseHolder(doc) === target && !!takeover && typeof takeover === 'object' && takeover.byUnit === target;
  if (takingOver) return null;
  if (holder === old.ownerCode) return verdict('ownerOnly', { type: 'mediationCase', owner: String(old.ownerCode), unit: unitList });
  return verdict('caseNotHolder', { holder: String(holder), unit: unitList });
}

/**
 * Events record who did what: the unit and the account are the writer's, the time is not ahead
 * of the server's clock. A report comes from the order's owner; 督办 from a unit above it. Which
 * steps a unit may take depends on the order's state, which one document cannot show: the
 * projection refuses (and shows) an event the state machine does not allow.
 */
function eventRule(type: string, doc: RuleDoc, userCtx: RuleUserCtx, units: string[], unitList: string, spec: RuleSpec, now: number, secObj: RuleSecObj | null): RuleVerdict | null {
  if (!contains(units, doc.byUnit)) return verdict('notWriterUnit', { byUnit: String(doc.byUnit), unit: unitList });
  if (doc.by !== userCtx.name) return verdict('notWriterName', { by: String(doc.by), user: String(userCtx.name) });
  // A step always names its person once the unit has people; an audit record names one when
  // someone was signed in (a failed sign-in names nobody), and then by the same rule.
  if (contains(STEP_TYPES, type) || (type === 'audit' && doc.person !== undefined && doc.person !== null)) {
    const person = personRule(doc, secObj);
    if (person) return person;
  }
  const at = typeof doc.at === 'string' ? Date.parse(doc.at) : NaN;
  if (!(at <= now + spec.limits.clockSkewMs)) return verdict('clockAhead', { at: String(doc.at), minutes: String(Math.round(spec.limits.clockSkewMs / 60000)) });
  if (type === 'ticketEvent') {
    const owner = ownerOfScope(doc.scope as string[]);
    if (doc.action === 'report' && doc.byUnit !== owner) return verdict('reportByOther', { owner: owner, unit: String(doc.byUnit) });
    if (doc.action === 'supervise' && (doc.byUnit === owner || !contains(doc.scope as unknown[], doc.byUnit))) return verdict('notSuperior', { unit: String(doc.byUnit) });
  }
  if (type === 'audit') {
    if (!contains(AUDIT_ACTIONS, doc.action)) return verdict('badAuditAction', { action: String(doc.action) });
    // An audit record is its writer's own: scoped at the writing unit, it goes up and never
    // down to a unit below (a town's record would otherwise reach its villages).
    if (ownerOfScope(doc.scope as string[]) !== doc.byUnit) return verdict('badScope', { scope: String(doc.scope) });
  }
  return null;
}

/** Personal accounts among the members of the database; null when the engine gave no `_security`. */
function enrolledPeople(secObj: RuleSecObj | null): string[] | null {
  if (!secObj || typeof secObj !== 'object' || !secObj.members || typeof secObj.members !== 'object') return null;
  const names = secObj.members.names;
  const people: string[] = [];
  if (!isArray(names)) return people;
  for (let i = 0; i < names.length; i++) {
    if (typeof names[i] === 'string' && PERSON_NAME.test(names[i] as string)) people.push(names[i] as string);
  }
  return people;
}

/**
 * The person on a step: (a) a personal account, never a station's or town's login; (b) one of
 * the writing unit (`byUnit`); (c) enrolled among the database's members. A step without a
 * person is refused once the unit has anyone enrolled (its people sign their steps from then on);
 * before, it passes, as the steps of before passed (history stays valid: stored events are never
 * validated again). Without a `_security` (an engine that passes none) (c) cannot be checked and
 * (a) and (b) still are.
 */
function personRule(doc: RuleDoc, secObj: RuleSecObj | null): RuleVerdict | null {
  const person = doc.person;
  const enrolled = enrolledPeople(secObj);
  if (person === undefined || person === null) {
    if (enrolled && enrolled.length > 0) return verdict('personMissing', { unit: String(doc.byUnit) });
    return null;
  }
  const match = typeof person === 'string' ? PERSON_NAME.exec(person) : null;
  if (!match) return verdict('personNotPerson', { person: String(person) });
  if (match[1] !== doc.byUnit) return verdict('personOtherUnit', { person: String(person), unit: String(doc.byUnit) });
  if (enrolled && !contains(enrolled, person)) return verdict('personNotMember', { person: String(person), unit: String(doc.byUnit) });
  return null;
}

function typeRule(type: string, doc: RuleDoc, old: RuleDoc | null, userCtx: RuleUserCtx, units: string[], spec: RuleSpec, now: number, secObj: RuleSecObj | null): RuleVerdict | null {
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
  if (contains(OWNED_TYPES, type)) {
    const owned = ownedRule(type, doc, old, units, unitList);
    if (owned) return owned;
  }
  if (type === 'mediationCase') return caseRule(doc, old, units, unitList);
  if (type === 'ticket') return ticketRule(doc, old, units, unitList);
  if (contains(CREATE_ONLY_TYPES, type)) {
    if (old) return verdict('createOnly', { type: type, id: String(doc._id) });
    if (contains(EVENT_TYPES, type)) return eventRule(type, doc, userCtx, units, unitList, spec, now, secObj);
    return null;
  }
  if (type === 'stationStatus') {
    if (!contains(units, doc.stationCode)) return verdict('notOwnStation', { station: String(doc.stationCode), unit: unitList });
    // The id names the unit too (`stationStatus:<unit>[.<workstation>]`): a unit must not
    // write a report filed under another unit's id, whatever its stationCode field says.
    const id = String(doc._id);
    const own = 'stationStatus:' + String(doc.stationCode);
    if (id !== own && id.indexOf(own + '.') !== 0) return verdict('statusIdMismatch', { id: id, station: String(doc.stationCode) });
    return null;
  }
  return null;
}

/** Id, size, depth, text and attachment limits: checked before anything is read from the doc. */
function shapeRule(newDoc: RuleDoc, spec: RuleSpec): RuleVerdict | null {
  const id = typeof newDoc._id === 'string' ? newDoc._id : '';
  const colon = id.indexOf(':');
  if (colon < 1 || id.length > spec.limits.maxIdChars || !new RegExp(spec.idKeyPattern).test(id.slice(colon + 1))) {
    return verdict('badId', { id: id.length > 80 ? id.slice(0, 80) + '…' : id, max: String(spec.limits.maxIdChars) });
  }
  const breach = beyondLimits(newDoc, spec.limits);
  if (breach) return verdict(breach.reason, { id: id, detail: breach.detail, max: breach.reason === 'tooDeep' ? String(spec.limits.maxDepth) : breach.reason === 'textTooLong' ? String(spec.limits.maxStringChars) : String(spec.limits.maxDocChars) });
  const bytes = largestAttachment(newDoc);
  if (bytes > spec.limits.maxAttachmentBytes) return verdict('attachmentTooLarge', { id: id, max: String(Math.round(spec.limits.maxAttachmentBytes / 1048576)) });
  return null;
}

/**
 * The reason a write must be refused, or null when it may pass. `oldDoc` is the stored doc
 * (null or a tombstone for a create); `now` the server's clock (ms). Server admins and the
 * district admin pass everything: the replicator writes as admin, and the rules are about what
 * stations and towns may do. `secObj`: the database's `_security` (the server's 4th argument;
 * the app's pre-check has none).
 */
export function evaluateWrite(newDoc: RuleDoc, oldDoc: RuleDoc | null, userCtx: RuleUserCtx, spec: RuleSpec, now?: number | null, secObj?: RuleSecObj | null): RuleVerdict | null {
  if (isDistrictAdmin(userCtx)) return null;
  const id = typeof newDoc._id === 'string' ? newDoc._id : '';
  if (newDoc._deleted === true) return verdict('deleteForbidden', { id: id });
  const units = unitsOfUser(userCtx);
  if (units.length === 0) return verdict('noUnit', { user: String(userCtx ? userCtx.name : '') });
  if (forgesHistory(newDoc, oldDoc)) return verdict('forgedHistory', { id: id });
  const shape = shapeRule(newDoc, spec);
  if (shape) return shape;
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
  const typeVerdict = typeRule(type, newDoc, old, userCtx, units, spec, now === undefined || now === null ? new Date().getTime() : now, secObj || null);
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
