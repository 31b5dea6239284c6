/**
 * Validators for the code systems of DOMAIN.md: administrative division codes, unit codes,
 * grid codes per level, component codes and event catalog item codes.
 *
 * Each `check…` returns a result instead of throwing, so a form can show the message next to
 * the field and an importer can collect every bad row; the message names the bad segment in
 * Chinese (e.g. 乡镇段「450」无效：应为 001–399…). The `assert…` variants throw a `CodeError`
 * for code paths that must stop on the first bad code.
 */
import { t } from './i18n';

export type CodeKind = 'division' | 'unit' | 'grid' | 'component' | 'catalogItem';

/** The part of a code that was wrong; `digits` and `length` concern the code as a whole. */
export type CodeSegment =
  | 'digits'
  | 'length'
  | 'level'
  | 'county'
  | 'township'
  | 'village'
  | 'level3Sequence'
  | 'level4Sequence'
  | 'major'
  | 'minor'
  | 'sequence'
  | 'subcategory'
  | 'item';

export type CodeResult<P> = { ok: true; parts: P } | { ok: false; segment: CodeSegment; message: string };

export type TownshipKind = 'street' | 'town' | 'xiang';
export type VillageKind = 'township' | 'community' | 'village';

export interface DivisionCodeParts {
  county: string;
  township: string;
  village: string;
  townshipKind: TownshipKind;
  /** `township` when the village segment is 000: the code stands for the township itself. */
  villageKind: VillageKind;
}

export type UnitCodeParts =
  | { level: 'district'; county: string }
  | { level: 'town'; county: string; township: string; townshipKind: TownshipKind }
  | { level: 'village'; county: string; township: string; townshipKind: TownshipKind; village: string; villageKind: VillageKind };

export type GridLevel = 1 | 2 | 3 | 4;
export interface GridCodeParts {
  level: GridLevel;
  county: string;
  township: string;
  /** Empty for level 1. */
  village: string;
  /** The 3-digit sequences below the village: none for levels 1–2, one for 3, two for 4. */
  sequences: string[];
  /** Code of the grid one level up; empty for level 1 (its parent is the district). */
  parentCode: string;
}

export interface ComponentCodeParts {
  county: string;
  major: string;
  minor: string;
  sequence: string;
}

export interface CatalogItemCodeParts {
  major: string;
  subcategory: string;
  item: string;
}

/** Thrown by the `assert…` variants; carries the segment for callers that report it. */
export class CodeError extends Error {
  constructor(
    message: string,
    readonly segment: CodeSegment,
    readonly code: string,
  ) {
    super(message);
    this.name = 'CodeError';
  }
}

/** GB/T 2260 province-level prefixes. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const GRID_DIGITS: Record<GridLevel, number> = { 1: 9, 2: 12, 3: 15, 4: 18 };

type Failure = { ok: false; segment: CodeSegment; message: string };

function fail(segment: CodeSegment, message: string): Failure {
  return { ok: false, segment, message };
}

function badSegment(segment: Exclude<CodeSegment, 'digits' | 'length' | 'level'>, value: string, rule: string): Failure {
  return fail(segment, t('codes:badSegment', { segment: t(`codes:segment.${segment}`), value, rule: t(`codes:rule.${rule}`) }));
}

/** Empty, non-digit or wrong-length codes fail before any segment is looked at. */
function checkShape(kind: CodeKind, code: string, lengths: readonly number[]): Failure | null {
  const kindName = t(`codes:kind.${kind}`);
  if (code.length === 0) return fail('length', t('codes:empty', { kind: kindName }));
  if (!/^[0-9]+$/.test(code)) return fail('digits', t('codes:notDigits', { kind: kindName, code }));
  if (!lengths.includes(code.length)) {
    return fail('length', t('codes:wrongLength', { kind: kindName, code, expected: lengths.join('、'), actual: code.length }));
  }
  return null;
}

function inRange(value: string, min: number, max: number): boolean {
  const n = Number(value);
  return n >= min && n <= max;
}

function checkCounty(county: string): Failure | null {
  const ok = PROVINCES.has(county.slice(0, 2)) && county.slice(2, 4) !== '00' && county.slice(4, 6) !== '00';
  return ok ? null : badSegment('county', county, 'county');
}

function townshipKindOf(township: string): TownshipKind | null {
  const n = Number(township);
  if (n >= 1 && n <= 99) return 'street';
  if (n >= 100 && n <= 199) return 'town';
  if (n >= 200 && n <= 399) return 'xiang';
  return null;
}

function villageKindOf(village: string): VillageKind | null {
  const n = Number(village);
  if (n === 0) return 'township';
  if (n <= 199) return 'community';
  if (n <= 399) return 'village';
  return null;
}

/** Checks county, township and (for 12 digits) village segments of a prefix already shaped. */
function checkDivisionSegments(code: string): CodeResult<DivisionCodeParts> {
  const county = code.slice(0, 6);
  const countyFailure = checkCounty(county);
  if (countyFailure) return countyFailure;
  const township = code.slice(6, 9);
  const townshipKind = townshipKindOf(township);
  if (!townshipKind) return badSegment('township', township, 'township');
  const village = code.slice(9, 12);
  const villageKind = villageKindOf(village);
  if (!villageKind) return badSegment('village', village, 'village');
  return { ok: true, parts: { county, township, village, townshipKind, villageKind } };
}

