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

/**
 * Masks for lists, cards and search results (full values only on purpose: the case page's 显示,
 * a print). One helper per kind of value, used everywhere a value is shown masked.
 */

/** An ID or document number: region prefix and last four only (3205**********1234). */
export function maskIdNumber(value: string | undefined): string {
  if (!value) return '';
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** A phone: a mobile's first three and last four (138****5678); a landline keeps its area code (0512-****3456). */
export function maskPhone(value: string | undefined): string {
  if (!value) return '';
  const dash = value.indexOf('-');
  if (dash > 0) {
    const local = value.slice(dash + 1);
    return `${value.slice(0, dash + 1)}${local.length > 4 ? '*'.repeat(local.length - 4) + local.slice(-4) : '*'.repeat(local.length)}`;
  }
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** An address: its first part (town, road) only, at most six characters and never more than half (木渎镇金山路****). */
export function maskAddress(value: string | undefined): string {
  if (!value) return '';
  const chars = [...value];
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}
