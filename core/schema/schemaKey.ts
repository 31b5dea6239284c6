/**
 * The identity of a schema as the storage sees it: title, version and a hash of its full JSON.
 * Generated validators are looked up by it, so a schema changed without regenerating them is
 * recognised (and validated by the interpreter instead) rather than checked against old rules.
 */
import type { RxJsonSchema } from 'rxdb';

export function schemaKey(schema: RxJsonSchema<unknown>): string {
  return `${schema.title ?? 'schema'}@${schema.version}:${fingerprint(JSON.stringify(schema))}`;
}

/** FNV-1a, 32 bits twice (two offsets), as 16 hex digits: a fingerprint, not a security boundary. */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}`;
}
