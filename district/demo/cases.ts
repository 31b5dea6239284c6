/**
 * People's mediation cases (人民调解) and their events: parties with valid ID numbers (or credit
 * codes for organisations), the dispute types of the official statistics, sessions, agreements,
 * follow-up visits and, for some, court confirmation — each at a stage of its month-long life.
 */
import { scopeOfUnit } from '../../core/org';
import { docId, type CaseState, type EventDoc, type MediationCaseDoc, type DISPUTE_TYPES, type CASE_SOURCES } from '../../core/schema';
import { demoNow, HOUR_MS, iso, officeTimeDaysAgo } from './calendar';
import type { DemoVillage } from './context';
import { formatNumber } from '../../core/mediation/numbering';
import { creditCode, mobilePhone, residentId } from './identity';
import type { Random, Weighted } from './random';
import { roadAddress } from './components';

type DisputeType = (typeof DISPUTE_TYPES)[number];
type CaseSource = (typeof CASE_SOURCES)[number];
type Party = MediationCaseDoc['parties'][number];
type CaseStage = Exclude<CaseState, 'escalated'>;

const DAY_MS = 24 * HOUR_MS;

const DISPUTE_WEIGHTS: Weighted<DisputeType> = [
  ['邻里', 20], ['婚姻家庭', 15], ['房屋宅基地', 10], ['合同', 8], ['劳动争议', 10], ['物业', 8], ['损害赔偿', 7],
  ['道路交通事故', 6], ['消费', 5], ['生产经营', 4], ['征地拆迁', 3], ['环境污染', 3], ['医疗', 2], ['山林土地', 2], ['其他', 3],
];
const SOURCE_WEIGHTS: Weighted<CaseSource> = [['application', 45], ['proactive', 30], ['policeTransfer', 12], ['courtEntrusted', 5], ['governmentAssigned', 8]];
const STAGE_WEIGHTS: Weighted<CaseStage> = [['archived', 45], ['agreed', 18], ['mediating', 15], ['registered', 8], ['failed', 7], ['terminated', 3], ['referred', 4]];
/** Days since acceptance, chosen so each stage's events all lie before "now". */
const AGE_DAYS: Record<CaseStage, readonly [number, number]> = {
  registered: [0, 4],
  mediating: [3, 25],
  agreed: [22, 40],
  archived: [60, 360],
  failed: [25, 360],
  terminated: [25, 360],
  referred: [25, 360],
};

/** Disputes whose other side is usually a company. */
const AGAINST_ORGANISATION: ReadonlySet<DisputeType> = new Set(['劳动争议', '合同', '消费', '生产经营', '物业', '环境污染', '医疗']);
const COMPANY_WORDS = ['精密机械', '电子科技', '物业管理', '纺织', '建设工程', '餐饮管理', '物流', '装饰工程', '医疗门诊部', '商贸'];

const SUMMARIES: Record<DisputeType, string> = {
  邻里: '双方因相邻房屋排水、通行问题多次发生争执，申请人要求对方拆除堵塞排水沟的杂物。',
  婚姻家庭: '双方因赡养老人费用分担问题产生矛盾，老人由一方长期照料，要求另一方分担费用。',
  房屋宅基地: '双方对宅基地界址存在争议，一方翻建房屋时越界约0.5米，另一方要求恢复原状。',
  合同: '申请人为被申请人完成装修工程后，被申请人以质量问题为由拒付剩余工程款。',
  劳动争议: '企业经营困难拟裁员，员工要求依法支付经济补偿金及拖欠工资。',
  物业: '业主因小区停车位分配及物业服务质量问题拒交物业费，物业公司要求补缴。',
  损害赔偿: '被申请人饲养的犬只咬伤申请人，双方就医疗费、误工费赔偿数额协商未果。',
  道路交通事故: '双方电动自行车与小型轿车发生碰撞，交警认定机动车负主要责任，双方就赔偿数额产生分歧。',
  消费: '申请人在被申请人处办理预付卡后门店停业，要求退还卡内余额。',
  生产经营: '双方合伙经营农家乐，因经营亏损分担和设备归属发生纠纷。',
  征地拆迁: '申请人对房屋征收补偿面积认定有异议，要求重新测量并增加补偿。',
  环境污染: '居民反映附近企业夜间生产噪声和异味影响休息，要求企业整改并给予补偿。',
  医疗: '患者在诊所输液后出现不良反应，家属要求诊所承担医疗费用。',
  山林土地: '两户因承包地边界及地上果树归属发生争执，双方各执一词。',
  其他: '双方因借款归还期限及利息计算方式发生争议。',
};

