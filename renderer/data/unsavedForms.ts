/**
 * Which forms hold input not yet saved, summed over every form on screen, so an update never
 * restarts the app over a clerk's half-typed order (main refuses 重启以安装 while any is).
 *
 * Each form reports through one hook, `useFormDirty(dirty)` (or `useUnsavedChanges(values)`,
 * which works `dirty` out itself); a form that saves, or is closed, is clean again. The host
 * hears only changes of the sum: "some form is dirty" or "none is".
 */
import { useCallback, useEffect, useId, useState, useSyncExternalStore } from 'react';

export interface UnsavedForms {
  /** Marks one form (by its id) dirty or clean. */
  mark(formId: string, dirty: boolean): void;
  isDirty(): boolean;
  subscribe(listener: () => void): () => void;
  /** Tells the host the sum now and on every change; a new host replaces the previous one. */
  connect(report: (dirty: boolean) => void): () => void;
}

export function createUnsavedForms(): UnsavedForms {
  const dirtyForms = new Set<string>();
  const listeners = new Set<() => void>();
  let report: ((dirty: boolean) => void) | null = null;
  let reported: boolean | null = null;
  let queued = false;

  // One report per burst: React mounts, unmounts and remounts a form in one go (StrictMode, a
  // route change), and the host should hear where that ends, not each step.
  const flush = (): void => {
    queued = false;
    const dirty = dirtyForms.size > 0;
    if (report === null || dirty === reported) return;
    reported = dirty;
    report(dirty);
  };
  const changed = (): void => {
    for (const listener of listeners) listener();
    if (!queued) {
      queued = true;
      queueMicrotask(flush);
    }
  };

  return {
    mark(formId, dirty) {
      const had = dirtyForms.has(formId);
      if (dirty === had) return;
      if (dirty) dirtyForms.add(formId);
      else dirtyForms.delete(formId);
      changed();
    },
    isDirty: () => dirtyForms.size > 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect(next) {
      report = next;
      // Said at once, even when clean: a reloaded page has no unsaved form, whatever the
      // page before it told the host.
      reported = null;
      flush();
      return () => {
        if (report === next) report = null;
      };
    },
  };
}

/** The page's forms: one window, one sum (the host connects it when the station opens). */
export const unsavedForms: UnsavedForms = createUnsavedForms();

/** Reports this form as holding unsaved input while `dirty` is true; unmounting clears it. */
export function useFormDirty(dirty: boolean, forms: UnsavedForms = unsavedForms): void {
  const formId = useId();
  useEffect(() => {
    if (!dirty) return;
    forms.mark(formId, true);
    return () => forms.mark(formId, false);
  }, [forms, formId, dirty]);
}

/** Whether any form on screen holds unsaved input. */
export function useAnyFormDirty(forms: UnsavedForms = unsavedForms): boolean {
  return useSyncExternalStore(forms.subscribe, forms.isDirty);
}

/**
 * For a form that stays on screen after saving (a case's session record, a follow-up visit):
 * dirty while its values differ from what it opened with, or from what it held right after its
 * last save. Call `saved()` in the same turn as the resets that follow a save.
 */
export function useUnsavedChanges(values: unknown): { dirty: boolean; saved(): void } {
  const current = JSON.stringify(values);
  const [baseline, setBaseline] = useState(current);
  const [rebase, setRebase] = useState(false);
  // Adjusting state while rendering (React's pattern for state derived from a change): the
  // values after the save's resets become the new baseline before anything is reported.
  if (rebase) {
    setRebase(false);
    setBaseline(current);
  }
  const dirty = !rebase && current !== baseline;
  useFormDirty(dirty);
  const saved = useCallback(() => setRebase(true), []);
  return { dirty, saved };
}
