import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../electron/core/capture/capture-service.js';
import { dashboardCounts } from '../../electron/core/catalogue/dashboard.js';
import { findListing } from '../../electron/core/catalogue/listing-ref.js';
import { findSeller } from '../../electron/core/catalogue/seller-ref.js';
import { recordReport } from '../../electron/core/takedown/reports.js';
import { runRecapture } from '../../electron/core/watch/recapture-run.js';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import { readLastVisit } from '../../electron/core/workspace/settings.js';
import { countPendingStamps } from '../../electron/core/workspace/timestamps.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { SELLER, startChangingShop, type ChangingShop, type ListingState } from '../helpers/changing-shop.js';
import { newWorkspace } from '../helpers/workspace.js';
import { lookAt, NARROW, WIDE } from './axe.js';
import { browserPath, ensureRendererBuilt, launch, openUi } from './ui-helpers.js';

/*
 * The investigator's home screen, end to end: a real workspace made by real
 * captures and re-captures of a shop on 127.0.0.1 (a listing that changes,
 * comes down, is found still down and comes back; another behind a captcha
 * and reported ten days ago; a 404 under no seller; stamps pending, no
 * authority being set), served by `exhibit serve`, read in real Chromium in
 * English and French at 1366 × 900 and 1024 × 700.
 */

const A = 'B0TEST1DE1';
const B = 'B0TEST2DE2';
// What happened, as the investigator would tally it by hand.
const EXPECTED = { changed: 1, removed: 1, reappeared: 1, blocked: 1, 'takedowns-overdue': 1, unfiled: 1 };

let browser: Browser;
let ws: Workspace;
let shop: ChangingShop;
let served: Served;
const a11y: string[] = [];
let listingA: string;
let listingB: string;
let sellerId: string;

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  shop = await startChangingShop();
  ws = await newWorkspace(undefined, 'suite');
  const chromium = browserPath();
  const first = await captureUrls(ws, { urls: [shop.listingUrl(A), shop.listingUrl(B), shop.url('/no-such-page')], ...(chromium ? { browserPath: chromium } : {}), concurrency: 2 });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  listingA = (await findListing(ws.db, `amazon:${A}`))!.id;
  listingB = (await findListing(ws.db, `amazon:${B}`))!.id;
  sellerId = (await findSeller(ws.db, `amazon:${SELLER}`))!.id;
  const run = async (states: [string, string, ListingState][]) => {
    for (const [asin, , state] of states) shop.listings.set(asin, state);
    const r = await runRecapture(ws, {
      mode: 'targets',
      targets: states.map(([, id]) => ({ kind: 'listing' as const, id })),
      trigger: 'test',
      ...(chromium ? { browserPath: chromium } : {}),
      concurrency: 2,
      policy: { retryDelaysMs: [200], blockedRetryMs: 3600_000, maxBlockedAttempts: 3, maxWaitMs: 5_000 },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  };
  await run([
    [A, listingA, 'v2'],
    [B, listingB, 'captcha'],
  ]);
  await run([[A, listingA, '404']]);
  await run([[A, listingA, 'notice']]);
  await run([[A, listingA, 'v2']]);
  const reportedOn = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const reported = await recordReport(ws.db, { listingId: listingB, platform: 'amazon.de', programme: 'amazon-brand-registry', reportRef: 'BR-LATE-1', reportedOn });
  if (!reported.ok) throw new Error(reported.error);
  browser = await launch();
  served = await startServe(ws, { rendererDir, ...(chromium ? { browserPath: chromium } : {}) });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await shop?.close();
  await ws?.close();
});

async function open(lang: 'en' | 'fr', size: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const opened = await openUi(browser, served.url, lang === 'fr' ? 'fr-FR' : 'en-GB');
  await opened.page.setViewportSize(size);
  await opened.page.locator('.attention-count[data-kind="changed"] .attention-n').waitFor();
  return opened;
}

/** The numbers on screen, by kind. */
const shownCounts = (page: Page) =>
  page.locator('.attention-count').evaluateAll((tiles) => Object.fromEntries(tiles.map((t) => [t.getAttribute('data-kind'), Number(t.querySelector('.attention-n')?.textContent)])));

