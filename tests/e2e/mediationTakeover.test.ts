/**
 * A village's mediation case taken over by its town, in Chromium, against a provisioned server
 * (real CouchDB-API server, its replication jobs and write rules): two browser profiles, each set
 * up through the setup form with its own login — the village station and its town sub-center.
 *
 * The village clerk escalates a case under mediation; the town sees it with 接办本案, takes it
 * over and records a session; the village sees the town's steps and the case read-only, with
 * the town named (never a code). Screenshots: artifacts/screenshots/mediation-takeover-*.png,
 * at 1366×768 and 1024×768.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { userNameOf } from '../../district/topologyPlan';
import { toCouchDoc } from '../../core/couchDoc';
import { keyOfId, type MediationCaseDoc } from '../../core/schema';
import { databaseOfUnit } from '../../core/org';
import { flowsDownTo } from '../../core/topology';
import { provisionedDistrict, type ProvisionedDistrict } from '../support/provisionedDistrict';
import { openWebApp, saveScreenshot, type WebApp, type WebAppPage } from './support/browser';
import { loginStation, syncIndicator } from './support/stationLogin';

/** Replication runs village → town database → town workstation and back: allow it time. */
const HOP_MS = 60_000;

let district: ProvisionedDistrict;
let app: WebApp;
let town: { code: string; name: string };
let village: { code: string; name: string };
let clerk: WebAppPage;
let townDesk: WebAppPage;
let kase: MediationCaseDoc;

beforeAll(async () => {
  [district, app] = await Promise.all([
    provisionedDistrict({ towns: 1, villagesPerTown: 2, ticketsPerVillage: 1, casesPerVillage: 1, componentsPerVillage: 1, staffPerVillage: 1 }),
    openWebApp(),
  ]);
  const demoTown = district.demo.orgTree.towns[0]!;
  town = { code: demoTown.code, name: demoTown.name };
  village = { code: demoTown.villages[0]!.code, name: demoTown.villages[0]!.name };
  // A case of the village under mediation: registered with a session, no outcome yet.
  const seeded = district.demo.docs.mediationCases.find((c) => c.ownerCode === village.code)!;
  const now = new Date().toISOString();
  kase = {
    ...seeded, id: `mediationCase:${village.code}-takeover`, number: `TJ${village.code}-2026-0901`, state: 'mediating',
    sessions: [{ at: now, place: '村调解室', attendees: '双方当事人', record: '第一次调解：双方分歧较大', photoIds: [] }],
    followUps: [], updatedAt: now,
  };
  delete kase.outcome;
  delete kase.agreement;
  delete kase.archivedAt;
  delete kase.courtConfirmation;
  delete kase.escalation;
  // Each unit's share of the district, as down-replication from the district would have brought it.
  const everything = [...Object.values(district.demo.docs).flat(), kase];
  for (const unit of [town.code, village.code]) {
    const loaded = await district.couch.adminFetch(`/${databaseOfUnit(unit)}/_bulk_docs`, {
      method: 'POST',
      body: JSON.stringify({ docs: everything.filter((doc) => flowsDownTo(doc, unit) && (unit === village.code || doc.id !== kase.id)).map((doc) => toCouchDoc(doc)) }),
    });
    expect(loaded.status).toBe(201);
  }
}, 180_000);

afterAll(async () => {
  await app?.close();
  await district?.stop();
});

async function station(unit: string, viewport: { width: number; height: number }): Promise<WebAppPage> {
  const opened = await app.newPage('', { viewport });
  const user = userNameOf(unit);
  await loginStation(opened.page, { districtUrl: district.couch.url, stationCode: unit, user, password: district.passwords.get(user) ?? '' });
  await syncIndicator(opened.page).and(opened.page.locator('[data-tone="online"]')).waitFor({ timeout: 60_000 });
  return opened;
}

const go = (page: Page, hash: string) => page.evaluate((to) => (window.location.hash = to), hash);
const caseHash = () => `#/mediation/case/${encodeURIComponent(keyOfId(kase.id))}`;
const statusOf = (page: Page) => page.locator('.med-case-status');

