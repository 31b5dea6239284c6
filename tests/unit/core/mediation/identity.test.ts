/**
 * Identity numbers a clerk types on the register form: resident IDs (GB 11643) and unified
 * social credit codes (GB 32100), checked against the standards' published examples and the
 * demo district's generated people and companies.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../district/demo/generate';
import { checkCreditCode, checkPersonDocument, checkPhone, checkResidencePermit, checkResidentId, maskIdNumber, residentIdCheck } from '../../../../core/mediation/identity';

const demoParties = generateDemoDistrict({ seed: 7, towns: 1, villagesPerTown: 3, casesPerVillage: 20 }).docs.mediationCases.flatMap((c) => c.parties);

describe('resident ID numbers', () => {
  it('accept the standard example with an X check character, also typed lower-case with spaces', () => {
    expect(checkResidentId('11010519491231002X')).toMatchObject({ ok: true, parts: { region: '110105', birthDate: '1949-12-31', male: false } });
    expect(checkResidentId('110105 19491231 002x')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkResidentId('440524188001010014')).toMatchObject({ ok: true, parts: { birthDate: '1880-01-01', male: true } });
  });

  it('accept every generated demo resident', () => {
    const people = demoParties.filter((p) => p.kind === 'person');
    expect(people.length).toBeGreaterThan(50);
    for (const person of people) expect(checkResidentId(person.idNumber ?? ''), person.idNumber).toMatchObject({ ok: true });
  });

  it('refuse a wrong check character and say which one it should be', () => {
    const result = checkResidentId('110105194912310021');
    expect(result).toMatchObject({ ok: false, problem: 'checksum' });
    expect(!result.ok && result.message).toBe('身份证号码校验位不符：最后一位应为 X，填写的是 1，请核对号码');
  });

  it('refuse one changed digit (the checksum catches it)', () => {
    expect(checkResidentId('11010519491231003X')).toMatchObject({ ok: false, problem: 'checksum' });
  });

  it('refuse 17 or 19 characters and the old 15-digit form, naming the length', () => {
    expect(checkResidentId('11010519491231002')).toMatchObject({ ok: false, problem: 'length', message: '身份证号码应为 18 位，现为 17 位' });
    expect(checkResidentId('11010519491231002X1')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkResidentId('110105491231002')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkResidentId('')).toMatchObject({ ok: false, problem: 'empty', message: '请填写身份证号码' });
  });

  it('refuse letters inside and impossible or future birth dates', () => {
    expect(checkResidentId('1101051949123A002X')).toMatchObject({ ok: false, problem: 'characters' });
    expect(checkResidentId('110105194902300021')).toMatchObject({ ok: false, problem: 'birthDate', message: expect.stringContaining('19490230') });
    const future = checkResidentId('110105209901010011', new Date('2025-06-01T00:00:00Z'));
    expect(future).toMatchObject({ ok: false, problem: 'birthDate' });
  });
});

describe('unified social credit codes', () => {
  it('accept published codes and every generated demo company', () => {
    expect(checkCreditCode('91350100M000100Y43')).toMatchObject({ ok: true, parts: { authority: '9', orgType: '1', region: '350100' } });
    expect(checkCreditCode('91110000802100433b')).toMatchObject({ ok: true, value: '91110000802100433B' });
    const companies = demoParties.filter((p) => p.kind === 'organisation');
    expect(companies.length).toBeGreaterThan(3);
    for (const company of companies) expect(checkCreditCode(company.creditCode ?? ''), company.creditCode).toMatchObject({ ok: true });
  });

  it('refuse a wrong check character, naming the expected one', () => {
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, problem: 'checksum', message: expect.stringContaining('应为 3') });
  });

  it('refuse letters the code never uses (I, O, Z, S, V) and a region that is not digits', () => {
    expect(checkCreditCode('91350100M0001O0Y43')).toMatchObject({ ok: false, problem: 'characters', message: expect.stringContaining('「O」') });
    expect(checkCreditCode('9135A100M000100Y43')).toMatchObject({ ok: false, problem: 'characters' });
  });

  it('refuse the wrong length', () => {
    expect(checkCreditCode('91350100M000100Y4')).toMatchObject({ ok: false, problem: 'length', message: '统一社会信用代码应为 18 位，现为 17 位' });
    expect(checkCreditCode('')).toMatchObject({ ok: false, problem: 'empty' });
  });
});

describe('masking and phones', () => {
  it('lists show only the region prefix and last four digits of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber(undefined)).toBe('');
  });

  it('phones are mobiles or landlines with an area code', () => {
    expect(checkPhone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkPhone('0512-66881234')).toEqual({ ok: true, value: '0512-66881234' });
    expect(checkPhone('12345')).toMatchObject({ ok: false });
  });
});

describe('region and birth date of an ID number, and the other documents a party may show', () => {
  const withCheck = (first17: string) => first17 + residentIdCheck(first17);

  it('refuse a region no province has (999999), with the checksum right, naming the region', () => {
    const made = withCheck('99999919800101001');
    expect(checkResidentId(made)).toMatchObject({ ok: false, problem: 'region' });
    expect(!checkResidentId(made).ok && (checkResidentId(made) as { message: string }).message).toContain('「999999」不是有效的行政区划代码');
    // Every province-level prefix of GB/T 2260 passes; its neighbours do not.
    for (const prefix of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) expect(checkResidentId(withCheck(`${prefix}010519800101001`)).ok, prefix).toBe(true);
    for (const prefix of ['00', '10', '16', '24', '38', '47', '55', '66', '72', '83', '99']) expect(checkResidentId(withCheck(`${prefix}010519800101001`)).ok, prefix).toBe(false);
  });

  it('say a birth date after today is in the future, not that it is no date', () => {
    const today = new Date('2026-12-05T08:00:00Z');
    const future = checkResidentId(withCheck('32050620300101001'), today);
    expect(future).toMatchObject({ ok: false, problem: 'birthDate' });
    expect(!future.ok && future.message).toBe('身份证号码中的出生日期「20300101」晚于今天，请核对号码');
    expect(!checkResidentId(withCheck('32050619800230001'), today).ok && (checkResidentId(withCheck('32050619800230001'), today) as { message: string }).message).toContain('不是有效日期');
  });

  it('check a 港澳台居民居住证 number: 81/82/83, birth date and the same check character', () => {
    const hongKong = withCheck('81000019900615002');
    expect(checkResidencePermit(hongKong)).toMatchObject({ ok: true, parts: { region: '810000', birthDate: '1990-06-15' } });
    expect(checkResidencePermit(withCheck('83000019851111001'))).toMatchObject({ ok: true });
    expect(checkResidencePermit(withCheck('32050619900615002'))).toMatchObject({ ok: false, problem: 'region' });
    expect(checkResidencePermit(hongKong.slice(0, 17) + (hongKong[17] === '0' ? '1' : '0'))).toMatchObject({ ok: false, problem: 'checksum' });
    expect(checkPersonDocument('residencePermit', hongKong)).toMatchObject({ ok: true });
  });

  it('take a passport or another document by its own form', () => {
    expect(checkPersonDocument('passport', 'e 12345678')).toMatchObject({ ok: true, value: 'E12345678' });
    expect(checkPersonDocument('passport', 'E1234-567')).toMatchObject({ ok: false, message: '护照号码应为 5–20 位字母或数字' });
    expect(checkPersonDocument('other', '军字第2026001号')).toMatchObject({ ok: true });
    expect(checkPersonDocument('other', '')).toMatchObject({ ok: false, message: '请填写证件号码' });
    expect(checkPersonDocument(undefined, '11010519491231002X')).toMatchObject({ ok: true });
  });
});
