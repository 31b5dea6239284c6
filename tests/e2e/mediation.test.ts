/**
 * A village clerk's mediation case in the web build, in Chromium: the layoff of DOMAIN.md (47
 * employees against their company) registered with inline checks, a session, an agreement of
 * RMB 800,000 printed to an A4 PDF (rendered to PNG for a look), archiving refused until the
 * follow-up visit is recorded, and the month's statistics shown and exported to .xlsx.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../district/demo/generate';
import { creditCode, mobilePhone, residentId } from '../../district/demo/identity';
import { Random } from '../../district/demo/random';
import { openWebApp, saveScreenshot, SCREENSHOTS_DIR, type WebApp } from './support/browser';

const run = promisify(execFile);
const random = new Random(47);
const worker = { id: residentId(random, 1986, true), phone: mobilePhone(random) };
const company = { code: creditCode(random, '320506'), phone: mobilePhone(random) };

let app: WebApp;
beforeAll(async () => {
  app = await openWebApp();
});
afterAll(async () => {
  await app?.close();
});

async function fillParty(page: Page, group: string, fields: Record<string, string>, kind?: '自然人' | '单位') {
  const party = page.getByRole('group', { name: group, exact: true });
  if (kind) await party.getByLabel('自然人 / 单位').selectOption({ label: kind });
  for (const [label, value] of Object.entries(fields)) await party.getByLabel(label, { exact: true }).fill(value);
}

describe('a village clerk mediates a labour dispute', () => {
  it('registers 47 employees as one side, records a session, agrees on RMB 800,000, prints it and follows up', async () => {
    const { page, errors } = await app.newPage('?demo=1#/mediation', { viewport: { width: 1366, height: 900 } });
    await page.getByRole('heading', { level: 1, name: '调解' }).waitFor();
    await page.getByRole('table', { name: '调解' }).locator('tbody tr').first().waitFor();
    // Lists never show whole ID numbers.
    const listText = await page.getByRole('table', { name: '调解' }).innerText();
    expect(listText).toMatch(/[0-9]{4}\*{10}[0-9X]{4}/);
    expect(listText).not.toMatch(/[0-9]{17}[0-9X]/);

    await page.getByRole('link', { name: '受理登记' }).click();
    await page.getByRole('heading', { level: 1, name: '受理登记' }).waitFor();

    // A mistyped ID number (one digit wrong) is caught inline, in Chinese, and nothing is lost.
    const wrongId = worker.id.slice(0, 16) + String((Number(worker.id[16]) + 1) % 10) + worker.id[17];
    await fillParty(page, '申请人 1', { '姓名 / 名称': '王建华等47名员工', 身份证号码: wrongId, 联系电话: worker.phone, 人数: '47', '住址 / 地址': '木渎镇金山路88号职工宿舍' });
    await fillParty(page, '被申请人 1', { '姓名 / 名称': '苏州吴中精密机械有限公司', 统一社会信用代码: company.code, 联系电话: company.phone, '住址 / 地址': '木渎镇工业园区珠江路18号' }, '单位');
    await page.getByLabel('纠纷类型').selectOption('劳动争议');
    await page.getByLabel('案件来源').selectOption({ label: '主动调解' });
    await page.getByLabel('涉及金额（元）').fill('-500');
    await page.getByRole('button', { name: '登记受理' }).click();
    const applicant = page.getByRole('group', { name: '申请人 1', exact: true });
    await expect.poll(() => applicant.getByRole('alert').innerText()).toContain('身份证号码校验位不符');
    // A minus sign is named as such, not as a format problem.
    expect(await page.getByText('金额不能为负数').count()).toBe(1);
    await page.getByLabel('涉及金额（元）').fill('800000');
    expect(await page.getByText('请填写纠纷简要情况').count()).toBe(1);
    await saveScreenshot(page, 'mediation-register-errors');

    await applicant.getByLabel('身份证号码').fill(worker.id);
    await page.getByLabel('纠纷简要情况').fill('企业经营困难拟裁员47人，员工要求依法支付经济补偿金。网格员巡查发现群体性风险后报告，调解员会同劳动保障监察、人社部门介入。');
    expect(await applicant.getByRole('alert').count()).toBe(0);
    expect(await applicant.getByLabel('姓名 / 名称').inputValue()).toBe('王建华等47名员工');
    await page.getByRole('button', { name: '登记受理' }).click();

    // The case page, opened at its top: full ID number here, and the clock running.
    await page.getByRole('heading', { level: 1, name: /^调解 TJ[0-9]{12}-[0-9]{4}-[0-9]{4}$/ }).waitFor();
    expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(0);
    const caseNumber = (await page.getByRole('heading', { level: 1 }).innerText()).replace('调解 ', '');
    // Masked until 显示, which shows that party's ID number, phone and address for this view.
    const parties = page.getByRole('table', { name: '当事人' });
    const masked = await parties.innerText();
    expect(masked).not.toContain(worker.id);
    expect(masked).not.toContain(worker.phone);
    expect(masked).toContain(`${worker.id.slice(0, 4)}**********${worker.id.slice(-4)}`);
    expect(masked).toContain(`${worker.phone.slice(0, 3)}****${worker.phone.slice(-4)}`);
    expect(masked).toContain(company.code);
    await saveScreenshot(page, 'mediation-case-masked');
    await parties.getByRole('button', { name: '显示王建华等47名员工的完整证件号码、电话和住址' }).click();
    expect(await parties.innerText()).toContain(worker.id);
    expect(await parties.innerText()).toContain(worker.phone);
    expect(await parties.innerText()).toContain('木渎镇金山路88号职工宿舍');
    // Only that party: the company's phone stays masked.
    expect(await parties.innerText()).not.toContain(company.phone);
    await saveScreenshot(page, 'mediation-case-revealed');
    await parties.getByRole('button', { name: '隐藏王建华等47名员工的完整证件号码、电话和住址' }).click();
    expect(await parties.innerText()).not.toContain(worker.id);
    expect(await page.locator('.med-case-status').innerText()).toMatch(/已受理[\s\S]*剩余 (2[89]|3[01]) 天/);

    // Joint mediation and a session.
    const joint = page.getByRole('form', { name: '联合调解单位' });
    await joint.getByLabel('联合调解单位').fill('区劳动保障监察大队');
    await joint.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => joint.innerText()).toContain('区劳动保障监察大队');
    // A scan for the case file: any picture will do, here a snapshot of the parties table.
    const scan = await parties.screenshot();
    const documents = page.getByRole('form', { name: '卷宗材料' });
    await documents.getByLabel('材料名称').fill('员工名册及劳动合同（扫描件）');
    await documents.getByLabel('添加照片 / 扫描件').setInputFiles({ name: 'roster.png', mimeType: 'image/png', buffer: scan });
    await documents.locator('button[type=submit]').click();
    await documents.getByRole('img', { name: '员工名册及劳动合同（扫描件）' }).waitFor();
    // Shown, and decoded: a busy machine paints the element before the picture.
    await expect.poll(() => documents.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);

    const session = page.getByRole('form', { name: '登记调解' });
    await session.getByLabel('调解地点').fill('村人民调解委员会调解室');
    await session.getByLabel('参加人员').fill('调解员、员工代表5人、公司人事经理、劳动保障监察员');
    await session.getByLabel('调解记录').fill('公司提出按工龄支付经济补偿，员工代表同意方案，补偿总额80万元。');
    await session.getByRole('button', { name: '登记调解' }).click();
    await expect.poll(() => page.locator('.med-case-status').innerText()).toContain('调解中');

    // The agreement, drafted from the case: who pays whom, the amount in capitals, the due date
    // and how it is paid are fields; nothing is signed before the final text has been reviewed.
    const outcome = page.getByRole('form', { name: '预览协议' });
    await outcome.getByLabel('金额（元）', { exact: true }).fill('800000');
    expect(await outcome.getByLabel('付款方').inputValue()).toBe('苏州吴中精密机械有限公司');
    expect(await outcome.getByLabel('收款方').inputValue()).toBe('王建华等47名员工');
    expect(await outcome.getByLabel('经调解，自愿达成如下协议').inputValue()).toContain('人民币捌拾万元整');
    expect(await outcome.getByLabel('履行方式、地点、期限').inputValue()).toContain('银行转账');
    await outcome.getByLabel('履行方式', { exact: true }).selectOption({ label: '现金' });
    expect(await outcome.getByLabel('履行方式、地点、期限').inputValue()).toContain('以现金方式');
    await outcome.getByRole('button', { name: '预览协议' }).click();
    const review = page.getByRole('region', { name: '核对协议书' });
    const sheet = review.getByRole('article', { name: '人民调解协议书' });
    await expect.poll(() => sheet.innerText()).toContain('人民币捌拾万元整');
    const committee = (await sheet.locator('.agreement__committee').innerText()).trim();
    expect(committee).toMatch(/^\D+人民调解委员会$/);
    expect(await sheet.innerText()).toContain('以现金方式');
    // Still nothing signed: the case is as it was until the clerk confirms.
    expect(await page.locator('.med-case-status').innerText()).toContain('调解中');
    await saveScreenshot(page, 'mediation-agreement-review');
    // Back to the fields (nothing lost), the payment made a bank transfer again, reviewed, signed.
    await review.getByRole('button', { name: '返回修改' }).click();
    expect(await outcome.getByLabel('金额（元）', { exact: true }).inputValue()).toBe('800000');
    await outcome.getByLabel('履行方式', { exact: true }).selectOption({ label: '银行转账' });
    await outcome.getByRole('button', { name: '预览协议' }).click();
    await expect.poll(() => sheet.innerText()).toContain('以银行转账方式');
    await review.getByRole('button', { name: '确认签订' }).click();
    await expect.poll(() => page.locator('.med-case-status').innerText()).toContain('调解成功');
    const agreementNumber = caseNumber.replace('TJ', 'XY').replace(/-[0-9]{4}$/, '-0001');
    expect(await page.getByText(agreementNumber).count()).toBeGreaterThan(0);

    // A correction after signing: 820,000, with its reason, reviewed, then kept in the history.
    await page.getByRole('button', { name: '变更协议' }).click();
    const amend = page.getByRole('group', { name: '变更协议' });
    await amend.getByLabel('金额（元）', { exact: true }).fill('820000');
    await amend.getByRole('button', { name: '预览协议' }).click();
    await expect.poll(() => amend.getByRole('alert').allInnerTexts()).toContain('请写明变更原因');
    await amend.getByLabel('变更原因').fill('经劳动保障监察核算，补偿总额更正为82万元');
    await amend.getByRole('button', { name: '预览协议' }).click();
    await expect.poll(() => amend.getByRole('article').innerText()).toContain('人民币捌拾贰万元整');
    await amend.getByRole('button', { name: '保存变更' }).click();
    await expect.poll(() => page.getByRole('list', { name: '变更记录' }).innerText()).toContain('补偿总额更正为82万元');
    expect(await page.getByRole('region', { name: '调解结果' }).innerText()).toContain('人民币捌拾贰万元整');
    await expect.poll(() => page.locator('.med-timeline').innerText()).toMatch(/达成调解协议[\s\S]*变更调解协议 XY[\s\S]*82万元/);

    // Archiving is refused until a follow-up visit is on record.
    await page.getByRole('button', { name: '归档' }).click();
    await expect.poll(() => page.getByText('尚未回访，不能归档').count()).toBe(1);
    await saveScreenshot(page, 'mediation-case-agreed');

    // The printed agreement: an A4 PDF, rendered to PNG and kept for a look.
    await page.getByRole('link', { name: '打印协议书' }).click();
    await page.getByRole('article', { name: '人民调解协议书' }).waitFor();
    await mkdir(SCREENSHOTS_DIR, { recursive: true });
    const pdfPath = join(SCREENSHOTS_DIR, 'mediation-agreement.pdf');
    await writeFile(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
    await run('pdftoppm', ['-png', '-r', '110', pdfPath, join(SCREENSHOTS_DIR, 'mediation-agreement')]);
    const { stdout: info } = await run('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Pages:\s+1\b/);
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);
    const flat = text.replace(/\s+/g, '');
    for (const expected of ['人民调解协议书', agreementNumber, '王建华等47名员工（共47人）', worker.id, company.code, '人民币捌拾贰万元整', '820,000.00', '人民调解员（签名）', '人民调解委员会印章', '补偿总额更正为82万元']) {
      expect(flat).toContain(expected.replace(/\s+/g, ''));
    }
    // The committee by its name, at the head and by the seal; never a unit code.
    expect(flat.split(committee).length - 1).toBeGreaterThanOrEqual(2);
    expect(flat).not.toMatch(/[0-9]{6,}人民调解委员会/);
    expect(text).not.toMatch(/网格联动工作站|受理登记/); // none of the app's chrome on paper
    await saveScreenshot(page, 'mediation-agreement-screen');

    // Follow-up, then archive.
    await page.getByRole('link', { name: '← 返回案件' }).click();
    const visit = page.getByRole('form', { name: '登记回访' });
    await visit.getByLabel('遗留风险').fill('无，47名员工已全部领取补偿款');
    // What the parties said is asked, never assumed.
    expect(await visit.getByLabel('协议履行情况').inputValue()).toBe('');
    expect(await visit.getByLabel('当事人满意度').inputValue()).toBe('');
    await visit.getByRole('button', { name: '登记回访' }).click();
    await expect.poll(() => visit.getByRole('alert').allInnerTexts()).toEqual(expect.arrayContaining(['请选择协议履行情况', '请选择当事人满意度']));
    await visit.getByLabel('协议履行情况').selectOption({ label: '已履行' });
    await visit.getByLabel('当事人满意度').selectOption({ label: '满意' });
    await visit.getByRole('button', { name: '登记回访' }).click();
    await page.getByRole('table', { name: '回访' }).waitFor();
    await page.getByRole('button', { name: '归档' }).click();
    await expect.poll(() => page.locator('.med-case-status').innerText()).toContain('已归档');
    // The timeline is its own live query of the case's events: it may show the archive event a
    // moment after the status does.
    await expect.poll(() => page.locator('.med-timeline').innerText()).toMatch(/受理登记[\s\S]*区劳动保障监察大队[\s\S]*达成调解协议[\s\S]*回访[\s\S]*归档/);
    await saveScreenshot(page, 'mediation-case-archived');

    // The rest of the case file prints the same way: A4, the committee by name, the case's content.
    const caseFile = {
      人民调解申请书: ['王建华等47名员工（共47人）', '劳动争议纠纷', '申请人自愿申请'],
      人民调解调解笔录: ['第1次调解', '村人民调解委员会调解室', '补偿总额80万元', '记录人（签名）'],
      人民调解回访记录: [agreementNumber, '已履行', '47名员工已全部领取补偿款', '回访人（签名）'],
      人民调解卷宗: [caseNumber, '达成协议', agreementNumber, '人民调解协议书', '照片及扫描件1份'],
    };
    for (const [title, expected] of Object.entries(caseFile)) {
      await page.getByRole('navigation', { name: '打印文书' }).getByRole('link', { name: title }).click();
      await page.getByRole('article', { name: title }).waitFor();
      const path = join(SCREENSHOTS_DIR, `mediation-print-${title}.pdf`);
      await writeFile(path, await page.pdf({ format: 'A4', printBackground: true }));
      const { stdout: printed } = await run('pdftotext', ['-layout', path, '-']);
      const flatPrint = printed.replace(/\s+/g, '');
      expect(flatPrint).toContain(committee);
      expect(flatPrint).not.toMatch(/[0-9]{6,}人民调解委员会/);
      for (const line of [title, ...expected]) expect(flatPrint, title).toContain(line.replace(/\s+/g, ''));
      await run('pdftoppm', ['-png', '-r', '60', '-singlefile', path, join(SCREENSHOTS_DIR, `mediation-print-${title}`)]);
      await page.getByRole('link', { name: '← 返回案件' }).click();
      await page.getByRole('navigation', { name: '打印文书' }).waitFor();
    }

    // This month's statistics count the case and its 800,000, and export to .xlsx.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click();
    const report = page.getByRole('table', { name: '人民调解统计' });
    await report.waitFor();
    const totalRow = report.locator('tr.stats-total');
    await expect.poll(() => totalRow.innerText()).toMatch(/合计/);
    const shown = await totalRow.innerText();
    expect(shown).toMatch(/800,000\.00|[1-9][0-9,]*\.[0-9]{2}/);
    await saveScreenshot(page, 'mediation-stats');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^人民调解统计（\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}）-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const summary = book.getWorksheet('汇总')!;
    const rows = summary.getSheetValues().filter(Array.isArray) as unknown[][];
    const total = rows.find((row) => row[2] === '合计')!;
    const station = rows.find((row) => typeof row[1] === 'string' && /^[0-9]{12}$/.test(row[1]))!;
    // columns: 1 code, 2 name, 3 cases, 4 concluded, 5 agreements, 6 rate, 7 amount
    expect(station[2]).toMatch(/社区|村/);
    expect(Number(total[5])).toBeGreaterThanOrEqual(1);
    expect(Number(total[7])).toBeGreaterThanOrEqual(800000);
    expect(shown).toContain(new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2 }).format(Number(total[7])));

    expect(errors).toEqual([]);
  });

  it('the town sub-center lists its villages’ cases (IDs masked) and opens them read-only; a sibling village sees only its own', async () => {
    // The demo station seed (renderer/demo): the same district the web build loads.
    const { orgTree, docs } = generateDemoDistrict({ seed: 1 });
    const town = orgTree.towns[0];
    const [village, sibling] = town.villages;
    const villageCase = docs.mediationCases.find((c) => c.ownerCode === village.code)!;

    const { page, errors } = await app.newPage(`?demo=1&station=${town.code}#/mediation`);
    const list = page.getByRole('table', { name: '调解' });
    await list.locator('tbody tr').first().waitFor();
    // 受理单位 names each village; no code where a person reads a name.
    const owners = new Set(await list.locator('tbody tr td:nth-child(3)').allInnerTexts());
    expect(owners.has(village.name)).toBe(true);
    expect([...owners].filter((name) => town.villages.some((v) => v.name === name)).length).toBeGreaterThanOrEqual(2);
    expect([...owners].some((name) => /[0-9]{9}/.test(name))).toBe(false);
    expect(await list.innerText()).not.toMatch(/[0-9]{17}[0-9X]/);
    await saveScreenshot(page, 'mediation-town-list');

    await page.getByRole('search').getByRole('searchbox').fill(villageCase.number);
    await list.getByRole('link', { name: villageCase.number }).click();
    await page.getByRole('heading', { level: 1, name: `调解 ${villageCase.number}` }).waitFor();
    expect(await page.getByRole('note').innerText()).toBe(`本案件由 ${village.name} 受理并办理，本站只能查看`);
    expect(await page.getByRole('button', { name: '登记调解' }).count()).toBe(0);
    const person = villageCase.parties.find((p) => p.idNumber)!;
    // Read-only, the same rule: masked until 显示.
    const parties = page.getByRole('table', { name: '当事人' });
    expect(await parties.innerText()).not.toContain(person.idNumber);
    await parties.getByRole('button', { name: `显示${person.name}的完整证件号码、电话和住址` }).click();
    expect(await parties.innerText()).toContain(person.idNumber);

    const other = await app.newPage(`?demo=1&station=${sibling.code}#/mediation`);
    const siblingList = other.page.getByRole('table', { name: '调解' });
    await siblingList.locator('tbody tr').first().waitFor();
    const numbers = await siblingList.locator('tbody tr td:first-child').allInnerTexts();
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.some((n) => n.includes(village.code))).toBe(false);
    expect(await other.page.locator('th', { hasText: '受理单位' }).count()).toBe(0);

    expect([...errors, ...other.errors]).toEqual([]);
  });
});
