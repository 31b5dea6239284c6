import { describe, expect, it } from 'vitest';
import { allDemoDocs, generateDemoDistrict } from '../../../../district/demo';
import type { EventDoc, TicketDoc } from '../../../../core/schema';
import { replayTicket } from '../../../../core/workorders/projection';
import {
  ActionRefusedError,
  applyAction,
  availableActions,
  checkAction,
  WORKORDER_ACTIONS,
  type ActionRequest,
  type Loop,
  type RefusalReason,
  type WorkorderAction,
} from '../../../../core/workorders/stateMachine';

const VILLAGE = '320506001001';
const SIBLING = '320506001002';
const TOWN = '320506001';
const OTHER_TOWN = '320506002';
const DISTRICT = '320506';

const T0 = Date.parse('2025-06-02T01:00:00Z'); // Monday 09:00 China time
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

/** A step with the details a clerk would give; `over` replaces any of them. */
function step(action: WorkorderAction, actorUnit: string, hour: number, over: Partial<ActionRequest> = {}): ActionRequest {
  const valid: Record<WorkorderAction, Partial<ActionRequest>> = {
    report: { payload: { source: 'patrol' } },
    selfHandle: { note: '现场劝导整改' },
    file: { payload: { catalogItemCode: '03010001', departmentCode: 'SW', timeLimitHours: 8 } },
    void: { note: '重复上报' },
    escalate: { note: '超出处置能力' },
    return: { note: '不属于本单位职责' },
    dispatch: { payload: { assignee: 'staff:w1', deadline: at(hour + 8) } },
    joint: { payload: { departments: ['SW', 'ZHZF'] } },
    handle: {},
    requestExtension: { note: '需等待配件', payload: { hours: 8 } },
    extend: { payload: { hours: 8, deadline: at(hour + 40) } },
    rejectExtension: { note: '时限内可完成' },
    feedback: { note: '已更换井盖', photoIds: ['photo:a'] },
    verify: { payload: { passed: true } },
    close: {},
    evaluate: { payload: { satisfaction: 'satisfied' } },
    supervise: { note: '请加快处置' },
    longStanding: { note: '历史遗留问题' },
    resume: { note: '条件已具备' },
  };
  return { action, actorUnit, at: at(hour), ...valid[action], ...over };
}

function run(steps: ActionRequest[]): Loop {
  let loop: Loop | null = null;
  for (const request of steps) loop = applyAction(loop, request, VILLAGE);
  if (!loop) throw new Error('no steps');
  return loop;
}

const reported = [step('report', VILLAGE, 0)];
const filed = [...reported, step('file', VILLAGE, 1)];
const dispatched = [...filed, step('dispatch', VILLAGE, 2)];
const fedBack = [...dispatched, step('feedback', VILLAGE, 4)];
const verified = [...fedBack, step('verify', VILLAGE, 5)];
const closed = [...verified, step('close', VILLAGE, 6)];

/** Every situation an order can be in, with the unit that holds it. */
const SITUATIONS: Record<string, { steps: ActionRequest[]; holder: string; hour: number }> = {
  待立案: { steps: reported, holder: VILLAGE, hour: 1 },
  '待立案（已上报到镇）': { steps: [...reported, step('escalate', VILLAGE, 1)], holder: TOWN, hour: 2 },
  待派遣: { steps: filed, holder: VILLAGE, hour: 2 },
  处置中: { steps: dispatched, holder: VILLAGE, hour: 3 },
  '处置中（已超期）': { steps: dispatched, holder: VILLAGE, hour: 200 },
  '处置中（延期待批）': { steps: [...dispatched, step('requestExtension', VILLAGE, 3)], holder: VILLAGE, hour: 4 },
  待核查: { steps: fedBack, holder: VILLAGE, hour: 5 },
  '待核查（已核查通过）': { steps: verified, holder: VILLAGE, hour: 6 },
  已结案: { steps: closed, holder: VILLAGE, hour: 7 },
  '已结案（已评价）': { steps: [...closed, step('evaluate', VILLAGE, 7)], holder: VILLAGE, hour: 8 },
  已作废: { steps: [...reported, step('void', VILLAGE, 1)], holder: VILLAGE, hour: 2 },
  挂账: { steps: [...dispatched, step('longStanding', VILLAGE, 3)], holder: VILLAGE, hour: 4 },
};

