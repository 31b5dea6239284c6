/**
 * Mediation statistics of a period, per station and in total, as the monthly report asks:
 * cases by dispute type and by source, concluded cases and the success rate (agreements among
 * concluded cases), agreement amounts, cases past the one-month mark, and the two prevention
 * counts (防止民转刑, 防止群体性上访), how agreements were performed (履行率, from the follow-up
 * visits) and court confirmations (司法确认). A case counts in the period it was accepted in.
 * Given the units of the report, every one of them has a row, cases or not.
 */
import dayjs from 'dayjs';
import { CASE_SOURCES, DISPUTE_TYPES, type MediationCaseDoc } from '../schema';
import { isPastOneMonth } from './clock';
import type { CaseSource, DisputeType } from './registration';

export interface Period {
  /** Inclusive, ISO. */
  from: string;
  /** Exclusive, ISO. */
  to: string;
}

export interface MediationFigures {
  cases: number;
  byType: Record<DisputeType, number>;
  bySource: Record<CaseSource, number>;
  /** Cases with an outcome (agreement, no agreement, terminated, referred). */
  concluded: number;
  agreements: number;
  /** agreements / concluded, 0–1; null when nothing is concluded yet. */
  successRate: number | null;
  agreementAmount: number;
  /** Took, or is taking, longer than one month from acceptance. */
  pastOneMonth: number;
  escalated: number;
  archived: number;
  preventedCriminal: number;
  preventedMassPetition: number;
  peopleInvolved: number;
  /** Agreements with at least one follow-up visit (回访). */
  followedUp: number;
  /** Of those, performed at the latest visit. */
  performed: number;
  /** performed / followedUp, 0–1; null without visits. */
  performanceRate: number | null;
  /** Agreements whose parties applied for court confirmation (申请司法确认). */
  courtApplied: number;
  /** Confirmed by the court (司法确认). */
  courtConfirmed: number;
}

export interface MediationStats {
  period: Period;
  total: MediationFigures;
  /** Per owning station, by station code, sorted by code. */
  stations: { code: string; figures: MediationFigures }[];
}

type StatsCase = Pick<
  MediationCaseDoc,
  'ownerCode' | 'disputeType' | 'source' | 'state' | 'outcome' | 'agreement' | 'acceptedAt' | 'preventedCriminal' | 'preventedMassPetition' | 'peopleInvolved' | 'escalation'
> & Partial<Pick<MediationCaseDoc, 'id' | 'followUps' | 'courtConfirmation'>>;

function emptyFigures(): MediationFigures {
  return {
    cases: 0,
    byType: Object.fromEntries(DISPUTE_TYPES.map((type) => [type, 0])) as Record<DisputeType, number>,
    bySource: Object.fromEntries(CASE_SOURCES.map((source) => [source, 0])) as Record<CaseSource, number>,
    concluded: 0,
    agreements: 0,
    successRate: null,
    agreementAmount: 0,
    pastOneMonth: 0,
    escalated: 0,
    archived: 0,
    preventedCriminal: 0,
    preventedMassPetition: 0,
    peopleInvolved: 0,
    followedUp: 0,
    performed: 0,
    performanceRate: null,
    courtApplied: 0,
    courtConfirmed: 0,
  };
}

function add(figures: MediationFigures, doc: StatsCase, now: Date): void {
  figures.cases += 1;
  figures.byType[doc.disputeType] += 1;
  figures.bySource[doc.source] += 1;
  if (doc.outcome) figures.concluded += 1;
  if (doc.outcome?.kind === 'agreement') {
    figures.agreements += 1;
    figures.agreementAmount += doc.agreement?.amount ?? 0;
  }
  if (isPastOneMonth(doc, now)) figures.pastOneMonth += 1;
  // Escalated stays counted once the town took the case over (and the state moved on).
  if (doc.state === 'escalated' || doc.escalation) figures.escalated += 1;
  if (doc.state === 'archived') figures.archived += 1;
  if (doc.preventedCriminal) figures.preventedCriminal += 1;
  if (doc.preventedMassPetition) figures.preventedMassPetition += 1;
  figures.peopleInvolved += doc.peopleInvolved ?? 0;
  if (doc.outcome?.kind === 'agreement' && doc.followUps && doc.followUps.length > 0) {
    figures.followedUp += 1;
    const latest = [...doc.followUps].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[doc.followUps.length - 1];
    if (latest.performed) figures.performed += 1;
  }
  if (doc.courtConfirmation) {
    figures.courtApplied += 1;
    if (doc.courtConfirmation.result === 'confirmed') figures.courtConfirmed += 1;
  }
}

function finish(figures: MediationFigures): MediationFigures {
  figures.successRate = figures.concluded > 0 ? figures.agreements / figures.concluded : null;
  figures.performanceRate = figures.followedUp > 0 ? figures.performed / figures.followedUp : null;
  // Amounts are money: keep to fen, not float noise.
  figures.agreementAmount = Math.round(figures.agreementAmount * 100) / 100;
  return figures;
}

export interface MediationStatsOptions {
  /** The units the report lists (e.g. every village of a town): each gets a row, cases or not, in this order. */
  units?: readonly string[];
  /** Rows by this key of the owning station (e.g. a district's rows are its towns); the station's code by default. */
  rowOf?: (ownerCode: string) => string;
}

export function mediationStats(cases: Iterable<StatsCase>, period: Period, now: Date = new Date(), options: MediationStatsOptions = {}): MediationStats {
  const from = dayjs(period.from);
  const to = dayjs(period.to);
  const total = emptyFigures();
  const perStation = new Map<string, MediationFigures>((options.units ?? []).map((unit) => [unit, emptyFigures()]));
  const rowOf = options.rowOf ?? ((code: string) => code);
  for (const doc of cases) {
    const accepted = dayjs(doc.acceptedAt);
    if (accepted.isBefore(from) || !accepted.isBefore(to)) continue;
    add(total, doc, now);
    const row = rowOf(doc.ownerCode);
    let station = perStation.get(row);
    if (!station) perStation.set(row, (station = emptyFigures()));
    add(station, doc, now);
  }
  const listed = options.units ?? [];
  const others = [...perStation.keys()].filter((code) => !listed.includes(code));
  return {
    period,
    total: finish(total),
    stations: [...listed, ...others.sort()].map((code) => ({ code, figures: finish(perStation.get(code)!) })),
  };
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The calendar month, quarter or year containing `date` (local time). */
export function periodContaining(kind: PeriodKind, date: Date = new Date()): Period {
  const day = dayjs(date);
  let start = day.startOf(kind === 'quarter' ? 'month' : kind);
  if (kind === 'quarter') start = start.month(Math.floor(start.month() / 3) * 3);
  const end = start.add(kind === 'quarter' ? 3 : 1, kind === 'year' ? 'year' : 'month');
  return { from: start.toISOString(), to: end.toISOString() };
}
