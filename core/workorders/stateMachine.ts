/**
 * The closed loop of a work order (工单), defined once.
 *
 * Each action is an immutable ticketEvent. This table says, per action, from which states it
 * may happen, which unit may take it, what its payload must hold and what it changes. The
 * ticket doc is what folding its events through this table produces (./projection), so every
 * station derives the same order from the same events, and an event the table refuses (an
 * offline write that lost a race, a unit that was no longer the holder) is shown but has no
 * effect.
 *
 * Units, not people, hold an order: a village station, a town sub-center or the district. A
 * department code as holder means "with that department through the district center" (the
 * district writes for it), the same reading as the server's write rules (core/rules/writeRules.ts).
 */
import { t } from '../i18n';
import type { TicketDoc, TicketState } from '../schema';
import { isUnitCode, levelOfUnit, upperUnitOf } from '../org';
import { closedOnTime, isOverdue } from './orderClock';

export { upperUnitOf };

export { OPEN_STATES, isOverdue } from './orderClock';

/** Every step of the loop, in the order a clerk meets them. */
export const WORKORDER_ACTIONS = [
  'report', // 信息采集 / 登记
  'selfHandle', // 自处置
  'file', // 立案
  'void', // 作废
  'escalate', // 上报
  'return', // 退回
  'dispatch', // 派遣
  'joint', // 联办
  'handle', // 处置
  'requestExtension', // 延期申请
  'extend', // 延期（批准）
  'rejectExtension', // 延期驳回
  'feedback', // 反馈
  'verify', // 核查（通过 / 不通过 → 返工）
  'close', // 结案
  'evaluate', // 评价
  'supervise', // 督办
  'longStanding', // 挂账
  'resume', // 恢复处置（挂账后）
] as const;
export type WorkorderAction = (typeof WORKORDER_ACTIONS)[number];

/** Older spellings some records use for the same steps, with the payload they imply. */
export const ACTION_ALIASES: Readonly<Record<string, { action: WorkorderAction; payload?: Record<string, unknown> }>> = {
  register: { action: 'longStanding' },
  verifyPass: { action: 'verify', payload: { passed: true } },
  verifyFail: { action: 'verify', payload: { passed: false } },
  approveExtension: { action: 'extend' },
};

