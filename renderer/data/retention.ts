/**
 * The workstation's retention rule, run at start and daily while the station is open: refused
 * and conflict records settled more than N days ago are cleared (sync/retention.ts), N from the
 * district's `settledRetentionDays` setting (core/settings.ts; 90 when unset). Each removal is
 * logged (kind, document id, when it was settled: never the document itself) and the last run
 * is kept per station, so the 同步 screen states the rule and what was last cleared.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { RxCollection } from 'rxdb';
import type { QuarantineDoc, QuarantineKind, SettingDoc } from '../../core/schema';
import { DEFAULT_SETTLED_RETENTION_DAYS, effectiveSettings, settingIdsFor } from '../../core/settings';
import { clearSettled } from '../../sync/retention';
import { useDatabase, useSession } from './session';
import { useLive } from './useLive';

const DAY_MS = 86_400_000;
const keyOf = (stationCode: string) => `gridlink.retention.${stationCode}`;

/** What the 同步 screen shows of the last run (kept across restarts). */
export interface RetentionSummary {
  at: string;
  days: number;
  removed: number;
  byKind: Partial<Record<QuarantineKind, number>>;
}

export interface RetentionCollections {
  quarantine: RxCollection<QuarantineDoc>;
  settings: RxCollection<SettingDoc>;
}

const listeners = new Set<() => void>();

export function lastRetention(stationCode: string): RetentionSummary | null {
  try {
    const text = window.localStorage.getItem(keyOf(stationCode));
    return text ? (JSON.parse(text) as RetentionSummary) : null;
  } catch {
    return null;
  }
}

/** The days the district set for this station, or the default. */
export function retentionDaysOf(stationCode: string, docs: readonly SettingDoc[]): number {
  return effectiveSettings(stationCode, docs).settledRetentionDays ?? DEFAULT_SETTLED_RETENTION_DAYS;
}

/** One run of the rule: clears, logs each removal, remembers the summary. */
export async function runRetention(db: RetentionCollections, stationCode: string, now: Date = new Date()): Promise<RetentionSummary> {
  const settings = await db.settings.find({ selector: { id: { $in: settingIdsFor(stationCode) } } }).exec();
  const days = retentionDaysOf(stationCode, settings.map((doc) => doc.toJSON() as SettingDoc));
  const run = await clearSettled(db.quarantine, days, now);
  const byKind: Partial<Record<QuarantineKind, number>> = {};
  for (const record of run.removed) {
    byKind[record.kind] = (byKind[record.kind] ?? 0) + 1;
    console.info(`retention: cleared ${record.kind} record of ${record.docId}, settled ${record.resolvedAt} (rule: ${days} days)`);
  }
  console.info(`retention: ${run.removed.length} settled record(s) cleared, settled before ${run.cutoff}`);
  const summary: RetentionSummary = { at: run.at, days, removed: run.removed.length, byKind };
  try {
    window.localStorage.setItem(keyOf(stationCode), JSON.stringify(summary));
  } catch {
    // Storage refused: the log lines above still say what was cleared.
  }
  for (const listener of listeners) listener();
  return summary;
}

/** Runs the rule now and then every day while the station is open; returns the stop. */
export function startRetention(db: RetentionCollections, stationCode: string, everyMs = DAY_MS): () => void {
  const run = () => {
    runRetention(db, stationCode).catch((error: unknown) => console.error('retention: clearing settled records failed', error));
  };
  run();
  const timer = setInterval(run, everyMs);
  return () => clearInterval(timer);
}

/** The rule in force for the open station and its last run, live. */
export function useRetention(): { days: number | undefined; last: RetentionSummary | null } {
  const { station } = useSession();
  const db = useDatabase();
  const code = station.stationCode;
  const settings = useLive(useMemo(() => db.settings.find({ selector: { id: { $in: settingIdsFor(code) } } }).$, [db, code]));
  const days = settings ? retentionDaysOf(code, settings.map((doc) => doc.toJSON() as SettingDoc)) : undefined;
  const text = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => {
      try {
        return window.localStorage.getItem(keyOf(code));
      } catch {
        return null;
      }
    },
  );
  const last = useMemo(() => (text ? (JSON.parse(text) as RetentionSummary) : null), [text]);
  return { days, last };
}
