/**
 * Hides the personal data a pattern can find (resident ID numbers, mobile and landline
 * numbers) in text bound for a diagnostics bundle. Names and addresses cannot be found by a
 * pattern: the bundle keeps them out by taking no document contents at all; this catches what
 * an error message may still quote.
 */
const PATTERNS: readonly [RegExp, string][] = [
  // 18-character resident ID number (17 digits and a check digit or X).
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[身份证号]'],
  // Mobile numbers: 11 digits from 13… to 19…, optionally with +86 or 86 in front.
  [/(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])/g, '[手机号]'],
  // Landlines with an area code: 0512-66123456, (0512)66123456.
  [/(?<![0-9A-Za-z])(?:0\d{2,3}-|\(0\d{2,3}\))\d{7,8}(?![0-9A-Za-z])/g, '[电话]'],
];

export function hidePersonalData(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