/** A 12-digit administrative division code (village 000 = the township itself). */
export function checkDivisionCode(code: string): CodeResult<DivisionCodeParts> {
  return checkShape('division', code, [12]) ?? checkDivisionSegments(code);
}

/** A unit code: the district (6 digits), a town (9) or a village station (12). */
export function checkUnitCode(code: string): CodeResult<UnitCodeParts> {
  const shape = checkShape('unit', code, [6, 9, 12]);
  if (shape) return shape;
  const county = code.slice(0, 6);
  if (code.length === 6) return checkCounty(county) ?? { ok: true, parts: { level: 'district', county } };
  const division = checkDivisionSegments(code.length === 9 ? `${code}000` : code);
  if (!division.ok) return division;
  const { township, townshipKind, village, villageKind } = division.parts;
  if (code.length === 9) return { ok: true, parts: { level: 'town', county, township, townshipKind } };
  if (villageKind === 'township') return badSegment('village', village, 'unitVillage');
  return { ok: true, parts: { level: 'village', county, township, townshipKind, village, villageKind } };
}

/**
 * A grid code of level 1–4 (9, 12, 15 or 18 digits): level 1 is the town's 9-digit prefix,
 * level 2 the village's 12-digit code, levels 3 and 4 append a 3-digit sequence each.
 * With `level`, a code of another level is refused.
 */
export function checkGridCode(code: string, level?: GridLevel): CodeResult<GridCodeParts> {
  const shape = checkShape('grid', code, Object.values(GRID_DIGITS));
  if (shape) return shape;
  const actual = (code.length / 3 - 2) as GridLevel;
  if (level && actual !== level) {
    return fail('level', t('codes:wrongGridLevel', { code, actual, expected: level, digits: GRID_DIGITS[level] }));
  }
  const unit = checkUnitCode(code.slice(0, Math.min(code.length, 12)));
  if (!unit.ok) return unit;
  const sequences: string[] = [];
  const sequenceSegments = ['level3Sequence', 'level4Sequence'] as const;
  for (let start = 12, i = 0; start < code.length; start += 3, i++) {
    const sequence = code.slice(start, start + 3);
    if (!inRange(sequence, 1, 999)) return badSegment(sequenceSegments[i], sequence, 'gridSequence');
    sequences.push(sequence);
  }
  const parts = unit.parts;
  return {
    ok: true,
    parts: {
      level: actual,
      county: parts.county,
      township: parts.level === 'district' ? '' : parts.township,
      village: parts.level === 'village' ? parts.village : '',
      sequences,
      parentCode: actual === 1 ? '' : code.slice(0, code.length - 3),
    },
  };
}

/** A 17-digit component code: county (6) + major category 01–06 (2) + minor (3) + sequence (6). */
export function checkComponentCode(code: string): CodeResult<ComponentCodeParts> {
  const shape = checkShape('component', code, [17]);
  if (shape) return shape;
  const county = code.slice(0, 6);
  const major = code.slice(6, 8);
  const minor = code.slice(8, 11);
  const sequence = code.slice(11, 17);
  return (
    checkCounty(county) ??
    (inRange(major, 1, 6) ? null : badSegment('major', major, 'componentMajor')) ??
    (inRange(minor, 1, 999) ? null : badSegment('minor', minor, 'componentMinor')) ??
    (inRange(sequence, 1, 999999) ? null : badSegment('sequence', sequence, 'componentSequence')) ?? {
      ok: true,
      parts: { county, major, minor, sequence },
    }
  );
}

/** An 8-digit event catalog item code: major 01–04 (2) + subcategory (3) + item (3). */
export function checkCatalogItemCode(code: string): CodeResult<CatalogItemCodeParts> {
  const shape = checkShape('catalogItem', code, [8]);
  if (shape) return shape;
  const major = code.slice(0, 2);
  const subcategory = code.slice(2, 5);
  const item = code.slice(5, 8);
  return (
    (inRange(major, 1, 4) ? null : badSegment('major', major, 'catalogMajor')) ??
    (inRange(subcategory, 1, 999) ? null : badSegment('subcategory', subcategory, 'catalogSubcategory')) ??
    (inRange(item, 1, 999) ? null : badSegment('item', item, 'catalogItem')) ?? { ok: true, parts: { major, subcategory, item } }
  );
}

function unwrap<P>(code: string, result: CodeResult<P>): P {
  if (!result.ok) throw new CodeError(result.message, result.segment, code);
  return result.parts;
}

export const assertDivisionCode = (code: string): DivisionCodeParts => unwrap(code, checkDivisionCode(code));
export const assertUnitCode = (code: string): UnitCodeParts => unwrap(code, checkUnitCode(code));
export const assertGridCode = (code: string, level?: GridLevel): GridCodeParts => unwrap(code, checkGridCode(code, level));
export const assertComponentCode = (code: string): ComponentCodeParts => unwrap(code, checkComponentCode(code));
export const assertCatalogItemCode = (code: string): CatalogItemCodeParts => unwrap(code, checkCatalogItemCode(code));
