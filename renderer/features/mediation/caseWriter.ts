/**
 * Writing a case from the screens: each step (core/mediation) runs on the latest stored case,
 * is pre-checked against the shared write rules (the server's validate_doc_update gives the same
 * answer), and its audit event is stored next to it. A refused step throws with the reason in
 * Chinese and leaves the stored case as it was.
 */
import { useMemo } from 'react';
import type { RxCollection, RxDocument } from 'rxdb';
import { t } from '../../../core/i18n';
import type { Actor, CaseChange, Settlement } from '../../../core/mediation';
import { checkWrite, roleOfUnit, type RuleUserCtx } from '../../../core/rules';
import type { EventDoc, MediationCaseDoc } from '../../../core/schema';
import { useSession } from '../../data/session';

export class RefusedWrite extends Error {
  override readonly name = 'RefusedWrite';
}

/** The doc without RxDB's bookkeeping (`_meta`, `_rev` …), as the rules and the merge see it. */
function dataOf<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_'))) as T;
}

/** The collections a case step writes: the case, and its audit event. */
export interface CaseCollections {
  cases: RxCollection<MediationCaseDoc>;
  events: RxCollection<EventDoc>;
}

export interface CaseWriter {
  actor: Actor;
  /** Every case and agreement number this workstation holds (for numbering). */
  numbers(): Promise<{ cases: string[]; agreements: string[] }>;
  create(change: CaseChange): Promise<void>;
  /** Runs `step` on the latest version of the case and stores the result and its event. */
  apply(caseId: string, step: (doc: MediationCaseDoc) => CaseChange): Promise<MediationCaseDoc>;
  /** Settles a conflict record: `make` decides on the latest case (null doc: the current value stays). */
  settle(caseId: string, make: (doc: MediationCaseDoc) => Settlement): Promise<void>;
}

export function useCaseWriter(): CaseWriter {
  const { db, station, actor } = useSession();
  return useMemo(() => createCaseWriter(db, station.stationCode, actor), [db, station, actor]);
}

/** The writer over a station's cases and events (the screens use it through useCaseWriter). */
export function createCaseWriter(db: CaseCollections, stationCode: string, actor: Actor): CaseWriter {
  const userCtx: RuleUserCtx = { name: actor.name, roles: [roleOfUnit(stationCode)] };

  function precheck(next: MediationCaseDoc, old: MediationCaseDoc | null): void {
    const verdict = checkWrite(dataOf(next), old ? dataOf(old) : null, userCtx);
    if (!verdict.ok) throw new RefusedWrite(t('mediation:casePage.refusedByRules', { message: verdict.message }));
  }

  async function latest(caseId: string): Promise<RxDocument<MediationCaseDoc>> {
    const found = await db.cases.findOne(caseId).exec();
    if (!found) throw new RefusedWrite(t('mediation:casePage.notFound'));
    return found;
  }

  return {
    actor,
    async numbers() {
      const all = await db.cases.find().exec();
      return { cases: all.map((c) => c.number), agreements: all.map((c) => c.agreement?.number ?? '').filter(Boolean) };
    },
    async create(change) {
      precheck(change.doc, null);
      await db.cases.insert(change.doc);
      await db.events.insert(change.event);
    },
    async apply(caseId, step) {
      const doc = await latest(caseId);
      let event: EventDoc | undefined;
      const stored = await doc.incrementalModify((data) => {
        const change = step(structuredClone(data) as MediationCaseDoc);
        precheck(change.doc, data as MediationCaseDoc);
        event = change.event;
        return change.doc;
      });
      if (event) await db.events.insert(event);
      return stored.toJSON() as MediationCaseDoc;
    },
    async settle(caseId, make) {
      const current = await latest(caseId);
      let settlement = make(structuredClone(current.toJSON()) as MediationCaseDoc);
      if (settlement.doc) {
        await current.incrementalModify((data) => {
          settlement = make(structuredClone(data) as MediationCaseDoc);
          const next = settlement.doc ?? (data as MediationCaseDoc);
          precheck(next, data as MediationCaseDoc);
          return next;
        });
      }
      // The step names the record: that settles it, on every desk the step reaches.
      await db.events.insert(settlement.event);
    },
  };
}

/** The message to show for anything a step threw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
