import { describe, expect, it } from 'vitest';
import {
  CodeError,
  assertCatalogItemCode,
  assertComponentCode,
  assertDivisionCode,
  assertGridCode,
  assertUnitCode,
  checkCatalogItemCode,
  checkComponentCode,
  checkDivisionCode,
  checkGridCode,
  checkUnitCode,
  type CodeResult,
} from '../../../core/codes';

function failure<P>(result: CodeResult<P>): { segment: string; message: string } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.parts)}`);
  return result;
}

describe('administrative division codes (12 digits)', () => {
  it('accepts 姑苏区 金阊街道 养育巷社区 and tells street, town and xiang apart', () => {
    expect(checkDivisionCode('320508019044')).toEqual({
      ok: true,
      parts: { county: '320508', township: '019', village: '044', townshipKind: 'street', villageKind: 'community' },
    });
    expect(assertDivisionCode('320506101201').townshipKind).toBe('town');
    expect(assertDivisionCode('320506101201').villageKind).toBe('village');
    expect(assertDivisionCode('320506250201').townshipKind).toBe('xiang');
    expect(assertDivisionCode('320506101000').villageKind).toBe('township');
  });

  it('names the township segment when it is outside 001–399', () => {
    const refused = failure(checkDivisionCode('320506450002'));
    expect(refused.segment).toBe('township');
    expect(refused.message).toMatch(/^乡镇段「450」无效：应为 001–399/);
    expect(failure(checkDivisionCode('320506000002')).message).toContain('乡镇段「000」');
  });

  it('names the village segment when it is above 399', () => {
    const refused = failure(checkDivisionCode('320506101450'));
    expect(refused.segment).toBe('village');
    expect(refused.message).toMatch(/^村居段「450」无效：应为 000–399/);
  });

  it('names the county segment for an unknown province or a city-level code', () => {
    expect(failure(checkDivisionCode('990506101002'))).toMatchObject({ segment: 'county', message: expect.stringContaining('区县段「990506」') });
    expect(failure(checkDivisionCode('320500101002')).segment).toBe('county');
    expect(failure(checkDivisionCode('320006101002')).segment).toBe('county');
  });

  it('refuses a wrong length, saying how many digits it has', () => {
    const refused = failure(checkDivisionCode('3205061010'));
    expect(refused.segment).toBe('length');
    expect(refused.message).toBe('行政区划代码「3205061010」应为 12 位数字，实际为 10 位');
    expect(failure(checkDivisionCode('')).message).toBe('行政区划代码不能为空');
  });

  it('refuses letters, spaces and full-width digits', () => {
    for (const code of ['32050610100a', '320506 01002', '３２０５０６１０１００２']) {
      const refused = failure(checkDivisionCode(code));
      expect(refused.segment).toBe('digits');
      expect(refused.message).toContain('只能由数字组成');
    }
  });
});

describe('unit codes (district 6, town 9, village 12)', () => {
  it('reads the level from the length', () => {
    expect(assertUnitCode('320506')).toEqual({ level: 'district', county: '320506' });
    expect(assertUnitCode('320506101')).toMatchObject({ level: 'town', township: '101', townshipKind: 'town' });
    expect(assertUnitCode('320506101002')).toMatchObject({ level: 'village', village: '002' });
  });

  it('refuses a village unit numbered 000 (that is the township itself)', () => {
    expect(failure(checkUnitCode('320506101000'))).toMatchObject({ segment: 'village', message: expect.stringContaining('村居段「000」') });
  });

  it('refuses other lengths and bad segments', () => {
    expect(failure(checkUnitCode('3205061')).message).toContain('应为 6、9、12 位数字');
    expect(failure(checkUnitCode('320506999')).segment).toBe('township');
  });
});

describe('grid codes per level', () => {
  it('accepts levels 1–4 and knows each parent', () => {
    expect(assertGridCode('320506101', 1)).toMatchObject({ level: 1, parentCode: '', sequences: [] });
    expect(assertGridCode('320506101002', 2)).toMatchObject({ level: 2, parentCode: '320506101', village: '002' });
    expect(assertGridCode('320506101002003', 3)).toMatchObject({ level: 3, parentCode: '320506101002', sequences: ['003'] });
    expect(assertGridCode('320506101002003002')).toMatchObject({ level: 4, parentCode: '320506101002003', sequences: ['003', '002'] });
  });

  it('refuses a code of another level than asked, naming both', () => {
    const refused = failure(checkGridCode('320506101002', 3));
    expect(refused.segment).toBe('level');
    expect(refused.message).toBe('网格代码「320506101002」是第 2 级网格，此处应为第 3 级（15 位）');
  });

  it('names the sequence segment that is 000', () => {
    expect(failure(checkGridCode('320506101002000'))).toMatchObject({ segment: 'level3Sequence', message: '三级网格序号段「000」无效：应为 001–999' });
    expect(failure(checkGridCode('320506101002001000')).segment).toBe('level4Sequence');
  });

  it('refuses a level-2 grid on a township-level code and wrong lengths', () => {
    expect(failure(checkGridCode('320506101000')).segment).toBe('village');
    expect(failure(checkGridCode('3205061010020')).message).toContain('应为 9、12、15、18 位数字，实际为 13 位');
    expect(failure(checkGridCode('32050610100200x')).segment).toBe('digits');
  });
});

describe('component codes (17 digits)', () => {
  it('splits county, major, minor and sequence', () => {
    expect(assertComponentCode('32050601012000123')).toEqual({ county: '320506', major: '01', minor: '012', sequence: '000123' });
  });

  it('names each bad segment', () => {
    expect(failure(checkComponentCode('32050607012000123'))).toMatchObject({ segment: 'major', message: expect.stringMatching(/^大类段「07」无效：应为 01–06/) });
    expect(failure(checkComponentCode('32050600012000123')).segment).toBe('major');
    expect(failure(checkComponentCode('32050601000000123'))).toMatchObject({ segment: 'minor', message: expect.stringContaining('小类段「000」') });
    expect(failure(checkComponentCode('32050601012000000'))).toMatchObject({ segment: 'sequence', message: expect.stringContaining('序号段「000000」') });
    expect(failure(checkComponentCode('99050601012000123')).segment).toBe('county');
  });

  it('refuses wrong lengths and non-digits', () => {
    expect(failure(checkComponentCode('3205060101200012')).message).toBe('部件代码「3205060101200012」应为 17 位数字，实际为 16 位');
    expect(failure(checkComponentCode('3205060101200012X')).segment).toBe('digits');
  });
});

describe('event catalog item codes (8 digits)', () => {
  it('splits major, subcategory and item', () => {
    expect(assertCatalogItemCode('02008001')).toEqual({ major: '02', subcategory: '008', item: '001' });
  });

  it('names each bad segment', () => {
    expect(failure(checkCatalogItemCode('05008001'))).toMatchObject({ segment: 'major', message: expect.stringMatching(/^大类段「05」无效：应为 01–04/) });
    expect(failure(checkCatalogItemCode('02000001'))).toMatchObject({ segment: 'subcategory', message: expect.stringContaining('小类段「000」') });
    expect(failure(checkCatalogItemCode('02008000'))).toMatchObject({ segment: 'item', message: expect.stringContaining('事项段「000」') });
  });

  it('refuses wrong lengths and non-digits', () => {
    expect(failure(checkCatalogItemCode('0200800')).segment).toBe('length');
    expect(failure(checkCatalogItemCode('02-08001')).segment).toBe('digits');
  });
});

describe('assert variants for importers', () => {
  it('throw a CodeError carrying the segment, the code and the Chinese message', () => {
    expect(() => assertDivisionCode('320506450002')).toThrow(CodeError);
    const thrown = ((): unknown => {
      try {
        assertGridCode('320506101002000', 3);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(CodeError);
    expect(thrown).toMatchObject({ segment: 'level3Sequence', code: '320506101002000', message: '三级网格序号段「000」无效：应为 001–999' });
    expect(() => assertComponentCode('1')).toThrow('部件代码「1」应为 17 位数字，实际为 1 位');
    expect(() => assertCatalogItemCode('09001001')).toThrow('大类段「09」');
    expect(() => assertUnitCode('abc')).toThrow('单位代码「abc」只能由数字组成');
  });
});