type Expect = 'ok' | RefusalReason;
const W: Expect = 'wrongState';

/**
 * The specification: what each action gives in each situation, taken by the holder (督办 by
 * the town above it) with complete details.
 */
const MATRIX: Record<string, Partial<Record<WorkorderAction, Expect>>> = {
  待立案: { report: 'alreadyCreated', selfHandle: 'ok', file: 'ok', void: 'ok', escalate: 'ok', return: 'nothingToReturn', close: 'selfHandledOnly' },
  '待立案（已上报到镇）': { report: 'alreadyCreated', selfHandle: 'ok', file: 'ok', void: 'ok', escalate: 'ok', return: 'ok', close: 'selfHandledOnly' },
  待派遣: { report: 'alreadyCreated', escalate: 'ok', return: 'nothingToReturn', dispatch: 'ok', joint: 'ok' },
  处置中: {
    report: 'alreadyCreated', return: 'ok', joint: 'ok', handle: 'ok', requestExtension: 'ok', extend: 'ok', rejectExtension: 'noExtensionPending',
    feedback: 'ok', supervise: 'notOverdue', longStanding: 'ok',
  },
  '处置中（已超期）': {
    report: 'alreadyCreated', return: 'ok', joint: 'ok', handle: 'ok', requestExtension: 'ok', extend: 'ok', rejectExtension: 'noExtensionPending',
    feedback: 'ok', supervise: 'ok', longStanding: 'ok',
  },
  '处置中（延期待批）': {
    report: 'alreadyCreated', return: 'ok', joint: 'ok', handle: 'ok', requestExtension: 'extensionPending', extend: 'ok', rejectExtension: 'ok',
    feedback: 'ok', supervise: 'notOverdue', longStanding: 'ok',
  },
  待核查: { report: 'alreadyCreated', verify: 'ok', close: 'notVerified', supervise: 'notOverdue' },
  '待核查（已核查通过）': { report: 'alreadyCreated', verify: 'wrongState', close: 'ok', supervise: 'notOverdue' },
  已结案: { report: 'alreadyCreated', evaluate: 'ok' },
  '已结案（已评价）': { report: 'alreadyCreated', evaluate: 'alreadyEvaluated' },
  已作废: { report: 'alreadyCreated' },
  挂账: { report: 'alreadyCreated', resume: 'ok', supervise: 'notOverdue' },
};

function outcome(loop: Loop, request: ActionRequest): Expect {
  const verdict = checkAction(loop, request);
  return verdict.ok ? 'ok' : verdict.reason;
}