describe('the dashboard, the investigator’s home', { timeout: 180_000 }, () => {
  it('shows what happened since the beginning, in both languages and sizes, and passes axe', async () => {
    const stamps = await countPendingStamps(ws.db);
    // Seven captures and their workspace key, no authority set: all waiting.
    expect(stamps).toBeGreaterThanOrEqual(7);
    expect((await dashboardCounts(ws.db, null, new Date().toISOString())).counts).toEqual(EXPECTED);
    for (const lang of ['en', 'fr'] as const) {
      const { page, problems } = await open(lang, WIDE);
      expect(await shownCounts(page)).toEqual({ ...EXPECTED, 'stamps-pending': stamps });
      const heading = lang === 'en' ? 'What needs attention' : 'À traiter';
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await page.locator('.dashboard .subtitle').textContent()).toBe(lang === 'en' ? 'Since the workspace was made (no visit marked seen yet)' : 'Depuis la création de l’espace de travail (aucune visite marquée comme vue)');
      for (const size of [WIDE, NARROW]) {
        await page.setViewportSize(size);
        // Nothing cut off: no tile wider than the page's column.
        const overflow = await page.locator('.dashboard').evaluate((d) => d.scrollWidth - d.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
      await lookAt(page, `dashboard-${lang}`, a11y);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('each count opens the rows behind it, as many as it says', async () => {
    const { page, problems } = await open('en', WIDE);
    const expectRows: Record<keyof typeof EXPECTED, string> = {
      changed: `amazon:${A}`,
      removed: `amazon:${A}`,
      reappeared: `amazon:${A}`,
      blocked: `amazon:${B}`,
      'takedowns-overdue': `amazon:${B}`,
      unfiled: shop.url('/no-such-page'),
    };
    for (const [kind, what] of Object.entries(expectRows) as [keyof typeof EXPECTED, string][]) {
      if (kind === 'unfiled') {
        // Captures not filed open the Unfiled inbox, where they are filed or put in a case.
        await page.locator(`.attention-count[data-kind="unfiled"] a`).click();
        await page.locator('.unfiled-page table.unfiled tbody tr').first().waitFor();
        expect(await page.locator('.unfiled-page table.unfiled tbody tr').count()).toBe(EXPECTED.unfiled);
        expect(await page.locator('.unfiled-page table.unfiled tbody tr').first().textContent()).toContain(what);
        await lookAt(page, 'dashboard-rows-unfiled-en', a11y);
        await page.goBack();
        await page.locator('.attention-count[data-kind="changed"]').waitFor();
        continue;
      }
      await page.locator(`.attention-count[data-kind="${kind}"] a`).click();
      await page.locator(`.attention-page[data-kind="${kind}"] table.attention tbody tr`).first().waitFor();
      const rows = page.locator('table.attention tbody tr');
      expect(await rows.count()).toBe(EXPECTED[kind]);
      expect(await rows.first().textContent()).toContain(what);
      if (kind === 'removed') {
        // The seller by its display name, as the side bar names it; its MARKETPLACE:ID on hover.
        const seller = (await findSeller(ws.db, `amazon:${SELLER}`))!;
        const named = rows.first().locator(`a[title="amazon:${SELLER}"]`);
        expect(await named.textContent()).toBe(seller.displayName ?? `amazon:${SELLER}`);
      }
      await lookAt(page, `dashboard-rows-${kind}-en`, a11y);
      await page.getByRole('link', { name: '← Dashboard' }).click();
      await page.locator('.attention-count[data-kind="changed"]').waitFor();
    }
    // The seller timeline's removed count is the same count, and opens the same row.
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/seller/${encodeURIComponent(sellerId)}`)}`);
    const removed = page.getByRole('region', { name: 'Timeline' }).locator('a[data-count="removed"]');
    await expect.poll(() => removed.textContent()).toBe('1 removed');
    await removed.click();
    await page.locator('.attention-page[data-kind="removed"] table.attention tbody tr').first().waitFor();
    expect(await page.locator('table.attention tbody tr').count()).toBe(1);
    expect(await page.locator('.attention-page .scope').textContent()).toContain('This seller’s listings');
    expect(problems).toEqual([]);
    await page.context().close();

    // In French, the rows' words are French.
    const fr = await open('fr', NARROW);
    await fr.page.locator('.attention-count[data-kind="blocked"] a').click();
    await fr.page.locator('.attention-page table.attention tbody tr').first().waitFor();
    await fr.page.getByRole('columnheader', { name: 'Vendeur' }).waitFor();
    await lookAt(fr.page, 'dashboard-rows-blocked-fr', a11y);
    expect(fr.problems).toEqual([]);
    await fr.page.context().close();
  });

  it('"Mark all seen" clears the counts since the visit, in custody, and a reload keeps them cleared', async () => {
    const { page, problems } = await open('en', NARROW);
    await page.getByRole('button', { name: 'Mark all seen' }).click();
    await expect.poll(() => shownCounts(page)).toMatchObject({ changed: 0, removed: 0, reappeared: 0, blocked: 0 });
    const visit = await readLastVisit(ws.db);
    expect(visit).not.toBeNull();
    expect((await readCustodyLog(ws.db)).at(-1)!.action).toBe('settings.changed');
    // Work to do is not "since the visit": the overdue takedown and the unfiled capture stay until dealt with.
    expect(await shownCounts(page)).toMatchObject({ 'takedowns-overdue': 1, unfiled: 1 });
    await page.reload();
    await page.locator('.attention-count[data-kind="changed"] .attention-n').waitFor();
    expect(await shownCounts(page)).toMatchObject({ changed: 0, removed: 0, reappeared: 0, blocked: 0, 'takedowns-overdue': 1, unfiled: 1 });
    expect(await page.locator('.dashboard .subtitle').getAttribute('data-since')).toBe(visit);
    expect(await page.locator('.dashboard .subtitle').textContent()).toMatch(/^Since your last visit, /);
    await lookAt(page, 'dashboard-seen-en', a11y);
    // A count at zero opens an empty list that says so.
    await page.locator('.attention-count[data-kind="removed"] a').click();
    await page.locator('.attention-page[data-kind="removed"]').getByText('Nothing here.').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('is clean of serious and critical axe-core findings, and its tables fit, on every screen it looked at (1366 and 1024 px)', () => {
    expect(a11y).toEqual([]);
  });
});
