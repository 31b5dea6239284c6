/**
 * Work orders (工单) and their events: a realistic mix of sources, states and holders, each
 * order's history told by its events (every order starts with a `report`), and its fields the
 * projection of that history.
 *
 * Roughly as DOMAIN.md reports: most orders are solved inside the grid (some on the spot),
 * about a fifth go up to the town, under a tenth to an enforcement department.
 */
import { scopeOfUnit } from '../../core/org';
import { docId, type EventDoc, type TicketDoc, type TicketSource, type TicketState } from '../../core/schema';
import { demoNow, HOUR_MS, addWorkingHours, iso, officeTimeDaysAgo } from './calendar';
import type { DemoCatalogItem } from './catalog';
import type { ComponentStage } from './components';
import { roadAddress } from './components';
import type { DemoVillage, LeafGrid } from './context';
import { departmentByCode } from './departments';
import { pointIn } from './geometry';
import { mobilePhone } from './identity';
import type { Random, Weighted } from './random';
import { orderEvents, orderFieldsOf } from '../../core/workorders/projection';

const DAY_MS = 24 * HOUR_MS;

type Holder = 'village' | 'town' | 'department';

const STATE_WEIGHTS: Weighted<TicketState | 'selfHandled'> = [
  ['selfHandled', 22],
  ['closed', 44],
  ['handling', 10],
  ['pendingVerification', 6],
  ['pendingDispatch', 4],
  ['pendingFiling', 5],
  ['voided', 6],
  ['longStanding', 3],
];
const SOURCE_WEIGHTS: Weighted<TicketSource> = [['patrol', 50], ['hotline12345', 20], ['citizen', 12], ['video', 6], ['superior', 6], ['police', 6]];
const HOLDER_WEIGHTS: Weighted<Holder> = [['village', 66], ['town', 25], ['department', 9]];
const DETAILS = ['，影响周边居民正常生活', '，群众反映强烈', '，存在安全隐患，请尽快处置', '，现场已拍照留存', '，已持续数日未解决', '，请相关部门核实处理'];
const VOID_REASONS = ['重复上报，已并入原工单', '经核实情况不属实', '不属于受理范围，已告知当事人'];
const SELF_HANDLED_NOTES = ['现场劝导，当事人已自行整改', '网格员现场处置完毕', '已联系物业当场解决'];
const ESCALATE_REASONS = ['超出村（社区）处置能力，提请镇（街道）协调', '涉及多个部门，需联合处置', '需要执法部门介入'];

/** Days before "now" an order of each state was reported: open ones are recent. */
const AGE_DAYS: Record<TicketState | 'selfHandled', readonly [number, number]> = {
  pendingFiling: [0, 1],
  pendingDispatch: [0, 3],
  handling: [1, 30],
  pendingVerification: [1, 30],
  closed: [3, 180],
  selfHandled: [0, 180],
  voided: [1, 180],
  longStanding: [60, 180],
};

interface TimelineEvent {
  action: string;
  at: number;
  by: string;
  byUnit: string;
  note: string;
  payload: Record<string, unknown>;
}

export interface TicketStage {
  tickets: TicketDoc[];
  ticketEvents: EventDoc[];
}

export interface TicketInputs {
  villages: DemoVillage[];
  catalog: readonly DemoCatalogItem[];
  components: ComponentStage;
  names: Map<string, string>;
  townHeads: Map<string, string>;
  perVillage: number;
}

export function generateTickets(random: Random, inputs: TicketInputs): TicketStage {
  const tickets: TicketDoc[] = [];
  const ticketEvents: EventDoc[] = [];
  for (const village of inputs.villages) {
    const scope = scopeOfUnit(village.code);
    for (let seq = 1; seq <= inputs.perVillage; seq++) {
      const { ticket, events } = oneTicket(random, inputs, village, seq);
      ticket.scope = scope;
      tickets.push(ticket);
      const mine: EventDoc[] = [];
      events.forEach((e, i) => {
        mine.push({
          id: docId('ticketEvent', `${ticket.number}-${String(i + 1).padStart(2, '0')}`),
          type: 'ticketEvent',
          scope: [...scope],
          createdAt: iso(e.at),
          updatedAt: iso(e.at),
          updatedBy: e.by,
          subjectId: ticket.id,
          action: e.action,
          at: iso(e.at),
          by: e.by,
          byUnit: e.byUnit,
          note: e.note,
          photoIds: [],
          // As the app records it: the report carries the order, which follows from its events.
          payload: e.action === 'report' ? { ...e.payload, order: orderFieldsOf(ticket) } : e.payload,
        });
      });
      ticket.eventIds = orderEvents(mine).map((e) => e.id);
      ticketEvents.push(...mine);
    }
  }
  return { tickets, ticketEvents };
}

