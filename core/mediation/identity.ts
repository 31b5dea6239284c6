/**
 * Identity numbers on a case file: the 18-character resident ID (GB 11643: 6-digit region,
 * 8-digit birth date, 3-digit order, ISO 7064 MOD 11-2 check character, which may be X) and
 * the 18-character unified social credit code of an organisation (GB 32100: a 31-character
 * alphabet without I, O, Z, S, V and a MOD 31 check character).
 *
 * Checks return a result rather than throwing, so the register form can show the message under
 * the field; the demo generator builds its numbers with the same check characters.
 */
import { t } from '../i18n';

import type { IdType } from '../schema';

export type IdentityProblem = 'empty' | 'length' | 'characters' | 'region' | 'birthDate' | 'checksum';

export type IdentityResult<P> = { ok: true; value: string; parts: P } | { ok: false; problem: IdentityProblem; message: string };

export interface ResidentIdParts {
  region: string;
  /** YYYY-MM-DD */
  birthDate: string;
  male: boolean;
}

export interface CreditCodeParts {
  /** Registration authority (1 = 机构编制, 5 = 民政, 9 = 工商 …) and organisation type. */
  authority: string;
  orgType: string;
  region: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/**
 * Province-level prefixes of GB/T 2260 (the first two digits of a region code): the check stops
 * there on purpose. A full county table (about 3,000 codes, renamed and merged every year, and
 * old IDs keep their retired codes) would refuse real people's numbers; the province catches a
 * made-up region such as 999999.
 */
const PROVINCE_PREFIXES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82'];
/** 港澳台居民居住证 numbers start 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan). */
const PERMIT_PREFIXES = ['81', '82', '83'];

/** A real calendar date not before 1850 (YYYYMMDD), or why not: not a date, or after `today`. */
function birthDateOf(digits: string, today: Date): string | 'invalid' | 'future' {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1850) return 'invalid';
  if (date.getTime() > today.getTime()) return 'future';
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

function failed(problem: IdentityProblem, key: string, params: Record<string, string | number> = {}): { ok: false; problem: IdentityProblem; message: string } {
  return { ok: false, problem, message: t(`mediation:identity.${key}`, params) };
}

/**
 * Checks an 18-character resident ID number; a lowercase x is accepted and returned upper-case,
 * spaces typed between groups are ignored.
 */
export function checkResidentId(input: string, today: Date = new Date()): IdentityResult<ResidentIdParts> {
  return checkEighteen(input, today, 'id', PROVINCE_PREFIXES);
}

/**
 * Checks a 港澳台居民居住证 number: laid out as a resident ID (birth date, order, the same
 * check character), its region 810000 / 820000 / 830000.
 */
export function checkResidencePermit(input: string, today: Date = new Date()): IdentityResult<ResidentIdParts> {
  return checkEighteen(input, today, 'permit', PERMIT_PREFIXES);
}

function checkEighteen(input: string, today: Date, kind: 'id' | 'permit', prefixes: readonly string[]): IdentityResult<ResidentIdParts> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value.length === 0) return failed('empty', `${kind}Empty`);
  if (value.length !== 18) return failed('length', `${kind}Length`, { actual: value.length });
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return failed('characters', `${kind}Characters`);
  if (!prefixes.includes(value.slice(0, 2))) return failed('region', `${kind}Region`, { region: value.slice(0, 6) });
  const birthDate = birthDateOf(value.slice(6, 14), today);
  if (birthDate === 'invalid') return failed('birthDate', `${kind}BirthDate`, { date: value.slice(6, 14) });
  if (birthDate === 'future') return failed('birthDate', `${kind}BirthFuture`, { date: value.slice(6, 14) });
  const expected = residentIdCheck(value.slice(0, 17));
  if (value[17] !== expected) return failed('checksum', `${kind}Checksum`, { expected, actual: value[17] });
  return { ok: true, value, parts: { region: value.slice(0, 6), birthDate, male: Number(value[16]) % 2 === 1 } };
}

/** A passport number: letters and digits as printed (Chinese ones are E/G + 8 digits), 5–20 long. */
export function checkPassport(input: string): IdentityResult<null> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value.length === 0) return failed('empty', 'passportEmpty');
  if (!/^[A-Z0-9]{5,20}$/.test(value)) return failed('characters', 'passportFormat');
  return { ok: true, value, parts: null };
}

/** Another document (军官证, 外国人永久居留身份证 …): its number as written, up to 30 characters. */
export function checkOtherDocument(input: string): IdentityResult<null> {
  const value = input.trim();
  if (value.length === 0) return failed('empty', 'otherEmpty');
  if (value.length > 30) return failed('length', 'otherLength', { actual: value.length });
  return { ok: true, value, parts: null };
}

/** Checks a person's document number by its type; birth date and sex only where the number holds them. */
export function checkPersonDocument(idType: IdType | undefined, input: string, today: Date = new Date()): IdentityResult<ResidentIdParts | null> {
  switch (idType ?? 'residentId') {
    case 'residentId':
      return checkResidentId(input, today);
    case 'residencePermit':
      return checkResidencePermit(input, today);
    case 'passport':
      return checkPassport(input);
    case 'other':
      return checkOtherDocument(input);
  }
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** Checks an 18-character unified social credit code (letters are read upper-case). */
export function checkCreditCode(input: string): IdentityResult<CreditCodeParts> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value.length === 0) return failed('empty', 'creditEmpty');
  if (value.length !== 18) return failed('length', 'creditLength', { actual: value.length });
  const bad = [...value].find((c) => !CREDIT_CHARS.includes(c));
  if (bad !== undefined) return failed('characters', 'creditCharacters', { char: bad });
  if (!/^[0-9]{6}$/.test(value.slice(2, 8))) return failed('characters', 'creditRegion', { region: value.slice(2, 8) });
  const expected = creditCodeCheck(value.slice(0, 17));
  if (value[17] !== expected) return failed('checksum', 'creditChecksum', { expected, actual: value[17] });
  return { ok: true, value, parts: { authority: value[0], orgType: value[1], region: value.slice(2, 8) } };
}

/** An ID number as lists show it (3205**********1234): the one mask helper, core/personalData.ts. */
export { maskIdNumber } from '../personalData';

/** Mainland mobile (11 digits, 1[3-9]…) or a landline with area code (0512-6xxxxxxx). */
export function checkPhone(input: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = input.replace(/[\s()（）]/g, '');
  if (/^1[3-9][0-9]{9}$/.test(value) || /^0[0-9]{2,3}-?[0-9]{7,8}$/.test(value)) return { ok: true, value };
  return { ok: false, message: t('mediation:identity.phone', { value: input }) };
}
