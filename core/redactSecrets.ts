/**
 * Hides secrets in text bound for a log or a debug dump: passwords in URLs, Authorization
 * headers, `password` fields of JSON or of printed objects, and any value the caller knows is
 * secret. Used by the district CLI's GRIDLINK_DEBUG output and by the app's log file, so an
 * error that carries its request (nano's do, with the body) never writes a password down.
 */
export const REDACTED = '***';

const PATTERNS: readonly [RegExp, string][] = [
  // scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)[^\s@/'"]+@/gi, `$1${REDACTED}@`],
  // Authorization: Basic …, "authorization": "Bearer …", authorization=Basic …
  [/(authorization['"]?\s*[:=]\s*['"]?(?:basic|bearer)\s+)[A-Za-z0-9+/=._~-]+/gi, `$1${REDACTED}`],
  // Cookie: AuthSession=…
  [/(AuthSession=)[^;\s'"]+/g, `$1${REDACTED}`],
  // "password": "…", password: '…', password=…  (also escaped quotes inside printed JSON strings)
  [/((?:\\?["'])?(?:password|passwd|new_password|secret)(?:\\?["'])?\s*[:=]\s*)(\\?["'])(?:(?!\2).)*\2/gi, `$1$2${REDACTED}$2`],
  [/((?:password|passwd|secret)=)[^&\s'"]+/gi, `$1${REDACTED}`],
];

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  // Known values first, longest first, so a secret that contains another is hidden whole.
  for (const secret of [...knownSecrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