/** Every draw an order needs, taken up front so its timeline can be rebuilt from another start. */
interface Draws {
  u: number[];
}

/** The facts of one work order, all drawn before its history is told. */
interface OrderFacts {
  village: DemoVillage;
  kind: TicketState | 'selfHandled';
  item: DemoCatalogItem;
  leaf: LeafGrid;
  source: TicketSource;
  holder: Holder;
  worker: string;
  head: string;
  townHead: string;
  assignee: string;
  holderCode: string;
  componentCode: string | undefined;
  citizen: boolean;
  reporterName: string;
  reporterPhone: string;
  rework: boolean;
  extended: boolean;
  priority: TicketDoc['priority'];
  address: string;
  location: { lng: number; lat: number };
  draws: Draws;
  /** When the order was reported, as drawn; `oneTicket` may move it back. */
  start: number;
}

function oneTicket(random: Random, inputs: TicketInputs, village: DemoVillage, seq: number): { ticket: TicketDoc; events: TimelineEvent[] } {
  const order = drawOrderFacts(random, inputs, village);
  let start = order.start;
  let events = orderTimeline(order, inputs.names, start);
  // An order's whole history lies before "now": move its start back until it does.
  while (events[events.length - 1].at > demoNow()) {
    start -= events[events.length - 1].at - demoNow() + DAY_MS;
    events = orderTimeline(order, inputs.names, start);
  }
  return { ticket: ticketDocOf(order, seq, start, events), events };
}

/** Draws an order's facts — state, item, grid, source, holder, people, flags, place — in their fixed order. */
function drawOrderFacts(random: Random, inputs: TicketInputs, village: DemoVillage): OrderFacts {
  const kind = random.weighted(STATE_WEIGHTS);
  const item = random.pick(inputs.catalog);
  const leaf = random.pick(village.leafGrids);
  const source: TicketSource = kind === 'selfHandled' ? 'patrol' : random.weighted(SOURCE_WEIGHTS);
  const holder: Holder = kind === 'selfHandled' || kind === 'pendingFiling' || kind === 'pendingDispatch' || kind === 'voided' ? 'village' : random.weighted(HOLDER_WEIGHTS);
  const worker = village.workerIds.length > 0 ? random.pick(village.workerIds) : village.gridHeadId;
  const head = village.gridHeadId || worker;
  const townHead = inputs.townHeads.get(village.townCode) ?? head;
  const assignee = holder === 'village' ? worker : holder === 'town' ? townHead : item.departmentCode;
  const holderCode = holder === 'village' ? village.code : holder === 'town' ? village.townCode : item.departmentCode;
  const componentCodes = item.componentTag ? inputs.components.byVillageTag.get(village.code)?.get(item.componentTag) : undefined;
  const componentCode = componentCodes && componentCodes.length > 0 ? random.pick(componentCodes) : undefined;
  const citizen = source === 'hotline12345' || source === 'citizen';
  const reporterName = citizen ? random.personName() : (inputs.names.get(worker) ?? '');
  const reporterPhone = citizen ? mobilePhone(random) : '';
  const rework = kind === 'closed' && random.chance(0.06);
  const extended = (kind === 'closed' || kind === 'handling') && random.chance(0.05);
  const priority = item.timeLimitHours <= 4 ? 'critical' : random.chance(0.12) ? 'urgent' : 'normal';
  const address = roadAddress(random, village);
  const location = pointIn(leaf.rect, random);
  const draws: Draws = { u: Array.from({ length: 12 }, () => random.unit()) };
  const [minAge, maxAge] = AGE_DAYS[kind];
  const start = officeTimeDaysAgo(random.int(minAge, maxAge), random.unit());
  return {
    village, kind, item, leaf, source, holder, worker, head, townHead, assignee, holderCode, componentCode,
    citizen, reporterName, reporterPhone, rework, extended, priority, address, location, draws, start,
  };
}

