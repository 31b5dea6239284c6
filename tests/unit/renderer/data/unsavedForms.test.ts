/**
 * The sum over the forms on screen that the host hears: "some form holds unsaved input" or
 * "none does", once per change, so 重启以安装 is refused exactly while a clerk has typed
 * something not yet saved.
 */
import { describe, expect, it } from 'vitest';
import { createUnsavedForms } from '../../../../renderer/data/unsavedForms';

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('unsaved forms', () => {
  it('tells the host clean at once when it connects (a reloaded page has no unsaved form)', async () => {
    const forms = createUnsavedForms();
    const told: boolean[] = [];
    forms.connect((dirty) => told.push(dirty));
    expect(told).toEqual([false]);
  });

  it('is dirty while any of two forms is, and tells the host only when that changes', async () => {
    const forms = createUnsavedForms();
    const told: boolean[] = [];
    forms.connect((dirty) => told.push(dirty));
    forms.mark('intake', true);
    await settle();
    forms.mark('session-record', true);
    await settle();
    forms.mark('intake', false); // the order was saved; the case's session record still waits
    await settle();
    expect(forms.isDirty()).toBe(true);
    forms.mark('session-record', false); // and closed
    await settle();
    expect(told).toEqual([false, true, false]);
    expect(forms.isDirty()).toBe(false);
  });

  it('a form closed and opened again in one go (a route change, React\'s strict mode) is one report', async () => {
    const forms = createUnsavedForms();
    const told: boolean[] = [];
    forms.connect((dirty) => told.push(dirty));
    forms.mark('a', true);
    forms.mark('a', false);
    forms.mark('a', true);
    await settle();
    expect(told).toEqual([false, true]);
  });

  it('a form marked before the host connects is told to it when it does', async () => {
    const forms = createUnsavedForms();
    forms.mark('intake', true);
    const told: boolean[] = [];
    forms.connect((dirty) => told.push(dirty));
    expect(told).toEqual([true]);
  });
});