async function shots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [[1366, 768], [1024, 768]] as const) {
    await page.setViewportSize({ width, height });
    await page.mouse.move(width - 10, height - 10);
    await saveScreenshot(page, `mediation-takeover-${name}-${width}`);
  }
}

describe('a mediation case escalated by a village and taken over by its town, in two browser stations', () => {
  it('the village escalates, the town takes over and mediates, the village reads along', async () => {
    [clerk, townDesk] = await Promise.all([station(village.code, { width: 1366, height: 768 }), station(town.code, { width: 1366, height: 768 })]);

    // The village escalates its case to the town.
    const { page } = clerk;
    await go(page, caseHash());
    await page.getByRole('heading', { level: 1, name: `调解 ${kase.number}` }).waitFor({ timeout: HOP_MS });
    const escalation = page.getByRole('form', { name: '上报乡镇' });
    await escalation.getByLabel('上报原因').fill('涉及两个村的宅基地边界，需乡镇协调');
    await escalation.getByRole('button', { name: '上报乡镇联动分中心' }).click();
    await expect.poll(() => statusOf(page).innerText()).toContain('已上报');
    // The town is named where the clerk reads it.
    await expect.poll(() => page.getByRole('region', { name: '调解过程' }).innerText()).toMatch(new RegExp(`上报 ${town.name}联动分中心`));

    // The town sees it, with the takeover offered, and takes it over.
    const desk = townDesk.page;
    await go(desk, caseHash());
    await desk.getByRole('heading', { level: 1, name: `调解 ${kase.number}` }).waitFor({ timeout: HOP_MS });
    const takeover = desk.getByRole('region', { name: '乡镇接办' });
    await takeover.waitFor({ timeout: HOP_MS });
    expect(await takeover.innerText()).toContain(`本案已由 ${village.name} 上报本单位`);
    expect(await desk.getByRole('form', { name: '登记调解' }).count()).toBe(0);
    await takeover.evaluate((panel) => panel.scrollIntoView({ block: 'center' }));
    await shots(desk, 'offered');
    await takeover.getByRole('button', { name: '接办本案' }).click();
    await expect.poll(() => statusOf(desk).innerText()).toContain('调解中');
    expect(await desk.getByRole('region', { name: '乡镇接办' }).count()).toBe(0);

    // Now the town mediates: a session of its own.
    const session = desk.getByRole('form', { name: '登记调解' });
    await session.getByLabel('调解地点').fill('镇人民调解委员会调解室');
    await session.getByLabel('调解记录').fill('乡镇接办后第一次调解：国土所现场勘界，双方认可界址');
    await session.getByRole('button', { name: '登记调解' }).click();
    await expect.poll(() => desk.locator('.med-timeline').innerText()).toMatch(/乡镇联动分中心接办案件[\s\S]*$/);
    await expect.poll(() => desk.getByRole('region', { name: '调解过程' }).innerText()).toContain('国土所现场勘界');
    await desk.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await shots(desk, 'town');

    // The village reads along: the town's steps arrive, the case is the town's to write.
    await expect.poll(() => page.getByRole('region', { name: '调解过程' }).innerText(), { timeout: HOP_MS }).toContain('国土所现场勘界');
    await expect.poll(() => page.getByRole('note').innerText(), { timeout: HOP_MS }).toBe(`本案件已由 ${town.name}联动分中心 接办，本站只能查看`);
    expect(await page.getByRole('button', { name: '登记调解' }).count()).toBe(0);
    await expect.poll(() => page.locator('.med-timeline').innerText(), { timeout: HOP_MS }).toContain('乡镇联动分中心接办案件');
    // Each step says which unit took it, by name (the account after it is the audit identity).
    expect(await page.locator('.med-timeline').innerText()).toContain(`${town.name}联动分中心 ${userNameOf(town.code)}`);
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await shots(page, 'village');

    // On the server the town holds it.
    const stored = (await (await district.couch.adminFetch(`/${databaseOfUnit(village.code)}/${encodeURIComponent(kase.id)}`)).json()) as MediationCaseDoc;
    expect(stored).toMatchObject({ holderCode: town.code, ownerCode: village.code, takeover: { byUnit: town.code } });
    expect([...clerk.errors, ...townDesk.errors]).toEqual([]);
  }, 300_000);
});
