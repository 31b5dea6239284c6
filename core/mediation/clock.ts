/**
 * The one-month clock of a mediation case: people's mediation is normally finished within one
 * month of acceptance; a recorded extension (days and reason) moves the deadline. The deadline
 * is stored on the case (lists sort and filter on it) and always recomputed from acceptance and
 * extensions, so a merged list of extensions yields the right deadline.
 */
import dayjs from 'dayjs';
import type { MediationCaseDoc } from '../schema';

export type Extension = NonNullable<MediationCaseDoc['extensions']>[number];

/** Longest single extension a clerk may record; longer ones need a new extension and reason. */
export const MAX_EXTENSION_DAYS = 30;

/** Acceptance + one calendar month + every recorded extension. */
export function deadlineOf(acceptedAt: string, extensions: readonly Extension[] = []): string {
  const days = extensions.reduce((sum, extension) => sum + extension.days, 0);
  return dayjs(acceptedAt).add(1, 'month').add(days, 'day').toISOString();
}

/** The plain one-month mark, without extensions (the statistic "past one month" uses it). */
export function oneMonthAfter(acceptedAt: string): string {
  return dayjs(acceptedAt).add(1, 'month').toISOString();
}

export interface ClockReading {
  deadline: string;
  /** Whole days left to the deadline (negative once past it); for finished cases, at finishing. */
  daysLeft: number;
  overdue: boolean;
  /** The case has an outcome, so the clock has stopped. */
  stopped: boolean;
  extendedDays: number;
}

/** Where a case stands against its deadline at `now` (or at its outcome, once it has one). */
export function readClock(doc: Pick<MediationCaseDoc, 'acceptedAt' | 'extensions' | 'outcome'>, now: Date = new Date()): ClockReading {
  const extensions = doc.extensions ?? [];
  const deadline = deadlineOf(doc.acceptedAt, extensions);
  const stoppedAt = doc.outcome ? dayjs(doc.outcome.at) : dayjs(now);
  const daysLeft = dayjs(deadline).diff(stoppedAt, 'day', true);
  return {
    deadline,
    // Whole days, rounded away from the deadline: 29.9 days left is "30 days", 0.5 past is "1 day over".
    daysLeft: daysLeft >= 0 ? Math.ceil(daysLeft) : -Math.ceil(-daysLeft),
    overdue: daysLeft < 0,
    stopped: Boolean(doc.outcome),
    extendedDays: extensions.reduce((sum, extension) => sum + extension.days, 0),
  };
}

/** True when the case took (or is taking) longer than one month from acceptance, extensions aside. */
export function isPastOneMonth(doc: Pick<MediationCaseDoc, 'acceptedAt' | 'outcome'>, now: Date = new Date()): boolean {
  const end = doc.outcome ? dayjs(doc.outcome.at) : dayjs(now);
  return end.isAfter(oneMonthAfter(doc.acceptedAt));
}
