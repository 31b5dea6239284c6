/**
 * Signing a person in at a workstation, host-independent: the web page runs it with its
 * localStorage, the desktop app's main process with a file of its own. A password is checked by
 * the district server when it answers (GET `/_session` with the person's credentials: the server
 * must name that person with the `person:<unit>` role), else against a salted PBKDF2 verifier
 * (WebCrypto, SHA-256) kept from the person's last online sign-in. Five failures lock the person
 * out for five minutes; the count and the lock are kept in the store, so a reload does not reset
 * them. The password itself is never kept: it is hashed or sent, then dropped.
 */
import { personRoleOf, unitOfPersonName } from './people';

export const VERIFIER_ITERATIONS = 210_000;
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface PersonVerifier {
  salt: string;
  iterations: number;
  hash: string;
}

interface PersonRecord {
  verifier?: PersonVerifier;
  failures: number;
  lockedUntil: number | null;
}

/** Where a host keeps its people's records (verifiers, failure counts, locks): JSON by key. */
export interface PersonStore {
  get(person: string): Promise<string | null>;
  set(person: string, value: string): Promise<void>;
}

/** What the district server said of a person's password. */
export type ServerAnswer = 'accepted' | 'refused' | 'unreachable';

export type PersonSignInResult =
  | { ok: true; person: string; checked: 'server' | 'offline' }
  | { ok: false; person: string; reason: 'notPerson' | 'otherUnit' | 'wrong' | 'locked' | 'neverOnline'; lockedUntil?: number; failuresLeft?: number };

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

export async function makeVerifier(password: string, iterations = VERIFIER_ITERATIONS): Promise<PersonVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64(salt), iterations, hash: toBase64(await derive(password, salt, iterations)) };
}

/** Compares in constant time (over the hash's length). */
export async function matchesVerifier(verifier: PersonVerifier, password: string): Promise<boolean> {
  const expected = fromBase64(verifier.hash);
  const actual = await derive(password, fromBase64(verifier.salt), verifier.iterations);
  let difference = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) difference |= expected[i] ^ (actual[i] ?? 0);
  return difference === 0;
}

/** The server's answer to GET `/_session` with the person's credentials, read strictly. */
export function sessionAnswer(status: number, body: unknown, person: string, unit: string): ServerAnswer {
  if (status === 401 || status === 403) return 'refused';
  if (status !== 200) return 'unreachable';
  const ctx = (body as { userCtx?: { name?: unknown; roles?: unknown } } | null)?.userCtx;
  const roles = Array.isArray(ctx?.roles) ? ctx.roles : [];
  return ctx?.name === person && roles.includes(personRoleOf(unit)) ? 'accepted' : 'refused';
}

function basicAuthOf(person: string, password: string): string {
  return `Basic ${toBase64(new TextEncoder().encode(`${person}:${password}`))}`;
}

/**
 * GET `/_session` on the district server with the person's Basic credentials (on this request
 * only; `credentials: omit` so no cookie session of anyone else answers for them).
 */
export async function askServer(districtUrl: string, unit: string, person: string, password: string, fetcher: typeof fetch = fetch): Promise<ServerAnswer> {
  try {
    const base = districtUrl.endsWith('/') ? districtUrl : `${districtUrl}/`;
    const response = await fetcher(new URL('_session', base).toString(), { headers: { authorization: basicAuthOf(person, password), accept: 'application/json' }, credentials: 'omit' });
    const body: unknown = response.status === 200 ? await response.json().catch(() => null) : null;
    return sessionAnswer(response.status, body, person, unit);
  } catch {
    return 'unreachable';
  }
}

export interface PersonGuardOptions {
  /** The unit of the workstation: only its own people sign in here. */
  unit: string;
  store: PersonStore;
  /** Asks the district server (never throws: a network failure is `unreachable`). */
  checkOnline(person: string, password: string): Promise<ServerAnswer>;
  now?: () => number;
  iterations?: number;
}

export interface PersonGuard {
  signIn(person: string, password: string): Promise<PersonSignInResult>;
  /** Until when this person is locked out (ms), or null. */
  lockedUntil(person: string): Promise<number | null>;
}

export function createPersonGuard(options: PersonGuardOptions): PersonGuard {
  const now = options.now ?? (() => Date.now());
  const load = async (person: string): Promise<PersonRecord> => {
    const raw = await options.store.get(person);
    if (!raw) return { failures: 0, lockedUntil: null };
    try {
      const record = JSON.parse(raw) as Partial<PersonRecord>;
      return { failures: Number(record.failures) || 0, lockedUntil: typeof record.lockedUntil === 'number' ? record.lockedUntil : null, ...(record.verifier ? { verifier: record.verifier } : {}) };
    } catch {
      return { failures: 0, lockedUntil: null };
    }
  };
  const save = (person: string, record: PersonRecord) => options.store.set(person, JSON.stringify(record));

  async function failed(person: string, record: PersonRecord): Promise<PersonSignInResult> {
    const failures = record.failures + 1;
    if (failures >= MAX_FAILURES) {
      const lockedUntil = now() + LOCKOUT_MS;
      await save(person, { ...record, failures: 0, lockedUntil });
      return { ok: false, person, reason: 'locked', lockedUntil };
    }
    await save(person, { ...record, failures, lockedUntil: null });
    return { ok: false, person, reason: 'wrong', failuresLeft: MAX_FAILURES - failures };
  }

  return {
    async lockedUntil(person) {
      const { lockedUntil } = await load(person);
      return lockedUntil !== null && lockedUntil > now() ? lockedUntil : null;
    },
    async signIn(person, password) {
      const unit = unitOfPersonName(person);
      if (!unit) return { ok: false, person, reason: 'notPerson' };
      if (unit !== options.unit) return { ok: false, person, reason: 'otherUnit' };
      const record = await load(person);
      if (record.lockedUntil !== null && record.lockedUntil > now()) return { ok: false, person, reason: 'locked', lockedUntil: record.lockedUntil };
      const answer = await options.checkOnline(person, password);
      if (answer === 'accepted') {
        await save(person, { verifier: await makeVerifier(password, options.iterations), failures: 0, lockedUntil: null });
        return { ok: true, person, checked: 'server' };
      }
      if (answer === 'refused') return failed(person, record);
      if (!record.verifier) return { ok: false, person, reason: 'neverOnline' };
      if (!(await matchesVerifier(record.verifier, password))) return failed(person, record);
      await save(person, { ...record, failures: 0, lockedUntil: null });
      return { ok: true, person, checked: 'offline' };
    },
  };
}

/**
 * Calls `onIdle` after `minutes` without `touch()`; 0 (or less) never. `stop()` ends it. Timers
 * are injected so tests (and hosts) drive the clock.
 */
export function createIdleTimer(minutes: number, onIdle: () => void, timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }): { touch(): void; stop(): void } {
  let handle: unknown = null;
  const arm = () => {
    if (handle !== null) timers.clear(handle);
    handle = minutes > 0 ? timers.set(onIdle, minutes * 60_000) : null;
  };
  arm();
  return {
    touch: arm,
    stop() {
      if (handle !== null) timers.clear(handle);
      handle = null;
    },
  };
}