export interface CaseInputs {
  villages: DemoVillage[];
  names: Map<string, string>;
  /** village code → ids of its work orders about disputes, which grid workers refer to mediation. */
  disputeTickets: Map<string, string[]>;
  perVillage: number;
}

export interface MediationStage {
  mediationCases: MediationCaseDoc[];
  caseEvents: EventDoc[];
}

function person(random: Random, side: 'applicant' | 'respondent', village: DemoVillage): Party {
  const male = random.chance(0.5);
  return {
    side,
    kind: 'person',
    name: random.personName(),
    idNumber: residentId(random, random.int(1950, 2003), male),
    phone: mobilePhone(random),
    address: roadAddress(random, village),
  };
}

function organisation(random: Random, village: DemoVillage): Party {
  return {
    side: 'respondent',
    kind: 'organisation',
    name: `苏州${random.pick(['吴中', '太湖', '金山', '香溪', '胥江'])}${random.pick(COMPANY_WORDS)}有限公司`,
    creditCode: creditCode(random, village.code.slice(0, 6)),
    phone: mobilePhone(random),
    address: roadAddress(random, village),
  };
}

function amountFor(random: Random, type: DisputeType, headcount: number): number {
  switch (type) {
    case '劳动争议':
      return headcount * random.int(3, 30) * 1000;
    case '合同':
    case '生产经营':
    case '征地拆迁':
      return random.int(10, 500) * 1000;
    case '道路交通事故':
    case '损害赔偿':
    case '医疗':
      return random.int(2, 150) * 1000;
    case '消费':
    case '物业':
      return random.int(5, 200) * 100;
    default:
      return random.chance(0.4) ? random.int(1, 50) * 1000 : 0;
  }
}

/** A village's mediation committee as its cases see it: who mediates, where, and its number counters. */
interface Station {
  village: DemoVillage;
  scope: string[];
  mediator: string;
  mediatorName: string;
  place: string;
  // Numbers count per station and year, as a station hands them out (core/mediation/numbering).
  casesInYear: Map<number, number>;
  agreementsInYear: Map<number, number>;
}

/** What a case is about, drawn first: the dispute, its stage, the parties, the sum and when it was accepted. */
interface Dispute {
  disputeType: DisputeType;
  stage: CaseStage;
  headcount: number;
  parties: Party[];
  amount: number;
  acceptedAt: number;
}

/** One step of a case's history, before it becomes an event document. */
interface CaseEvent {
  action: string;
  at: number;
  note: string;
  payload?: Record<string, unknown>;
}

export function generateCases(random: Random, inputs: CaseInputs): MediationStage {
  const mediationCases: MediationCaseDoc[] = [];
  const caseEvents: EventDoc[] = [];
  for (const village of inputs.villages) {
    const station = stationOf(village, inputs.names);
    for (let seq = 1; seq <= inputs.perVillage; seq++) {
      const { doc, events } = oneCase(random, inputs, station);
      mediationCases.push(doc);
      caseEvents.push(...events);
    }
  }
  return { mediationCases, caseEvents };
}

/** The mediation committee of `village`, its counters still at zero. */
function stationOf(village: DemoVillage, names: Map<string, string>): Station {
  const mediator = village.mediatorIds[0] ?? village.gridHeadId;
  return {
    village,
    scope: scopeOfUnit(village.code),
    mediator,
    mediatorName: names.get(mediator) ?? '',
    place: `${village.name}人民调解委员会调解室`,
    casesInYear: new Map<number, number>(),
    agreementsInYear: new Map<number, number>(),
  };
}

/** Counts one more number in the year of `at`: that year and the number's sequence in it. */
function countIn(counter: Map<number, number>, at: number) {
  // The year in China (UTC+8), whatever the time zone of the machine generating the demo.
  const year = new Date(at + 8 * HOUR_MS).getUTCFullYear();
  counter.set(year, (counter.get(year) ?? 0) + 1);
  return { year, sequence: counter.get(year)! };
}

