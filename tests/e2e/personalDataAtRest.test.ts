/**
 * Personal data at rest: a village workstation in Chromium with a profile on disk of its own
 * syncs a case from the district (pulled), registers one through the form (pushed), and
 * receives a case its schema refuses (kept in the local quarantine). Then the browser is closed,
 * the profile folder copied, and every file of the copy searched — raw bytes, and LevelDB's
 * table blocks decompressed (support/profileFiles.ts), in UTF-8 and UTF-16LE — for the parties'
 * ID numbers, phones and addresses: none may appear. The unencrypted summary of the same cases
 * must appear, or the search did not look where the data is.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCouchDoc } from '../../core/couchDoc';
import { registerCase } from '../../core/mediation';
import { residentIdCheck } from '../../core/mediation/identity';
import { databaseOfUnit } from '../../core/org';
import { userNameOf } from '../../district/topologyPlan';
import { eventually, provisionedDistrict, TWO_VILLAGES, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { CHROMIUM_ARGS, ensureRendererBuilt, launchChromium, RENDERER_OUT, serveStatic, type StaticServer } from './support/browser';
import { findInProfile } from './support/profileFiles';

const residentId = (first17: string) => first17 + residentIdCheck(first17);

/** Values no demo doc has, so a hit is ours. */
const PULLED = { id: residentId('32050619880229417'), id2: residentId('32050619920606385'), phone: '13957246813', address: '金鸡湖畔测试里8848号' };
const REGISTERED = { id: residentId('32050619700101593'), id2: residentId('32050619750909274'), phone: '18673920154', address: '甪直镇试验弄6271号' };
const QUARANTINED = { id: residentId('32050619661111628'), id2: residentId('32050619810404731'), phone: '15820937461', address: '光福镇核对巷3306号' };
const CANARY = '静态数据核验用纠纷摘要';

