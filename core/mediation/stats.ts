/**
 * Mediation statistics of a period, per station and in total, as the monthly report asks:
 * cases by dispute type and by source, concluded cases and the success rate (agreements among
 * concluded cases), agreement amounts, cases past the one-month mark, and the two prevention
 * counts (防止民转刑, 防止群体性上访). A case counts in the period it was accepted in.
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
>;

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
}

function finish(figures: MediationFigures): MediationFigures {
  figures.successRate = figures.concluded > 0 ? figures.agreements / figures.concluded : null;
  // Amounts are money: keep to fen, not float noise.
  figures.agreementAmount = Math.round(figures.agreementAmount * 100) / 100;
  return figures;
}

export function mediationStats(cases: Iterable<StatsCase>, period: Period, now: Date = new Date()): MediationStats {
  const from = dayjs(period.from);
  const to = dayjs(period.to);
  const total = emptyFigures();
  const perStation = new Map<string, MediationFigures>();
  for (const doc of cases) {
    const accepted = dayjs(doc.acceptedAt);
    if (accepted.isBefore(from) || !accepted.isBefore(to)) continue;
    add(total, doc, now);
    let station = perStation.get(doc.ownerCode);
    if (!station) perStation.set(doc.ownerCode, (station = emptyFigures()));
    add(station, doc, now);
  }
  return {
    period,
    total: finish(total),
    stations: [...perStation.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, figures]) => ({ code, figures: finish(figures) })),
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
