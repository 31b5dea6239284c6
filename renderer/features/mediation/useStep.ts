/**
 * Runs one step on the open case for a section of the case page, and keeps what the clerk needs
 * to see: busy while saving, the refusal in Chinese, and per-field messages of a refused form.
 */
import { useCallback, useState } from 'react';
import { CaseError, type Actor, type CaseChange } from '../../../core/mediation';
import type { MediationCaseDoc } from '../../../core/schema';
import { messageOf, useCaseWriter } from './caseWriter';

export interface Step {
  busy: boolean;
  error: string | null;
  fields: Record<string, string>;
  /** Applies the step; resolves true when stored (so the form can clear itself). */
  run(step: (doc: MediationCaseDoc, actor: Actor) => CaseChange): Promise<boolean>;
  fail(message: string): void;
}

export function useStep(caseId: string): Step {
  const writer = useCaseWriter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = useCallback(
    async (step: (doc: MediationCaseDoc, actor: Actor) => CaseChange) => {
      setBusy(true);
      setError(null);
      setFields({});
      try {
        await writer.apply(caseId, (doc) => step(doc, writer.actor));
        return true;
      } catch (thrown) {
        setError(messageOf(thrown));
        if (thrown instanceof CaseError) setFields(thrown.fields);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [writer, caseId],
  );
  return { busy, error, fields, run, fail: setError };
}

/** `<input type="datetime-local">` value of now (local time, minutes). */
export function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

export function localToday(): string {
  return localNow().slice(0, 10);
}

/** A local date-time or date typed into an input, as an ISO timestamp. */
export function isoOfLocal(value: string): string {
  const date = new Date(value.length === 10 ? `${value}T12:00` : value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