export const SATISFACTION = ['satisfied', 'basicallySatisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
export const MAX_PHOTOS_PER_ACTION = 9;

/** Why an action is refused; each has a message `workorders:refusal.<reason>`. */
export type RefusalReason =
  | 'unknownAction'
  | 'notCreated'
  | 'alreadyCreated'
  | 'wrongState'
  | 'notHolder'
  | 'notDispatcher'
  | 'notSuperior'
  | 'notOwner'
  | 'missingField'
  | 'reasonRequired'
  | 'badHours'
  | 'badDeadline'
  | 'tooManyPhotos'
  | 'notOverdue'
  | 'extensionPending'
  | 'noExtensionPending'
  | 'notVerified'
  | 'noUpperUnit'
  | 'wrongUpperUnit'
  | 'nothingToReturn'
  | 'alreadyEvaluated'
  | 'badSatisfaction'
  | 'jointNeedsTwo'
  | 'selfHandledOnly'
  | 'eventsMissing'
  | 'invalidOrder';

export interface Refusal {
  reason: RefusalReason;
  params: Record<string, string>;
  /** The reason in Chinese, for the clerk. */
  message: string;
}

export type ActionCheck = { ok: true } | ({ ok: false } & Refusal);

/**
 * Facts of the loop that the ticket doc has no field for; rebuilt from events whenever needed
 * (the order's detail screen reads them).
 */
export interface LoopFacts {
  /** The unit that dispatched the order: it approves extensions, and feedback comes back to it. */
  dispatcherCode?: string;
  /** Who held the order right after dispatch: rework goes back there. */
  handlerHolder?: string;
  verified: boolean;
  reworkCount: number;
  pendingExtension?: { hours: number; eventId: string };
  /** Escalations not yet returned, innermost last: a return goes back to `from`. */
  escalations: { from: string; to: string }[];
  jointDepartments: string[];
  handlingStarted: boolean;
  satisfaction?: Satisfaction;
  superviseCount: number;
}

/** The ticket fields the loop decides. */
export type LoopFields = Pick<
  TicketDoc,
  'state' | 'holderCode' | 'ownerCode' | 'deadline' | 'reportedAt' | 'assignee' | 'selfHandled' | 'supervised' | 'timeLimitHours' | 'dispatchedAt' | 'closedAt' | 'onTime' | 'catalogItemCode' | 'componentCode' | 'departmentCode'
>;

export interface Loop {
  fields: LoopFields;
  facts: LoopFacts;
}

/** One action asked for (or recorded): who, when, and its details. */
export interface ActionRequest {
  action: WorkorderAction;
  /** The acting unit (village, town or district code; a department code for historic records). */
  actorUnit: string;
  /** ISO time of the action. */
  at: string;
  eventId?: string;
  note?: string;
  photoIds?: readonly string[];
  payload?: Record<string, unknown>;
}

type Payload = Record<string, unknown>;
/** Who may take an action, relative to the order. */
type ActorRule = 'anyone' | 'holder' | 'dispatcher' | 'superior' | 'ownerOrHolder';

interface ActionDefinition {
  /** States the action starts from; `null` = the order does not exist yet (report). */
  from: readonly TicketState[] | null;
  actor: ActorRule;
  /** Refuses a request that is wrong in itself or for this order; null when it may proceed. */
  guard?: (loop: Loop, request: ActionRequest, payload: Payload) => Refusal | null;
  /** Checks of the payload alone (skipped when asking which actions a unit may take). */
  validate?: (request: ActionRequest, payload: Payload) => Refusal | null;
  apply: (loop: Loop, request: ActionRequest, payload: Payload) => Loop;
}

export function refusal(reason: RefusalReason, params: Record<string, string> = {}): Refusal {
  return { reason, params, message: t(`workorders:refusal.${reason}`, params) };
}

const text = (p: Payload, key: string): string | undefined => (typeof p[key] === 'string' && p[key] !== '' ? (p[key] as string) : undefined);
const positiveInt = (p: Payload, key: string): number | undefined => (Number.isInteger(p[key]) && (p[key] as number) > 0 ? (p[key] as number) : undefined);
const isIso = (value: string | undefined): value is string => value !== undefined && !Number.isNaN(Date.parse(value));


/** Whether `unit` may act as `holder`: itself, or the district for an order with a department. */
export function actsAsHolder(unit: string, holder: string): boolean {
  return unit === holder || (!isUnitCode(holder) && isUnitCode(unit) && levelOfUnit(unit) === 'district');
}

function needReason(request: ActionRequest): Refusal | null {
  return request.note && request.note.trim() !== '' ? null : refusal('reasonRequired', { action: t(`workorders:actions.${request.action}`) });
}

function needHours(payload: Payload): Refusal | null {
  const hours = payload.hours;
  return Number.isInteger(hours) && (hours as number) >= 1 && (hours as number) <= 2000 ? null : refusal('badHours', { hours: String(hours ?? '') });
}

function withFields(loop: Loop, change: Partial<LoopFields>): Loop {
  return { ...loop, fields: { ...loop.fields, ...change } };
}
function withFacts(loop: Loop, change: Partial<LoopFacts>): Loop {
  return { ...loop, facts: { ...loop.facts, ...change } };
}
function without(fields: LoopFields, ...keys: (keyof LoopFields)[]): LoopFields {
  const copy = { ...fields };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The loop as an order starts it, before its report. */
export function emptyLoop(ownerCode: string): Loop {
  return {
    fields: { state: 'pendingFiling', holderCode: ownerCode, ownerCode, deadline: '', reportedAt: '', selfHandled: false, supervised: false },
    facts: { verified: false, reworkCount: 0, escalations: [], jointDepartments: [], handlingStarted: false, superviseCount: 0 },
  };
}

/** The table. */
export const WORKORDER_MACHINE: Record<WorkorderAction, ActionDefinition> = {
  report: {
    from: null,
    actor: 'anyone',
    // Older records close a problem solved on the spot inside the report itself.
    // The intake may suggest the catalog item (and so department and time limit); filing confirms it.
    apply: (loop, r, p) =>
      withFields(loop, {
        ...(p.selfHandled === true
          ? { state: 'closed', selfHandled: true, closedAt: r.at, onTime: true }
          : { state: 'pendingFiling' }),
        reportedAt: r.at,
        holderCode: r.actorUnit,
        ...(text(p, 'catalogItemCode') ? { catalogItemCode: text(p, 'catalogItemCode') } : {}),
        ...(text(p, 'departmentCode') ? { departmentCode: text(p, 'departmentCode') } : {}),
        ...(positiveInt(p, 'timeLimitHours') ? { timeLimitHours: positiveInt(p, 'timeLimitHours') } : {}),
        ...(text(p, 'componentCode') ? { componentCode: text(p, 'componentCode') } : {}),
      }),
  },
  selfHandle: {
    from: ['pendingFiling'],
    actor: 'holder',
    // The close that follows in the same step ends it; the clerk says what was done.
    validate: (r) => needReason(r),
    apply: (loop) => withFields(loop, { selfHandled: true }),
  },
  file: {
    from: ['pendingFiling'],
    actor: 'holder',
    validate: (_r, p) =>
      !text(p, 'catalogItemCode') ? refusal('missingField', { field: t('workorders:fields.catalogItem') })
      : !text(p, 'departmentCode') ? refusal('missingField', { field: t('workorders:fields.department') })
      : !positiveInt(p, 'timeLimitHours') ? refusal('missingField', { field: t('workorders:fields.timeLimit') })
      : null,
    apply: (loop, _r, p) =>
      withFields(loop, {
        state: 'pendingDispatch',
        catalogItemCode: text(p, 'catalogItemCode'),
        departmentCode: text(p, 'departmentCode'),
        timeLimitHours: positiveInt(p, 'timeLimitHours'),
        ...(text(p, 'componentCode') ? { componentCode: text(p, 'componentCode') } : {}),
      }),
  },
  void: {
    from: ['pendingFiling'],
    actor: 'holder',
    validate: (r) => needReason(r),
    apply: (loop) => withFields(loop, { state: 'voided' }),
  },
  escalate: {
    from: ['pendingFiling', 'pendingDispatch'],
    actor: 'holder',
    guard: (loop, _r, p) => {
      const upper = upperUnitOf(loop.fields.holderCode);
      if (!upper) return refusal('noUpperUnit');
      const to = text(p, 'to');
      return to && to !== upper ? refusal('wrongUpperUnit', { to, upper }) : null;
    },
    validate: (r) => needReason(r),
    apply: (loop) => {
      const from = loop.fields.holderCode;
      const to = upperUnitOf(from) ?? from;
      return { fields: { ...loop.fields, holderCode: to }, facts: { ...loop.facts, escalations: [...loop.facts.escalations, { from, to }] } };
    },
  },
  return: {
    from: ['pendingFiling', 'pendingDispatch', 'handling'],
    actor: 'holder',
    guard: (loop) => {
      if (loop.fields.state === 'handling') return null;
      const last = loop.facts.escalations.at(-1);
      return last && last.to === loop.fields.holderCode ? null : refusal('nothingToReturn');
    },
    validate: (r) => needReason(r),
    apply: (loop) => {
      // A handler returns a wrongly dispatched order to its dispatcher, which dispatches anew;
      // an escalated order that was not dispatched goes back down to the unit that sent it up.
      if (loop.fields.state === 'handling') {
        const fields = without(loop.fields, 'assignee', 'dispatchedAt');
        return {
          fields: { ...fields, state: 'pendingDispatch', deadline: '', holderCode: loop.facts.dispatcherCode ?? loop.fields.holderCode },
          facts: { ...loop.facts, dispatcherCode: undefined, handlerHolder: undefined, pendingExtension: undefined, handlingStarted: false },
        };
      }
      const last = loop.facts.escalations[loop.facts.escalations.length - 1];
      return { fields: { ...loop.fields, holderCode: last.from }, facts: { ...loop.facts, escalations: loop.facts.escalations.slice(0, -1) } };
    },
  },
  dispatch: {
    from: ['pendingDispatch'],
    actor: 'holder',
    validate: (_r, p) =>
      !text(p, 'assignee') ? refusal('missingField', { field: t('workorders:fields.assignee') })
      : !isIso(text(p, 'deadline')) ? refusal('badDeadline', { deadline: String(p.deadline ?? '') })
      : null,
    apply: (loop, r, p) => {
      // Historic records hand the order to a department (`holderCode`); the app keeps it with
      // the dispatching unit, which records the department's feedback.
      const holder = text(p, 'holderCode') ?? loop.fields.holderCode;
      return {
        fields: {
          ...loop.fields,
          state: 'handling',
          assignee: text(p, 'assignee'),
          holderCode: holder,
          departmentCode: text(p, 'departmentCode') ?? loop.fields.departmentCode,
          dispatchedAt: r.at,
          deadline: text(p, 'deadline') ?? loop.fields.deadline,
        },
        facts: { ...loop.facts, dispatcherCode: r.actorUnit, handlerHolder: holder, verified: false },
      };
    },
  },
  joint: {
    from: ['pendingDispatch', 'handling'],
    actor: 'holder',
    validate: (_r, p) => {
      const list = Array.isArray(p.departments) ? p.departments.filter((d): d is string => typeof d === 'string' && d !== '') : [];
      return new Set(list).size >= 2 ? null : refusal('jointNeedsTwo');
    },
    apply: (loop, _r, p) => {
      const list = [...new Set((p.departments as string[]).filter((d) => typeof d === 'string' && d !== ''))];
      return { fields: { ...loop.fields, departmentCode: list[0] }, facts: { ...loop.facts, jointDepartments: list } };
    },
  },
  handle: {
    from: ['handling'],
    actor: 'holder',
    apply: (loop) => withFacts(loop, { handlingStarted: true }),
  },
  requestExtension: {
    from: ['handling'],
    actor: 'holder',
    guard: (loop) => (loop.facts.pendingExtension ? refusal('extensionPending', { hours: String(loop.facts.pendingExtension.hours) }) : null),
    validate: (r, p) => needHours(p) ?? needReason(r),
    apply: (loop, r, p) => withFacts(loop, { pendingExtension: { hours: p.hours as number, eventId: r.eventId ?? '' } }),
  },
  extend: {
    from: ['handling'],
    actor: 'dispatcher',
    // The dispatcher may also grant time without a request (records from before requests).
    validate: (_r, p) => needHours(p) ?? (p.deadline !== undefined && !isIso(text(p, 'deadline')) ? refusal('badDeadline', { deadline: String(p.deadline) }) : null),
    apply: (loop, _r, p) => ({
      fields: {
        ...loop.fields,
        deadline: text(p, 'deadline') ?? loop.fields.deadline,
        timeLimitHours: (loop.fields.timeLimitHours ?? 0) + (p.hours as number),
      },
      facts: { ...loop.facts, pendingExtension: undefined },
    }),
  },
  rejectExtension: {
    from: ['handling'],
    actor: 'dispatcher',
    guard: (loop) => (loop.facts.pendingExtension ? null : refusal('noExtensionPending')),
    validate: (r) => needReason(r),
    apply: (loop) => withFacts(loop, { pendingExtension: undefined }),
  },
  feedback: {
    from: ['handling'],
    actor: 'holder',
    validate: (r) => needReason(r),
    // The result goes back to the unit that dispatched the order, which verifies it.
    apply: (loop) =>
      withFields(withFacts(loop, { verified: false, pendingExtension: undefined }), {
        state: 'pendingVerification',
        holderCode: loop.facts.dispatcherCode ?? loop.fields.holderCode,
      }),
  },
  verify: {
    from: ['pendingVerification'],
    actor: 'holder',
    guard: (loop) => (loop.facts.verified ? refusal('wrongState', { action: t('workorders:actions.verify'), state: t('workorders:verifiedState') }) : null),
    validate: (r, p) => (typeof p.passed !== 'boolean' ? refusal('missingField', { field: t('workorders:fields.verifyResult') }) : p.passed ? null : needReason(r)),
    apply: (loop, _r, p) =>
      p.passed === true
        ? withFacts(loop, { verified: true })
        : // 返工: back to whoever handled it, the clock keeps running.
          {
            fields: { ...loop.fields, state: 'handling', holderCode: loop.facts.handlerHolder ?? loop.fields.holderCode },
            facts: { ...loop.facts, verified: false, reworkCount: loop.facts.reworkCount + 1, handlingStarted: false },
          },
  },
  close: {
    from: ['pendingFiling', 'pendingVerification'],
    actor: 'holder',
    guard: (loop) =>
      loop.fields.state === 'pendingFiling' ? (loop.fields.selfHandled ? null : refusal('selfHandledOnly'))
      : loop.facts.verified ? null
      : refusal('notVerified'),
    apply: (loop, r) =>
      withFields(loop, {
        state: 'closed',
        closedAt: r.at,
        // Computed, never taken from the payload: whether an order closed on time is what a
        // unit is assessed on, so the event cannot claim it.
        onTime: closedOnTime(loop.fields.deadline, r.at),
      }),
  },
  evaluate: {
    from: ['closed'],
    actor: 'ownerOrHolder',
    guard: (loop) => (loop.facts.satisfaction ? refusal('alreadyEvaluated') : null),
    validate: (_r, p) => ((SATISFACTION as readonly unknown[]).includes(p.satisfaction) ? null : refusal('badSatisfaction')),
    apply: (loop, _r, p) => withFacts(loop, { satisfaction: p.satisfaction as Satisfaction }),
  },
  supervise: {
    from: ['handling', 'pendingVerification', 'longStanding'],
    actor: 'superior',
    guard: (loop, r) => (isOverdue(loop.fields, r.at) ? null : refusal('notOverdue')),
    apply: (loop) => ({ fields: { ...loop.fields, supervised: true }, facts: { ...loop.facts, superviseCount: loop.facts.superviseCount + 1 } }),
  },
  longStanding: {
    from: ['handling'],
    actor: 'holder',
    validate: (r) => needReason(r),
    apply: (loop) => withFields(withFacts(loop, { pendingExtension: undefined }), { state: 'longStanding' }),
  },
  resume: {
    from: ['longStanding'],
    actor: 'holder',
    validate: (r) => needReason(r),
    apply: (loop) => withFields(loop, { state: 'handling' }),
  },
};

function actorRefusal(loop: Loop, rule: ActorRule, unit: string): Refusal | null {
  const { holderCode, ownerCode } = loop.fields;
  switch (rule) {
    case 'anyone':
      return null;
    case 'holder':
      return actsAsHolder(unit, holderCode) ? null : refusal('notHolder', { holder: holderCode, unit });
    case 'dispatcher': {
      const dispatcher = loop.facts.dispatcherCode ?? holderCode;
      return actsAsHolder(unit, dispatcher) ? null : refusal('notDispatcher', { dispatcher, unit });
    }
    case 'superior':
      // The town sub-center and the district center supervise the orders of their villages.
      return (unit.length === 6 || unit.length === 9) && ownerCode.startsWith(unit) ? null : refusal('notSuperior', { unit });
    case 'ownerOrHolder':
      return unit === ownerCode || actsAsHolder(unit, holderCode) ? null : refusal('notOwner', { owner: ownerCode, unit });
  }
}

function normalise(request: ActionRequest): { request: ActionRequest; payload: Payload } {
  return { request, payload: request.payload ?? {} };
}

/**
 * May this unit take this action now, whatever its details? (What the action buttons show.)
 * `loop` is null for an order that does not exist yet.
 */
export function permits(loop: Loop | null, action: WorkorderAction, actorUnit: string, at: string): ActionCheck {
  const definition = WORKORDER_MACHINE[action] as ActionDefinition | undefined;
  if (!definition) return { ok: false, ...refusal('unknownAction', { action: String(action) }) };
  if (definition.from === null) return loop ? { ok: false, ...refusal('alreadyCreated') } : { ok: true };
  if (!loop) return { ok: false, ...refusal('notCreated') };
  if (!definition.from.includes(loop.fields.state)) {
    return { ok: false, ...refusal('wrongState', { action: t(`workorders:actions.${action}`), state: t(`app:workorders.states.${loop.fields.state}`) }) };
  }
  const byActor = actorRefusal(loop, definition.actor, actorUnit);
  if (byActor) return { ok: false, ...byActor };
  const request: ActionRequest = { action, actorUnit, at };
  const byGuard = definition.guard?.(loop, request, {});
  // Guards that read the payload (escalate's `to`) pass on an empty one.
  return byGuard ? { ok: false, ...byGuard } : { ok: true };
}

/** The full check of one request: state, actor, the order's situation and the payload. */
export function checkAction(loop: Loop | null, input: ActionRequest): ActionCheck {
  const { request, payload } = normalise(input);
  const allowed = permits(loop, request.action, request.actorUnit, request.at);
  if (!allowed.ok) return allowed;
  const definition = WORKORDER_MACHINE[request.action];
  if ((request.photoIds?.length ?? 0) > MAX_PHOTOS_PER_ACTION) return { ok: false, ...refusal('tooManyPhotos', { max: String(MAX_PHOTOS_PER_ACTION) }) };
  const problem = (loop ? definition.guard?.(loop, request, payload) : null) ?? definition.validate?.(request, payload);
  return problem ? { ok: false, ...problem } : { ok: true };
}

export class ActionRefusedError extends Error {
  override readonly name = 'ActionRefusedError';
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** The loop after the action; throws ActionRefusedError (with the Chinese reason) if refused. */
export function applyAction(loop: Loop | null, input: ActionRequest, ownerCode?: string): Loop {
  const verdict = checkAction(loop, input);
  if (!verdict.ok) throw new ActionRefusedError(verdict);
  const start = loop ?? emptyLoop(ownerCode ?? input.actorUnit);
  return WORKORDER_MACHINE[input.action].apply(start, input, input.payload ?? {});
}

/**
 * Whether a step is one this unit takes in its role, beyond being allowed (DOMAIN.md's loop:
 * 派遣 → 处置 → 反馈 → 核查). The machine itself stays permissive so that every recorded event
 * replays; this decides only what a unit is offered:
 * - 处置 is the handler's own work on site: a village station with its grid workers, or the
 *   district writing for a department. A town sub-center (or the district on its own order)
 *   dispatches and then records the handler's 反馈; it does not 处置 itself.
 * - 申请延期 asks the dispatching unit for time. The dispatching unit does not ask itself: it
 *   grants (批准延期) or refuses.
 */
export function offeredInRole(loop: Loop, action: WorkorderAction, actorUnit: string): boolean {
  const forDepartment = !isUnitCode(loop.fields.holderCode);
  switch (action) {
    case 'handle':
      return forDepartment || (isUnitCode(actorUnit) && levelOfUnit(actorUnit) === 'village');
    case 'requestExtension':
      return !actsAsHolder(actorUnit, loop.facts.dispatcherCode ?? loop.fields.holderCode);
    default:
      return true;
  }
}

/** Actions this unit may take on the order now and would in its role (in table order), for the detail screen. */
export function availableActions(loop: Loop, actorUnit: string, at: string): WorkorderAction[] {
  return WORKORDER_ACTIONS.filter((action) => action !== 'report' && permits(loop, action, actorUnit, at).ok && offeredInRole(loop, action, actorUnit));
}

/** Resolves an event's recorded action name (aliases included) to the table's, or null. */
export function resolveAction(name: string, payload: Payload | undefined): { action: WorkorderAction; payload: Payload } | null {
  if ((WORKORDER_ACTIONS as readonly string[]).includes(name)) return { action: name as WorkorderAction, payload: payload ?? {} };
  const alias = ACTION_ALIASES[name];
  return alias ? { action: alias.action, payload: { ...(payload ?? {}), ...alias.payload } } : null;
}