/** The events of an order's history when it was reported at `reportedAt`: a pure function of its facts. */
function orderTimeline(order: OrderFacts, names: Map<string, string>, reportedAt: number): TimelineEvent[] {
  const { village, kind, item, source, holder, worker, head, townHead, assignee, holderCode, componentCode, citizen, reporterName, rework, extended, address } = order;
  const u = order.draws.u;
  const events: TimelineEvent[] = [];
  const push = (action: string, at: number, by: string, byUnit: string, note: string, payload: Record<string, unknown> = {}): number => {
    events.push({ action, at, by, byUnit, note, payload });
    return at;
  };
  // As the app's intake records it: the component picked on the map, and for an order handled
  // on the spot the catalog item (it is never filed). The order's fields replay from its events.
  let t = push('report', reportedAt, citizen ? head : worker, village.code, `${item.name}：${address}`, {
    source,
    reporterName,
    ...(componentCode ? { componentCode } : {}),
    ...(kind === 'selfHandled' ? { catalogItemCode: item.code } : {}),
  });
  if (kind === 'selfHandled') {
    t = push('selfHandle', addWorkingHours(t, 0.5 + 2 * u[0]), worker, village.code, SELF_HANDLED_NOTES[Math.floor(u[1] * SELF_HANDLED_NOTES.length)]);
    push('close', t + Math.round(0.2 * HOUR_MS * (1 + u[2])), worker, village.code, '自处置结案', { selfHandled: true });
    return events;
  }
  if (kind === 'pendingFiling') return events;
  if (kind === 'voided') {
    push('void', addWorkingHours(t, 1 + 7 * u[0]), head, village.code, VOID_REASONS[Math.floor(u[1] * VOID_REASONS.length)]);
    return events;
  }
  t = push('file', addWorkingHours(t, 0.5 + 3.5 * u[0]), head, village.code, `按「${item.subcategoryName}／${item.name}」立案`, {
    catalogItemCode: item.code,
    departmentCode: item.departmentCode,
    timeLimitHours: item.timeLimitHours,
  });
  if (kind === 'pendingDispatch') return events;
  let dispatcher = head;
  let dispatcherUnit = village.code;
  if (holder !== 'village') {
    t = push('escalate', addWorkingHours(t, 0.5 + 2 * u[1]), head, village.code, ESCALATE_REASONS[holder === 'town' ? Math.floor(u[2] * 2) : 2], {
      from: village.code,
      to: village.townCode,
    });
    dispatcher = townHead;
    dispatcherUnit = village.townCode;
  }
  const dispatchedAt = addWorkingHours(t, 0.2 + 2.8 * u[3]);
  let deadline = addWorkingHours(dispatchedAt, item.timeLimitHours);
  push('dispatch', dispatchedAt, dispatcher, dispatcherUnit, `派遣至${holder === 'department' ? departmentByCode(item.departmentCode).name : (names.get(assignee) ?? assignee)}`, {
    assignee,
    holderCode,
    deadline: iso(deadline),
  });
  if (extended) {
    const extraHours = Math.max(4, Math.round(item.timeLimitHours / 2));
    deadline = addWorkingHours(deadline, extraHours);
    push('extend', addWorkingHours(dispatchedAt, item.timeLimitHours * 0.6), dispatcher, dispatcherUnit, '处置难度较大，经审批延期', { hours: extraHours, deadline: iso(deadline) });
  }
  if (kind === 'longStanding') {
    push('longStanding', addWorkingHours(dispatchedAt, item.timeLimitHours), holder === 'department' ? item.departmentCode : dispatcher, holderCode, '涉及历史遗留问题，短期无法解决，列入挂账管理');
    return events;
  }
  // Orders handled past their deadline get a supervision notice (督办) from the town.
  // An extension is asked for while handling, so an extended order's feedback comes after it.
  const handlingFraction = kind === 'handling' ? 2 : extended ? 0.7 + 0.9 * u[4] : 0.15 + 1.1 * u[4];
  const handlingHours = item.timeLimitHours * handlingFraction;
  const feedbackAt = addWorkingHours(dispatchedAt, handlingHours);
  const superviseAt = addWorkingHours(deadline, 1 + 4 * u[5]);
  if (superviseAt < feedbackAt && superviseAt < demoNow()) {
    push('supervise', superviseAt, townHead, village.townCode, '工单已超期，请加快处置', { deadline: iso(deadline) });
  }
  if (kind === 'handling') return events;
  const by = holder === 'department' ? item.departmentCode : assignee;
  t = push('feedback', feedbackAt, by, holderCode, '已处置完毕，附现场照片');
  if (kind === 'pendingVerification') return events;
  if (rework) {
    t = push('verify', addWorkingHours(t, 2 + 14 * u[6]), worker, dispatcherUnit, '现场核查未整改到位，退回返工', { passed: false });
    t = push('feedback', addWorkingHours(t, 4 + 20 * u[7]), by, holderCode, '返工完成');
  }
  t = push('verify', addWorkingHours(t, 2 + 14 * u[8]), worker, dispatcherUnit, '现场核查已整改到位', { passed: true });
  const closedAt = t + Math.round(HOUR_MS * (0.2 + 1.8 * u[9]));
  push('close', closedAt, dispatcher, dispatcherUnit, '结案', { onTime: closedAt <= deadline });
  return events;
}

