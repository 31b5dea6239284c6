/**
 * The server admin's login for the district's command lines, from where other users of the
 * machine cannot read it: the environment (COUCHDB_URL with credentials, or COUCHDB_USER and
 * COUCHDB_PASSWORD) or a hidden prompt. Never from the command line: every user of a Linux
 * machine sees every process's arguments in `ps`.
 */
import { read } from 'read';
import { t } from '../core/i18n';
import { DistrictError } from './districtError';

export interface AdminLogin {
  user: string;
  password: string;
}

/** Refuses a URL given as an argument that carries a password, before anything is sent. */
export function refusePasswordInArgument(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // Not a URL: the caller's own parsing says so.
  }
  if (parsed.password) {
    parsed.password = '';
    throw new DistrictError(t('district:connection.passwordInArgument', { url: parsed.toString() }));
  }
}

/** A URL without its user and password, for messages and for requests that send a header instead. */
export function withoutLogin(url: URL): string {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy.toString().replace(/\/$/, '');
}

/**
 * The login for `server`: user from the argument, the URL or COUCHDB_USER; password from the
 * URL (only ever the environment's COUCHDB_URL), COUCHDB_PASSWORD, or a prompt on a terminal.
 */
export async function adminLoginFor(server: URL, user: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<AdminLogin | null> {
  const name = user ?? (decodeURIComponent(server.username) || env.COUCHDB_USER);
  if (!name) return null;
  const fromUrl = decodeURIComponent(server.password);
  const password = fromUrl || env.COUCHDB_PASSWORD || (await promptPassword(name, withoutLogin(server)));
  return password ? { user: name, password } : null;
}

async function promptPassword(user: string, url: string): Promise<string | null> {
  // Scripts and cron jobs have no terminal: they must set COUCHDB_PASSWORD, never hang on a prompt.
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  const answer = await read({ prompt: t('district:connection.passwordPrompt', { user, url }), silent: true, replace: '*', output: process.stderr });
  return answer || null;
}
