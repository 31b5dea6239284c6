/**
 * Case and agreement numbers, counted per station and per year: TJ320506101002-2025-0007 is the
 * seventh case accepted by station 320506101002 in 2025; XY…-2025-0003 its third agreement.
 * The station code makes a number unique in the district (towns list their villages' cases).
 *
 * Numbers are allocated on the workstation from the cases it holds. Two workstations of one
 * station working offline can hand out the same number; `duplicateNumbers` finds such pairs
 * after sync so staff can renumber one (doc ids do not depend on the number, nothing merges).
 */
import dayjs from 'dayjs';

export type NumberKind = 'case' | 'agreement';

const PREFIX: Record<NumberKind, string> = { case: 'TJ', agreement: 'XY' };
const PATTERN = /^(TJ|XY)([0-9]{6,12})-([0-9]{4})-([0-9]{4,})$/;

export interface ParsedNumber {
  kind: NumberKind;
  stationCode: string;
  year: number;
  sequence: number;
}

export function formatNumber(kind: NumberKind, stationCode: string, year: number, sequence: number): string {
  return `${PREFIX[kind]}${stationCode}-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseNumber(value: string): ParsedNumber | null {
  const match = PATTERN.exec(value);
  if (!match) return null;
  return { kind: match[1] === 'TJ' ? 'case' : 'agreement', stationCode: match[2], year: Number(match[3]), sequence: Number(match[4]) };
}

/** The year a number counts in: the local calendar year of the acceptance or signing. */
export function yearOf(iso: string): number {
  return dayjs(iso).year();
}

/** The next free number of a station and year, after the highest one among `existing`. */
export function nextNumber(kind: NumberKind, stationCode: string, year: number, existing: Iterable<string | undefined>): string {
  let highest = 0;
  for (const value of existing) {
    const parsed = value ? parseNumber(value) : null;
    if (parsed && parsed.kind === kind && parsed.stationCode === stationCode && parsed.year === year) highest = Math.max(highest, parsed.sequence);
  }
  return formatNumber(kind, stationCode, year, highest + 1);
}

/** Numbers held by more than one document (number → ids), e.g. after two offline workstations synced. */
export function duplicateNumbers(docs: Iterable<{ id: string; number: string }>): Map<string, string[]> {
  const byNumber = new Map<string, string[]>();
  for (const doc of docs) byNumber.set(doc.number, [...(byNumber.get(doc.number) ?? []), doc.id]);
  for (const [number, ids] of byNumber) if (ids.length < 2) byNumber.delete(number);
  return byNumber;
}