/** The work order `seq` of its village as its facts and its events (reported at `start`) make it. */
function ticketDocOf(order: OrderFacts, seq: number, start: number, events: TimelineEvent[]): TicketDoc {
  const { village, kind, item, leaf, source, assignee, holderCode, componentCode, reporterName, reporterPhone, priority, address, location, draws } = order;
  const last = events[events.length - 1];
  const byAction = (action: string): TimelineEvent | undefined => events.findLast((e) => e.action === action);
  const dispatch = byAction('dispatch');
  const extend = byAction('extend');
  const close = byAction('close');
  const deadlineMs = dispatch ? Date.parse(String((extend ?? dispatch).payload.deadline)) : undefined;
  const state: TicketState = kind === 'selfHandled' ? 'closed' : kind;
  const number = `GD${village.code}${String(seq).padStart(5, '0')}`;
  const filed = kind !== 'pendingFiling' && kind !== 'voided' && kind !== 'selfHandled';
  return {
    id: docId('ticket', number),
    type: 'ticket',
    scope: [],
    createdAt: iso(start),
    updatedAt: iso(last.at),
    updatedBy: last.by,
    number,
    source,
    ...(filed || kind === 'selfHandled' ? { catalogItemCode: item.code } : {}),
    ...(componentCode ? { componentCode } : {}),
    // An extension (延期) adds its hours to the time limit, as the app's step does.
    ...(filed ? { departmentCode: item.departmentCode, timeLimitHours: item.timeLimitHours + (extend ? Number(extend.payload.hours) : 0) } : {}),
    gridCode: leaf.code,
    location,
    address,
    description: `${address}${item.name}${DETAILS[Math.floor(draws.u[10] * DETAILS.length)]}`,
    reporterName,
    reporterPhone,
    priority,
    photoIds: [],
    state,
    // Feedback hands the order back to the unit that dispatched it, which verifies and closes.
    holderCode: !dispatch ? village.code : byAction('feedback') ? (dispatch.byUnit) : holderCode,
    ...(dispatch ? { assignee, dispatchedAt: iso(dispatch.at) } : {}),
    selfHandled: kind === 'selfHandled',
    supervised: events.some((e) => e.action === 'supervise'),
    deadline: deadlineMs !== undefined ? iso(deadlineMs) : '',
    ...(close ? { closedAt: iso(close.at), onTime: deadlineMs === undefined || close.at <= deadlineMs } : {}),
    reportedAt: iso(start),
    lastEventAt: iso(last.at),
    ownerCode: village.code,
  };
}
