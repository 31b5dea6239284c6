/**
 * What GRIDLINK_DEBUG=1 prints after a failure: the whole error (nano's carry the request,
 * body included), with every secret this process handled hidden. The admin password and each
 * generated password are registered here as they come into being.
 */
import { inspect } from 'node:util';
import { redactSecrets } from '../core/redactSecrets';

const secrets = new Set<string>();

/** Registers a secret this process holds and returns it, so it can be wrapped where it is made. */
export function keepSecret<T extends string>(value: T): T {
  secrets.add(value);
  return value;
}

export function debugDump(error: unknown): string {
  return redactSecrets(inspect(error, { depth: 6, breakLength: 120 }), [...secrets]);
}
