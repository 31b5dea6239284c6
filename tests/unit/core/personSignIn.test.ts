import { describe, expect, it } from 'vitest';
import { createIdleTimer, createPersonGuard, LOCKOUT_MS, makeVerifier, matchesVerifier, MAX_FAILURES, sessionAnswer, VERIFIER_ITERATIONS, type PersonStore, type ServerAnswer } from '../../../core/personSignIn';

const unit = '320506001001';
const clerk = `person-${unit}-001`;

function memoryStore(): PersonStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: async (k) => data.get(k) ?? null, set: async (k, v) => void data.set(k, v) };
}

/** A server that knows one password per person, and can be cut off. */
function server(passwords: Record<string, string>) {
  const state = { online: true, asked: 0 };
  const checkOnline = async (person: string, password: string): Promise<ServerAnswer> => {
    state.asked++;
    if (!state.online) return 'unreachable';
    return passwords[person] === password ? 'accepted' : 'refused';
  };
  return { state, checkOnline };
}

describe('PBKDF2 verifiers', () => {
  it('are salted, slow (≥ 100k iterations by default) and match only their password', async () => {
    expect(VERIFIER_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    const a = await makeVerifier('correct horse', 1000);
    const b = await makeVerifier('correct horse', 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('correct horse');
    expect(await matchesVerifier(a, 'correct horse')).toBe(true);
    expect(await matchesVerifier(a, 'correct hors')).toBe(false);
    const slow = await makeVerifier('x');
    expect(slow.iterations).toBe(VERIFIER_ITERATIONS);
  });
});

describe('signing a person in', () => {
  it('checks online first, keeps a verifier (never the password), then signs in offline against it', async () => {
    const store = memoryStore();
    const { state, checkOnline } = server({ [clerk]: 'pw-1' });
    const guard = createPersonGuard({ unit, store, checkOnline, iterations: 1000 });
    expect(await guard.signIn(clerk, 'pw-1')).toEqual({ ok: true, person: clerk, checked: 'server' });
    expect([...store.data.values()].join()).not.toContain('pw-1');
    state.online = false;
    expect(await guard.signIn(clerk, 'pw-1')).toEqual({ ok: true, person: clerk, checked: 'offline' });
    expect(await guard.signIn(clerk, 'wrong')).toMatchObject({ ok: false, reason: 'wrong', failuresLeft: MAX_FAILURES - 1 });
  });

  it('refuses offline a person who never signed in online, other units and non-personal accounts', async () => {
    const { state, checkOnline } = server({});
    state.online = false;
    const guard = createPersonGuard({ unit, store: memoryStore(), checkOnline, iterations: 1000 });
    expect(await guard.signIn(clerk, 'anything')).toMatchObject({ ok: false, reason: 'neverOnline' });
    expect(await guard.signIn('person-320506001002-001', 'x')).toMatchObject({ ok: false, reason: 'otherUnit' });
    expect(await guard.signIn(`station-${unit}`, 'x')).toMatchObject({ ok: false, reason: 'notPerson' });
  });

  it('locks a person out for five minutes after five failures, kept across a new guard (a reload), then lets them in', async () => {
    const store = memoryStore();
    let clock = 1_000_000;
    const { state, checkOnline } = server({ [clerk]: 'pw-1', [`person-${unit}-002`]: 'pw-2' });
    const guard = createPersonGuard({ unit, store, checkOnline, now: () => clock, iterations: 1000 });
    for (let i = 1; i < MAX_FAILURES; i++) expect(await guard.signIn(clerk, `bad-${i}`)).toMatchObject({ reason: 'wrong', failuresLeft: MAX_FAILURES - i });
    expect(await guard.signIn(clerk, 'bad-5')).toEqual({ ok: false, person: clerk, reason: 'locked', lockedUntil: clock + LOCKOUT_MS });
    const reloaded = createPersonGuard({ unit, store, checkOnline, now: () => clock, iterations: 1000 });
    const asked = state.asked;
    expect(await reloaded.signIn(clerk, 'pw-1')).toMatchObject({ ok: false, reason: 'locked' });
    expect(state.asked).toBe(asked); // a locked person's guesses never reach the server
    // Another person is not locked by it.
    expect(await reloaded.signIn(`person-${unit}-002`, 'pw-2')).toMatchObject({ ok: true });
    clock += LOCKOUT_MS + 1;
    expect(await reloaded.lockedUntil(clerk)).toBeNull();
    expect(await reloaded.signIn(clerk, 'pw-1')).toMatchObject({ ok: true, checked: 'server' });
  });

  it('reads the server’s session strictly: that person, with the person role of this unit', () => {
    expect(sessionAnswer(200, { userCtx: { name: clerk, roles: [`person:${unit}`] } }, clerk, unit)).toBe('accepted');
    expect(sessionAnswer(200, { userCtx: { name: clerk, roles: [`station:${unit}`] } }, clerk, unit)).toBe('refused');
    expect(sessionAnswer(200, { userCtx: { name: null, roles: [] } }, clerk, unit)).toBe('refused');
    expect(sessionAnswer(401, {}, clerk, unit)).toBe('refused');
    expect(sessionAnswer(502, {}, clerk, unit)).toBe('unreachable');
  });
});

describe('the idle timer', () => {
  it('fires after the idle minutes without activity, is re-armed by activity, and never fires at 0', () => {
    let clock = 0;
    const pending: { at: number; fn: () => void; id: number }[] = [];
    let next = 0;
    const timers = { set: (fn: () => void, ms: number) => { const id = ++next; pending.push({ at: clock + ms, fn, id }); return id; }, clear: (id: unknown) => { const i = pending.findIndex((p) => p.id === id); if (i >= 0) pending.splice(i, 1); } };
    const advance = (ms: number) => { clock += ms; for (const p of [...pending].filter((p) => p.at <= clock)) { timers.clear(p.id); p.fn(); } };
    let idle = 0;
    const timer = createIdleTimer(2, () => idle++, timers);
    advance(90_000);
    timer.touch();
    advance(90_000);
    expect(idle).toBe(0);
    advance(31_000);
    expect(idle).toBe(1);
    timer.stop();
    const never = createIdleTimer(0, () => idle++, timers);
    advance(10 * 60_000);
    expect(idle).toBe(1);
    never.stop();
  });
});