let district: ProvisionedDistrict;
let server: StaticServer;
let snapshot: string;
const dirs: string[] = [];
beforeAll(async () => {
  await ensureRendererBuilt();
  snapshot = await mkdtemp(join(tmpdir(), 'gridlink-e2e-'));
  await cp(RENDERER_OUT, snapshot, { recursive: true });
  [district, server] = await Promise.all([provisionedDistrict(TWO_VILLAGES), serveStatic(snapshot)]);
});
afterAll(async () => {
  await server?.close();
  await district?.stop();
  await Promise.all([snapshot, ...dirs].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fillParty(page: Page, group: string, fields: Record<string, string>) {
  const party = page.getByRole('group', { name: group, exact: true });
  for (const [label, value] of Object.entries(fields)) await party.getByLabel(label, { exact: true }).fill(value);
}

describe('personal data at rest in a workstation profile', () => {
  it('keeps no ID number, phone or address of a party in clear in any file of the profile', async () => {
    const village = district.demo.orgTree.towns[0].villages[0];
    const username = userNameOf(village.code);
    const password = district.passwords.get(username) ?? '';
    const dbPath = `/${databaseOfUnit(village.code)}`;

    // A case registered elsewhere at the station, on the server before the workstation syncs.
    const pulled = registerCase(
      {
        parties: [
          { side: 'applicant', kind: 'person', name: '测试申请人甲', idNumber: PULLED.id, phone: PULLED.phone, address: PULLED.address },
          { side: 'respondent', kind: 'person', name: '测试被申请人乙', idNumber: PULLED.id2 },
        ],
        disputeType: '邻里', source: 'application', summary: `${CANARY}（同步）`,
      },
      { stationCode: village.code, actor: { name: username, unit: village.code }, existingNumbers: [] },
    );
    for (const written of [pulled.doc, pulled.event]) {
      const put = await district.asUnit(village.code, `${dbPath}/${encodeURIComponent(written.id)}`, { method: 'PUT', body: JSON.stringify(toCouchDoc(written)) });
      expect(put.status).toBe(201);
    }
    // A case the local schema refuses (no summary), written by the district admin: the
    // workstation keeps it whole in its quarantine.
    const refused = registerCase(
      {
        parties: [
          { side: 'applicant', kind: 'person', name: '测试申请人丙', idNumber: QUARANTINED.id, phone: QUARANTINED.phone, address: QUARANTINED.address },
          { side: 'respondent', kind: 'person', name: '测试被申请人丁', idNumber: QUARANTINED.id2 },
        ],
        disputeType: '邻里', source: 'application', summary: 'x',
      },
      { stationCode: village.code, actor: { name: username, unit: village.code }, existingNumbers: [pulled.doc.number] },
    );
    const { summary: _dropped, ...invalid } = toCouchDoc(refused.doc) as Record<string, unknown>;
    const adminPut = await district.couch.adminFetch(`${dbPath}/${encodeURIComponent(refused.doc.id)}`, { method: 'PUT', body: JSON.stringify(invalid) });
    expect(adminPut.status).toBe(201);

    const profile = await mkdtemp(join(tmpdir(), 'gridlink-profile-'));
    dirs.push(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const query = new URLSearchParams({ station: village.code, district: district.couch.url, user: username });
      await page.goto(`${server.url}/?${query.toString()}#/mediation`);
      await page.locator('input[name=password]').fill(password);
      await page.locator('.setup-form button[type=submit]').click();
      const list = page.getByRole('table', { name: '调解' });
      await list.getByText(pulled.doc.number).waitFor({ timeout: 30_000 });
      // The refused case is in the local quarantine, shown on the sync screen.
      const go = (hash: string) => page.evaluate((to) => { window.location.hash = to; }, hash);
      await go('#/sync');
      await page.locator(`.rejected-item[data-doc-id="${refused.doc.id}"]`).waitFor({ timeout: 30_000 });
      await go('#/mediation');
      await list.getByText(pulled.doc.number).waitFor({ timeout: 30_000 });

      await page.getByRole('link', { name: '受理登记' }).click();
      await page.getByRole('heading', { level: 1, name: '受理登记' }).waitFor();
      await fillParty(page, '申请人 1', { '姓名 / 名称': '测试申请人戊', 身份证号码: REGISTERED.id, 联系电话: REGISTERED.phone, '住址 / 地址': REGISTERED.address });
      await fillParty(page, '被申请人 1', { '姓名 / 名称': '测试被申请人己', 身份证号码: REGISTERED.id2 });
      await page.getByLabel('纠纷类型').selectOption('邻里');
      await page.getByLabel('案件来源').selectOption({ label: '主动调解' });
      await page.getByLabel('纠纷简要情况').fill(`${CANARY}（登记）`);
      await page.getByRole('button', { name: '登记受理' }).click();
      await page.getByRole('heading', { level: 1, name: /^调解 / }).waitFor();

      // Uploaded: the district has the registered case, in clear (the server format is unchanged).
      await eventually(async () => {
        const all = await (await district.asUnit(village.code, `${dbPath}/_all_docs?include_docs=true`)).text();
        return all.includes(REGISTERED.id) && all.includes(REGISTERED.phone);
      }, 30_000, 'the registered case on the server');
    } finally {
      await context.close();
    }

    const copy = await mkdtemp(join(tmpdir(), 'gridlink-profile-copy-'));
    dirs.push(copy);
    await cp(profile, copy, { recursive: true });
    const secrets = [PULLED, REGISTERED, QUARANTINED].flatMap((p) => [p.id, p.id2, p.phone, p.address]);
    const { findings, files, tables } = await findInProfile(copy, [...secrets, CANARY]);
    console.log(`profile: ${files} files, ${tables} LevelDB tables decompressed`);
    for (const f of findings) console.log(`found ${f.value || '?'} in ${f.file} (${f.how})`);
    // The search looks where the data is: the clear summary is found.
    expect(findings.some((f) => f.value === CANARY)).toBe(true);
    expect(findings.filter((f) => f.value !== CANARY)).toEqual([]);
  });

  it('offline, the password that wraps the data key is the only one that opens the station', async () => {
    const village = district.demo.orgTree.towns[0].villages[1];
    const username = userNameOf(village.code);
    const password = district.passwords.get(username) ?? '';
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const query = new URLSearchParams({ station: village.code, district: district.couch.url, user: username });
      await page.goto(`${server.url}/?${query.toString()}#/mediation`);
      await page.locator('input[name=password]').fill(password);
      await page.locator('.setup-form button[type=submit]').click();
      await page.getByRole('navigation', { name: '主导航' }).waitFor({ timeout: 30_000 });
      // Only the wrapped key is kept in the browser, never the key or the password.
      const stored = await page.evaluate(() => Object.entries(localStorage).map(([k, v]) => `${k}=${v}`).join('\n'));
      expect(stored).toContain(`gridlink.dataKey.${village.code}=`);
      expect(stored).not.toContain(password);

      // The district is out of reach; the page is reloaded and asks for the password again.
      await context.route(`${district.couch.url}/**`, (route) => route.abort('connectionrefused'));
      await page.reload();
      await page.locator('input[name=password]').fill(`${password}x`);
      await page.locator('.setup-form button[type=submit]').click();
      await page.getByText('用户名或密码错误').first().waitFor({ timeout: 30_000 });
      expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
      await page.locator('input[name=password]').fill(password);
      await page.locator('.setup-form button[type=submit]').click();
      await page.getByRole('navigation', { name: '主导航' }).waitFor({ timeout: 30_000 });
      // It really was offline: the server could not have told the wrong password apart.
      await page.getByText('暂时无法连接服务器').first().waitFor({ timeout: 10_000 });
    } finally {
      await browser.close();
    }
  });
});
