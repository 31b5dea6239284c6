/**
 * Re-pointing a configured workstation at another station or server is not a clerk's everyday
 * action: whoever sits at the PC could otherwise move it (and its local data's uploads) to a
 * server of their own. Once a station is set up, a setup for a different station or server must
 * carry either the current station's password (checked against what the host holds, or against
 * the current server when the host holds none) or a district admin's login (checked online at
 * the current district server: `/_session` roles `_admin` or the district admin role).
 *
 * Signing in again to the same station and server (重新登录, a password IT reset) is not a
 * change: the server itself checks that password.
 *
 * Plain `fetch`, so main, the web page and Node tests share it.
 */
import { isDistrictAdmin } from '../core/rules/writeRules';
import { basicAuthHeader, NO_STORE } from './couchClient';
import type { StationCheckInput, StationCheckResult } from './stationCheck';

export interface ConfiguredStation {
  districtUrl: string;
  stationCode: string;
  username: string;
}

export interface AdminLogin {
  username: string;
  password: string;
}

/** Why a change was refused; each has its own Chinese message (`shell:setup.<reason>`). */
export type SetupChangeRefusal = 'changeNotAuthorized' | 'wrongCurrentPassword' | 'notDistrictAdmin' | 'unreachable';

export type SetupChangeAuthorization =
  | { ok: true; by: 'currentPassword' }
  | { ok: true; by: 'districtAdmin'; admin: string }
  | { ok: false; reason: SetupChangeRefusal };

/** The i18n key of a refusal's message (`{{code}}` is the configured station). */
export function setupChangeMessageKey(reason: SetupChangeRefusal): string {
  return `shell:setup.${reason === 'unreachable' ? 'changeUnreachable' : reason}`;
}

const sameServer = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Whether a setup names another station or server than the configured one. */
export function isSetupChange(current: ConfiguredStation | null, next: { districtUrl: string; stationCode: string }): boolean {
  return current !== null && (current.stationCode !== next.stationCode || !sameServer(current.districtUrl, next.districtUrl));
}

/** Compares without stopping at the first different character. */
function sameSecret(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export type DistrictAdminCheck = 'admin' | 'notAdmin' | 'wrongPassword' | 'unreachable';

/** Asks the district server who this login is: a district admin (`_admin` or the district admin role) or not. */
export async function checkDistrictAdmin(input: { districtUrl: string; login: AdminLogin; fetch?: typeof fetch; timeoutMs?: number }): Promise<DistrictAdminCheck> {
  const doFetch = input.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(new URL('_session', input.districtUrl.endsWith('/') ? input.districtUrl : `${input.districtUrl}/`).toString(), {
      ...NO_STORE,
      headers: { Accept: 'application/json', Authorization: basicAuthHeader(input.login) },
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    });
  } catch {
    return 'unreachable';
  }
  if (response.status === 401) return 'wrongPassword';
  if (!response.ok) return 'unreachable';
  const body = (await response.json().catch(() => null)) as { userCtx?: { name?: string | null; roles?: string[] } } | null;
  const ctx = body?.userCtx;
  // An anonymous answer: the server ignored a login it does not know.
  if (!ctx || typeof ctx.name !== 'string' || ctx.name === '') return 'wrongPassword';
  return isDistrictAdmin({ name: ctx.name, roles: Array.isArray(ctx.roles) ? ctx.roles : [] }) ? 'admin' : 'notAdmin';
}

export interface AuthorizeSetupChangeInput {
  current: ConfiguredStation;
  /** The password the host holds for the current station; null when it holds none (locked, keyring lost, a reloaded page). */
  heldPassword: string | null;
  currentPassword?: string | undefined;
  admin?: AdminLogin | undefined;
  /** The station check (sync/stationCheck.ts), for a current password the host cannot compare itself. */
  check: (input: StationCheckInput) => Promise<StationCheckResult>;
  checkAdmin?: typeof checkDistrictAdmin;
}

export async function authorizeSetupChange(input: AuthorizeSetupChangeInput): Promise<SetupChangeAuthorization> {
  const { current } = input;
  if (input.currentPassword) {
    if (input.heldPassword !== null) {
      return sameSecret(input.currentPassword, input.heldPassword) ? { ok: true, by: 'currentPassword' } : { ok: false, reason: 'wrongCurrentPassword' };
    }
    const result = await input.check({ ...current, password: input.currentPassword });
    if (result.ok) return { ok: true, by: 'currentPassword' };
    return { ok: false, reason: result.reason === 'unreachable' ? 'unreachable' : 'wrongCurrentPassword' };
  }
  if (input.admin) {
    const answer = await (input.checkAdmin ?? checkDistrictAdmin)({ districtUrl: current.districtUrl, login: input.admin });
    if (answer === 'admin') return { ok: true, by: 'districtAdmin', admin: input.admin.username };
    return { ok: false, reason: answer === 'unreachable' ? 'unreachable' : 'notDistrictAdmin' };
  }
  return { ok: false, reason: 'changeNotAuthorized' };
}