/** One mediation case of `station` and its event documents. */
function oneCase(random: Random, inputs: CaseInputs, station: Station): { doc: MediationCaseDoc; events: EventDoc[] } {
  const dispute = drawDispute(random, station.village);
  const caseCount = countIn(station.casesInYear, dispute.acceptedAt);
  const number = formatNumber('case', station.village.code, caseCount.year, caseCount.sequence);
  const events: CaseEvent[] = [];
  events.push({ action: 'register', at: dispute.acceptedAt, note: `受理登记：${dispute.disputeType}纠纷` });
  const { sessions, lastSessionAt } = drawSessions(random, station, dispute, events);
  const doc = caseDocOf(random, inputs, station, dispute, number, sessions);
  recordOutcome(random, station, dispute, doc, lastSessionAt, events);
  const last = events.reduce((a, b) => (b.at > a.at ? b : a));
  doc.updatedAt = iso(last.at);
  return { doc, events: caseEventDocs(station, doc, events) };
}

/** Draws what a case is about: its dispute type, stage, parties, amount and acceptance time. */
function drawDispute(random: Random, village: DemoVillage): Dispute {
  const disputeType = random.weighted(DISPUTE_WEIGHTS);
  const stage = random.weighted(STAGE_WEIGHTS);
  const against = AGAINST_ORGANISATION.has(disputeType) && random.chance(0.7);
  const applicant = person(random, 'applicant', village);
  // A labour dispute against a company is often many employees on one side (47 in DOMAIN.md's example).
  const headcount = disputeType === '劳动争议' && against && random.chance(0.3) ? random.int(5, 60) : 1;
  if (headcount > 1) applicant.headcount = headcount;
  const parties = [applicant, against ? organisation(random, village) : person(random, 'respondent', village)];
  const amount = amountFor(random, disputeType, headcount);
  const [minAge, maxAge] = AGE_DAYS[stage];
  const acceptedAt = officeTimeDaysAgo(random.int(minAge, maxAge), random.unit());
  return { disputeType, stage, headcount, parties, amount, acceptedAt };
}

/** Draws a case's mediation sessions (adding their events): the sessions and when the last one ended. */
function drawSessions(random: Random, station: Station, dispute: Dispute, events: CaseEvent[]): { sessions: NonNullable<MediationCaseDoc['sessions']>; lastSessionAt: number } {
  const { stage, parties, acceptedAt } = dispute;
  const sessionCount = stage === 'registered' ? 0 : stage === 'mediating' ? random.int(0, 1) : random.int(1, 3);
  const sessions: NonNullable<MediationCaseDoc['sessions']> = [];
  let t = acceptedAt;
  for (let s = 0; s < sessionCount; s++) {
    t += random.int(1, stage === 'mediating' ? 2 : 6) * DAY_MS;
    if (t > demoNow()) break;
    const record = s === sessionCount - 1 && stage !== 'mediating' ? '经释法明理、背对背沟通，双方立场趋于一致。' : '听取双方陈述，了解争议焦点，组织双方面对面协商。';
    sessions.push({ at: iso(t), place: station.place, attendees: `${station.mediatorName}、${parties.map((p) => p.name).join('、')}`, record, photoIds: [] });
    events.push({ action: 'session', at: t, note: record });
  }
  return { sessions, lastSessionAt: t };
}

/** The case document as accepted, drawing its source, referred work order and criminal-risk flag. */
function caseDocOf(random: Random, inputs: CaseInputs, station: Station, dispute: Dispute, number: string, sessions: NonNullable<MediationCaseDoc['sessions']>): MediationCaseDoc {
  const { village, scope, mediator } = station;
  const { disputeType, stage, headcount, parties, amount, acceptedAt } = dispute;
  const source = random.weighted(SOURCE_WEIGHTS);
  // A proactive case often starts as a grid worker's work order about a dispute risk.
  const referrals = inputs.disputeTickets.get(village.code) ?? [];
  const ticketId = source === 'proactive' && referrals.length > 0 ? random.pick(referrals) : undefined;

  return {
    id: docId('mediationCase', number),
    type: 'mediationCase',
    scope,
    createdAt: iso(acceptedAt),
    updatedAt: iso(acceptedAt),
    updatedBy: mediator,
    number,
    ownerCode: village.code,
    parties,
    disputeType,
    source,
    ...(ticketId ? { ticketId } : {}),
    peopleInvolved: headcount + 1,
    amountInvolved: amount,
    summary: SUMMARIES[disputeType],
    mediatorStaffIds: village.mediatorIds.length > 0 ? village.mediatorIds.slice(0, 2) : [],
    state: stage,
    acceptedAt: iso(acceptedAt),
    deadline: iso(acceptedAt + 30 * DAY_MS),
    extensions: [],
    sessions,
    jointDepartments: headcount > 1 ? ['区人力资源和社会保障局', '区劳动保障监察大队'] : [],
    followUps: [],
    preventedCriminal: random.chance(0.04),
    preventedMassPetition: headcount >= 10,
  };
}