describe('the closed loop of a work order', () => {
  for (const [name, situation] of Object.entries(SITUATIONS)) {
    it(`${name}: each action is allowed or refused exactly as specified`, () => {
      const loop = run(situation.steps);
      expect(loop.fields.holderCode).toBe(situation.holder);
      const got: Record<string, Expect> = {};
      const want: Record<string, Expect> = {};
      for (const action of WORKORDER_ACTIONS) {
        const actor = action === 'supervise' ? TOWN : situation.holder;
        got[action] = outcome(loop, step(action, actor, situation.hour));
        want[action] = MATRIX[name][action] ?? W;
      }
      expect(got).toEqual(want);
    });
  }

  it('every refusal carries a Chinese message that names the situation', () => {
    const loop = run(dispatched);
    const verdict = checkAction(loop, step('verify', VILLAGE, 3));
    expect(verdict).toMatchObject({ ok: false, reason: 'wrongState', message: '工单当前为「处置中」，不能核查。' });
    const early = checkAction(run(fedBack), step('close', VILLAGE, 5));
    expect(early).toMatchObject({ ok: false, message: '工单尚未核查通过，不能结案。' });
  });

  it('only the holder acts: the sibling village, the town below which it was not escalated, another town are all refused', () => {
    const loop = run(filed);
    for (const unit of [SIBLING, TOWN, OTHER_TOWN]) {
      expect(checkAction(loop, step('dispatch', unit, 2))).toMatchObject({ ok: false, reason: 'notHolder', params: { holder: VILLAGE, unit } });
    }
    const escalated = run([...filed, step('escalate', VILLAGE, 2)]);
    expect(checkAction(escalated, step('dispatch', VILLAGE, 3))).toMatchObject({ ok: false, reason: 'notHolder' });
    expect(checkAction(escalated, step('dispatch', TOWN, 3)).ok).toBe(true);
  });

  it('supervision comes only from the town or district above the order', () => {
    const loop = run(dispatched);
    expect(checkAction(loop, step('supervise', VILLAGE, 200))).toMatchObject({ ok: false, reason: 'notSuperior' });
    expect(checkAction(loop, step('supervise', OTHER_TOWN, 200))).toMatchObject({ ok: false, reason: 'notSuperior' });
    expect(checkAction(loop, step('supervise', DISTRICT, 200)).ok).toBe(true);
  });

  it('details a step needs are asked for by name', () => {
    const cases: [Loop, ActionRequest, RefusalReason, string][] = [
      [run(reported), step('file', VILLAGE, 1, { payload: { departmentCode: 'SW', timeLimitHours: 8 } }), 'missingField', '请填写「事项」。'],
      [run(reported), step('void', VILLAGE, 1, { note: ' ' }), 'reasonRequired', '作废需要填写原因或说明。'],
      [run(filed), step('dispatch', VILLAGE, 2, { payload: { deadline: at(10) } }), 'missingField', '请填写「派遣对象」。'],
      [run(filed), step('dispatch', VILLAGE, 2, { payload: { assignee: 'staff:w1', deadline: 'tomorrow' } }), 'badDeadline', '处置期限「tomorrow」不是有效的时间。'],
      [run(filed), step('joint', VILLAGE, 2, { payload: { departments: ['SW', 'SW'] } }), 'jointNeedsTwo', '联办至少需要选择两个部门。'],
      [run(dispatched), step('requestExtension', VILLAGE, 3, { payload: { hours: 0 } }), 'badHours', '延期时长须为 1–2000 之间的整数工作小时（当前：0）。'],
      [run(dispatched), step('feedback', VILLAGE, 3, { photoIds: Array.from({ length: 10 }, (_, i) => `photo:${i}`) }), 'tooManyPhotos', '每次最多上传 9 张照片。'],
      [run(fedBack), step('verify', VILLAGE, 5, { payload: { passed: false } }), 'reasonRequired', '核查需要填写原因或说明。'],
      [run(closed), step('evaluate', VILLAGE, 7, { payload: { satisfaction: 'great' } }), 'badSatisfaction', '请选择满意度。'],
      [run(filed), step('escalate', VILLAGE, 2, { payload: { to: DISTRICT } }), 'wrongUpperUnit', `只能上报至上一级单位 ${TOWN}，不能上报至 ${DISTRICT}。`],
    ];
    for (const [loop, request, reason, message] of cases) expect(checkAction(loop, request)).toMatchObject({ ok: false, reason, message });
  });

  it('escalation climbs village → town → district and stops there; returning walks back down', () => {
    let loop = run([...filed, step('escalate', VILLAGE, 2), step('escalate', TOWN, 3)]);
    expect(loop.fields.holderCode).toBe(DISTRICT);
    expect(checkAction(loop, step('escalate', DISTRICT, 4))).toMatchObject({ ok: false, reason: 'noUpperUnit' });
    loop = applyAction(loop, step('return', DISTRICT, 4));
    expect(loop.fields.holderCode).toBe(TOWN);
    loop = applyAction(loop, step('return', TOWN, 5));
    expect(loop.fields.holderCode).toBe(VILLAGE);
    expect(checkAction(loop, step('return', VILLAGE, 6))).toMatchObject({ ok: false, reason: 'nothingToReturn' });
  });

  it('the whole loop: filed, dispatched with a deadline, fed back, verified, closed on time and evaluated', () => {
    const loop = run([...closed, step('evaluate', VILLAGE, 7)]);
    expect(loop.fields).toMatchObject({ state: 'closed', onTime: true, closedAt: at(6), deadline: at(10), dispatchedAt: at(2), timeLimitHours: 8, departmentCode: 'SW' });
    expect(loop.facts.satisfaction).toBe('satisfied');
    const late = run([...fedBack, step('verify', VILLAGE, 20), step('close', VILLAGE, 21)]);
    expect(late.fields.onTime).toBe(false);
  });

  it('a failed verification sends the order back for rework to whoever handled it', () => {
    let loop = run([
      ...filed, step('escalate', VILLAGE, 2),
      step('dispatch', TOWN, 3, { payload: { assignee: 'ZHZF', holderCode: 'ZHZF', deadline: at(11) } }),
    ]);
    expect(loop.fields.holderCode).toBe('ZHZF');
    // the district writes for a department; the feedback goes back to the town that dispatched
    loop = applyAction(loop, step('feedback', DISTRICT, 4));
    expect(loop.fields).toMatchObject({ state: 'pendingVerification', holderCode: TOWN });
    loop = applyAction(loop, step('verify', TOWN, 5, { note: '未整改到位', payload: { passed: false } }));
    expect(loop.fields).toMatchObject({ state: 'handling', holderCode: 'ZHZF' });
    expect(loop.facts.reworkCount).toBe(1);
  });

  it('extensions: the handler asks, the dispatching unit approves or refuses, and the deadline moves', () => {
    let loop = run([...filed, step('escalate', VILLAGE, 2), step('dispatch', TOWN, 3, { payload: { assignee: 'ZHZF', holderCode: 'ZHZF', deadline: at(11) } })]);
    loop = applyAction(loop, step('requestExtension', DISTRICT, 4));
    expect(checkAction(loop, step('extend', VILLAGE, 5))).toMatchObject({ ok: false, reason: 'notDispatcher' });
    loop = applyAction(loop, step('extend', TOWN, 5, { payload: { hours: 8, deadline: at(35) } }));
    expect(loop.fields).toMatchObject({ deadline: at(35), timeLimitHours: 16 });
    expect(loop.facts.pendingExtension).toBeUndefined();
  });

  it('a dispatched order returned by its handler waits for a new dispatch, its clock stopped', () => {
    const loop = run([...dispatched, step('return', VILLAGE, 3)]);
    expect(loop.fields).toMatchObject({ state: 'pendingDispatch', deadline: '' });
    expect(loop.fields.assignee).toBeUndefined();
  });

  it('a problem solved on the spot is closed in the same step, on time', () => {
    const loop = run([...reported, step('selfHandle', VILLAGE, 0), step('close', VILLAGE, 0)]);
    expect(loop.fields).toMatchObject({ state: 'closed', selfHandled: true, onTime: true });
  });

  it('a long-standing problem stays on the register until handling resumes', () => {
    const loop = run([...dispatched, step('longStanding', VILLAGE, 3), step('resume', VILLAGE, 50)]);
    expect(loop.fields.state).toBe('handling');
  });

  it('the action buttons offered are the allowed ones', () => {
    expect(availableActions(run(filed), VILLAGE, at(2))).toEqual(['escalate', 'dispatch', 'joint']);
    expect(availableActions(run(filed), SIBLING, at(2))).toEqual([]);
    expect(availableActions(run(dispatched), TOWN, at(200))).toEqual(['supervise']);
  });

  it('a town that dispatched an escalated order grants extensions and records the feedback: it is offered neither 申请延期 nor 处置', () => {
    const loop = run([...filed, step('escalate', VILLAGE, 2), step('dispatch', TOWN, 3, { payload: { assignee: 'ZHZF', departmentCode: 'ZHZF', deadline: at(11) } })]);
    const offered = availableActions(loop, TOWN, at(4));
    expect(offered).toEqual(expect.arrayContaining(['extend', 'feedback']));
    expect(offered).not.toContain('requestExtension');
    expect(offered).not.toContain('handle');
    // The machine still takes a recorded 处置 (older records have them): only the offer changed.
    expect(checkAction(loop, step('handle', TOWN, 4)).ok).toBe(true);
  });

  it('a village station handles its own dispatched order on site; the district writing for a department asks the town for time', () => {
    const own = availableActions(run(dispatched), VILLAGE, at(3));
    expect(own).toEqual(expect.arrayContaining(['handle', 'extend', 'feedback']));
    expect(own).not.toContain('requestExtension');
    const department = run([...filed, step('escalate', VILLAGE, 2), step('dispatch', TOWN, 3, { payload: { assignee: 'ZHZF', holderCode: 'ZHZF', deadline: at(11) } })]);
    expect(availableActions(department, DISTRICT, at(4))).toEqual(expect.arrayContaining(['handle', 'requestExtension', 'feedback']));
    expect(availableActions(department, DISTRICT, at(4))).not.toContain('extend');
  });

  it('applying a refused step throws with the Chinese reason and changes nothing', () => {
    const loop = run(reported);
    expect(() => applyAction(loop, step('close', VILLAGE, 1))).toThrow(ActionRefusedError);
    expect(() => applyAction(loop, step('close', VILLAGE, 1))).toThrow('未立案的工单只有自处置后才能直接结案。');
    expect(loop.fields.state).toBe('pendingFiling');
  });
});