/**
 * Draws how a case ended after its last session and records it on `doc` and in `events`: the
 * agreement with its court confirmation, follow-up visit and archiving, or the failure, termination
 * or referral.
 */
function recordOutcome(random: Random, station: Station, dispute: Dispute, doc: MediationCaseDoc, lastSessionAt: number, events: CaseEvent[]): void {
  const { village, mediator } = station;
  const { disputeType, stage, amount } = dispute;
  const endAt = lastSessionAt + random.int(2, 8) * HOUR_MS;
  if (stage === 'agreed' || stage === 'archived') {
    const agreementCount = countIn(station.agreementsInYear, endAt);
    const agreementNumber = formatNumber('agreement', village.code, agreementCount.year, agreementCount.sequence);
    doc.outcome = { kind: 'agreement', at: iso(endAt) };
    doc.agreement = {
      number: agreementNumber,
      facts: SUMMARIES[disputeType],
      terms: amount > 0 ? `被申请人于协议签订后十五日内一次性支付申请人人民币${amount}元，双方就本纠纷再无其他争议。` : '双方互谅互让，被申请人于七日内恢复原状，今后和睦相处。',
      performance: '当场或按约定期限履行，由调解委员会监督。',
      performBy: iso(endAt + 15 * DAY_MS),
      amount,
      signedAt: iso(endAt),
    };
    events.push({ action: 'agree', at: endAt, note: `达成调解协议 ${agreementNumber}`, payload: { agreementNumber, amount } });
    if (random.chance(0.1)) {
      const appliedAt = endAt + random.int(3, 20) * DAY_MS;
      if (appliedAt < demoNow()) {
        doc.courtConfirmation = { appliedAt: iso(appliedAt), court: '苏州市吴中区人民法院', result: stage === 'archived' ? 'confirmed' : 'pending' };
        events.push({ action: 'courtConfirmation', at: appliedAt, note: '当事人申请司法确认' });
      }
    }
    if (stage === 'archived') {
      const visitAt = endAt + random.int(10, 25) * DAY_MS;
      const performed = random.chance(0.93);
      doc.followUps = [{ at: iso(visitAt), performed, satisfaction: performed ? random.weighted([['satisfied', 85], ['neutral', 15]] as const) : 'dissatisfied', remainingRisk: performed ? '无' : '部分款项未付，持续跟踪', by: mediator }];
      events.push({ action: 'followUp', at: visitAt, note: performed ? '回访：协议已履行，当事人满意' : '回访：协议未完全履行' });
      events.push({ action: 'archive', at: visitAt + random.int(1, 5) * DAY_MS, note: '卷宗归档' });
    }
  } else if (stage === 'failed' || stage === 'terminated' || stage === 'referred') {
    const kind = stage === 'failed' ? 'noAgreement' : stage;
    const reason = stage === 'failed' ? '双方分歧较大，调解不成' : stage === 'terminated' ? '申请人撤回调解申请' : '引导当事人通过诉讼途径解决';
    doc.outcome = { kind, reason, at: iso(endAt) };
    events.push({ action: stage === 'failed' ? 'fail' : stage === 'terminated' ? 'terminate' : 'refer', at: endAt, note: reason });
  }
}

/** The event documents of a case's history, numbered in the order they were recorded. */
function caseEventDocs(station: Station, doc: MediationCaseDoc, events: CaseEvent[]): EventDoc[] {
  const { village, scope, mediator } = station;
  return events.map((e, i) => ({
    id: docId('caseEvent', `${doc.number}-${String(i + 1).padStart(2, '0')}`),
    type: 'caseEvent',
    scope: [...scope],
    createdAt: iso(e.at),
    updatedAt: iso(e.at),
    updatedBy: mediator,
    subjectId: doc.id,
    action: e.action,
    at: iso(e.at),
    by: mediator,
    byUnit: village.code,
    note: e.note,
    photoIds: [],
    payload: e.payload ?? {},
  }));
}