describe('a ticket is the replay of its events', () => {
  const base = (): TicketDoc => ({
    id: 'ticket:GD1', type: 'ticket', scope: [DISTRICT, TOWN, VILLAGE], createdAt: at(0), updatedAt: at(0), updatedBy: 'clerk', number: 'GD1',
    source: 'patrol', gridCode: `${VILLAGE}001`, description: '井盖缺失', priority: 'normal', photoIds: [], state: 'pendingFiling', holderCode: VILLAGE,
    deadline: '', reportedAt: at(0), lastEventAt: at(0), ownerCode: VILLAGE,
  });
  const event = (n: number, request: ActionRequest): EventDoc => ({
    id: `ticketEvent:GD1-${String(n).padStart(2, '0')}`, type: 'ticketEvent', scope: [DISTRICT, TOWN, VILLAGE], createdAt: request.at, updatedAt: request.at,
    updatedBy: 'x', subjectId: 'ticket:GD1', action: request.action, at: request.at, by: 'x', byUnit: request.actorUnit, note: request.note ?? '',
    photoIds: [...(request.photoIds ?? [])], payload: request.payload ?? {},
  });

  it('a step written offline by a unit that no longer held the order is shown as ineffective and changes nothing', () => {
    const events = [...filed, step('escalate', VILLAGE, 2), step('dispatch', TOWN, 3)].map((r, i) => event(i + 1, r));
    // the village, offline, dispatched too after it had escalated
    events.push(event(9, step('dispatch', VILLAGE, 2.5, { payload: { assignee: 'staff:w9', deadline: at(20) } })));
    const replay = replayTicket(base(), events);
    expect(replay.ticket).toMatchObject({ state: 'handling', holderCode: TOWN, assignee: 'staff:w1' });
    const ineffective = replay.events.filter((e) => e.refusal);
    expect(ineffective.map((e) => [e.event.id, e.refusal?.reason])).toEqual([['ticketEvent:GD1-09', 'notHolder']]);
  });

  it('the same events give the same ticket in any arrival order', () => {
    const events = [...closed].map((r, i) => event(i + 1, r));
    const forward = replayTicket(base(), events).ticket;
    const backward = replayTicket(base(), [...events].reverse()).ticket;
    expect(backward).toEqual(forward);
    expect(forward).toMatchObject({ state: 'closed', photoIds: ['photo:a'], lastEventAt: at(6) });
  });

  it('events whose report has not arrived yet are read against the stored ticket', () => {
    const stored = { ...base(), state: 'handling' as const, deadline: at(10), dispatchedAt: at(2), assignee: 'staff:w1' };
    const replay = replayTicket(stored, [event(5, step('feedback', VILLAGE, 4))]);
    expect(replay.ticket.state).toBe('pendingVerification');
  });

  it('every history of the demo district is a path the machine allows, and replays to the demo order', () => {
    const district = generateDemoDistrict({});
    const byTicket = new Map<string, EventDoc[]>();
    for (const e of district.docs.ticketEvents) byTicket.set(e.subjectId, [...(byTicket.get(e.subjectId) ?? []), e]);
    const bad: string[] = [];
    for (const ticket of district.docs.tickets) {
      const replay = replayTicket(ticket, byTicket.get(ticket.id) ?? []);
      for (const e of replay.events) if (e.refusal) bad.push(`${ticket.number} ${e.event.action}: ${e.refusal.message}`);
      for (const field of ['state', 'holderCode', 'deadline', 'onTime', 'supervised', 'selfHandled'] as const) {
        if (replay.ticket[field] !== ticket[field]) bad.push(`${ticket.number} ${field}: ${String(replay.ticket[field])} ≠ ${String(ticket[field])}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect([...allDemoDocs(district)].length).toBeGreaterThan(0);
  });
});
