import { promises as fs } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { addBrand } from '../../electron/core/fakes/brands.js';
import { addMonitor } from '../../electron/core/fakes/monitors.js';
import { startChangingShop, type ChangingShop } from '../helpers/changing-shop.js';
import { startSearchShop, type SearchShop } from '../helpers/search-shop.js';
import { newWorkspace } from '../helpers/workspace.js';
import { browserPath, ensureRendererBuilt, launch, openUi, shot, closeInOrder } from './ui-helpers.js';
import { lookAt } from './axe.js';

/*
 * Watching a known offender through the UI, end to end: the built renderer
 * served by `exhibit serve` over a real workspace, in real Chromium, against
 * a shop on 127.0.0.1 whose listing changes between runs (its price drops,
 * then it comes down). Runs are started from the Watch screen, so nothing
 * depends on a background timer.
 */

const LISTING = 'amazon:B0TEST1DE1';
const dayBefore = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let browser: Browser;
let rendererDir: string;
let ws: Workspace;
let shop: ChangingShop;
let served: Served;
let page: Page;
let problems: string[];
/** axe-core's serious and critical findings, screen by screen */
const a11y: string[] = [];

beforeAll(async () => {
  rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  shop = await startChangingShop();
  const chromium = browserPath();
  served = await startServe(ws, { rendererDir, ...(chromium ? { browserPath: chromium } : {}) });
  ({ page, problems } = await openUi(browser, served.url));
});
afterAll(() => closeInOrder(page?.context(), browser, served, shop, ws));

const watchScreen = async () => {
  await page.getByRole('list', { name: 'Watching' }).getByRole('link', { name: /^Watch/ }).click();
  await page.getByRole('heading', { name: 'Watch', level: 1 }).waitFor();
};
const lastRun = () => page.getByRole('region', { name: 'Last run' });
const timeline = () => page.getByRole('region', { name: 'Timeline' });

describe('watching a listing, and its takedown, through the UI', { timeout: 180_000 }, () => {
  it('captures a listing; its capture shows the listing’s timeline, and “Watch…” watches it daily', async () => {
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture pages' });
    await dialog.getByLabel('Addresses, one per line').fill(shop.listingUrl('B0TEST1DE1'));
    await dialog.getByRole('button', { name: 'Capture', exact: true }).click();
    await dialog.getByText('Finished: 1 of 1 page.').waitFor({ timeout: 90_000 });
    await dialog.getByText('1 page complete', { exact: true }).waitFor();
    await dialog.locator('.capture-outcomes tbody tr').getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { name: /Capture/, level: 1 }).waitFor();

    const panel = timeline();
    await panel.locator('tr[data-event="first-seen"]').waitFor();
    expect(await panel.locator('h2').textContent()).toBe(`Timeline ${LISTING}`);
    expect(await panel.locator('[data-status]').textContent()).toBe('up');
    expect(await panel.textContent()).toContain('not watched');
    await lookAt(page, '30-capture-timeline', a11y, panel);

    await panel.getByRole('button', { name: 'Watch…' }).click();
    const watch = page.getByRole('dialog', { name: `Watch ${LISTING}` });
    expect(await watch.getByLabel('daily').isChecked()).toBe(true);
    // A custom interval the API refuses says why, in the dialog.
    await watch.getByLabel('custom').check();
    await watch.getByLabel('Interval', { exact: true }).fill('30s');
    await watch.getByRole('button', { name: 'Watch', exact: true }).click();
    await watch.getByRole('alert').getByText(/^Interval "30s": use daily, weekly, hourly, or a number with m, h, d or w/).waitFor();
    await watch.getByLabel('daily').check();
    await watch.getByRole('button', { name: 'Watch', exact: true }).click();
    // Due at once: the next run, in the background or asked for, re-captures it.
    await watch.getByRole('status').getByText(/^Watched daily; due now: the next run re-captures it\./).waitFor();
    await lookAt(page, '31-watch-dialog', a11y);
    await watch.getByRole('button', { name: 'Close', exact: true }).last().click();
    await watch.waitFor({ state: 'detached' });
    await panel.getByText('daily, due now (the next run re-captures it)').waitFor();
  });

  it('runs what is due from the Watch screen: the queue, a progress bar, each page as it comes, then the summary', async () => {
    await watchScreen();
    const rules = page.getByRole('region', { name: 'Rules' });
    const rule = rules.locator('tbody tr');
    expect(await rule.count()).toBe(1);
    expect(await rule.textContent()).toMatch(new RegExp(`listing ${LISTING}daily`));
    expect(await rule.getByRole('checkbox', { name: `Active: ${LISTING}` }).isChecked()).toBe(true);
    await page.getByText('Re-captures run here only when asked for', { exact: false }).waitFor();
    await lastRun().getByText('No re-capture has run yet.').waitFor();

    // Slow pages, so the run can be seen going.
    shop.delayMs = 6000;
    try {
      await page.getByRole('button', { name: 'Run due now' }).click();
      const running = page.getByRole('region', { name: 'Running now' });
      await running.getByText('Re-capturing… each page can take up to a minute.').waitFor({ timeout: 30_000 });
      const bar = running.getByRole('progressbar', { name: 'Pages re-captured so far' });
      expect([await bar.getAttribute('aria-valuenow'), await bar.getAttribute('aria-valuemax')]).toEqual(['0', '1']);
      expect(await running.locator('.batch-count').textContent()).toBe('0 of 1 page');
      // The page is still in the queue until it is stored; the top bar says a run goes on.
      expect(await page.getByRole('region', { name: 'Queue' }).locator('tbody tr').textContent()).toContain(shop.listingUrl('B0TEST1DE1'));
      await page.getByRole('button', { name: /^Re-capturing: 0 of 1$/ }).waitFor();
      expect(await page.getByRole('button', { name: 'Run due now' }).isDisabled()).toBe(true);
      await shot(page, '32-watch-running');
    } finally {
      shop.delayMs = 0;
    }
    await lastRun().getByText('1 page:').waitFor({ timeout: 60_000 });
    const row = lastRun().locator('table.results tbody tr');
    // Its record can be read before this process has its pages (between the run's last write and its end): the pages follow at the next look.
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.getAttribute('data-classification')).toBe('unchanged');
    expect(await row.locator('.badge').textContent()).toBe('unchanged');
    expect(await lastRun().textContent()).toContain('by you, here');
    await page.getByRole('region', { name: 'Queue' }).getByText('Nothing is waiting.').waitFor();
    expect(await rule.locator('td').nth(2).textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await lookAt(page, '33-watch-done', a11y);
  });

  it('re-captures the listing after its price dropped: “changed”, with the price before → after', async () => {
    shop.listings.set('B0TEST1DE1', 'v2');
    const lastRunCell = page.getByRole('region', { name: 'Rules' }).locator('tbody tr').first().locator('td').nth(2);
    const ranBefore = await lastRunCell.textContent();
    await page.getByRole('button', { name: `Re-capture now: ${LISTING}` }).click();
    const row = lastRun().locator('table.results tbody tr[data-classification="changed"]');
    await row.waitFor({ timeout: 60_000 });
    // Run by hand, the rule counts as run: its last run moves on (and its next check with it).
    await expect.poll(() => lastRunCell.textContent(), { timeout: 10_000 }).not.toBe(ranBefore);
    expect(await row.locator('li[data-field="price"]').textContent()).toBe('Price 1234.56 EUR → 999.00 EUR');
    await lookAt(page, '34-watch-changed', a11y);

    await page.getByRole('region', { name: 'Rules' }).getByRole('link', { name: LISTING }).click();
    await page.getByRole('heading', { name: 'Nordkap Thermoskanne 1 L Edelstahl, doppelwandig', level: 1 }).waitFor();
    const changed = timeline().locator('tr[data-event="changed"]');
    await changed.waitFor();
    expect(await changed.locator('li[data-field="price"]').textContent()).toBe('Price 1234.56 EUR → 999.00 EUR');
    // The routine check (unchanged) shows when asked for.
    expect(await timeline().locator('tr[data-event="unchanged"]').count()).toBe(0);
    await timeline().getByLabel('Show every check').check();
    expect(await timeline().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')))).toEqual(['changed', 'unchanged', 'first-seen']);
    await lookAt(page, '35-listing-timeline-changed', a11y);
  });

  it('marks the listing reported, then sees it removed “3 days after the report” on its timeline and in Takedowns', async () => {
    await timeline().getByRole('button', { name: 'Mark reported…' }).click();
    const dialog = page.getByRole('dialog', { name: `Mark reported: ${LISTING}` });
    // The marketplace's own programme is the one chosen; the record is said to be a note.
    expect(await dialog.getByLabel('Platform', { exact: true }).inputValue()).toBe('amazon');
    expect(await dialog.getByLabel('Programme').locator('option:checked').textContent()).toBe('Amazon Brand Registry');
    await dialog.getByText('It is your record, not evidence', { exact: false }).waitFor();
    await dialog.getByLabel('Report id (optional)').fill('BR-2026-0042');
    await dialog.getByLabel('Reported on').fill(dayBefore(3));
    await lookAt(page, '36-mark-reported', a11y);
    await dialog.getByRole('button', { name: 'Record the report' }).click();
    await dialog.waitFor({ state: 'detached' });
    const report = timeline().getByRole('list', { name: 'Takedown reports' }).locator('li');
    await report.waitFor();
    expect(await report.textContent()).toBe(`Reported on ${dayBefore(3)} to amazon (Amazon Brand Registry, BR-2026-0042): still up`);
    expect(await timeline().locator('tr.note-row[data-event="reported"]').count()).toBe(1);

    // The listing comes down; the next re-capture is the proof.
    shop.listings.set('B0TEST1DE1', '404');
    await watchScreen();
    await page.getByRole('button', { name: `Re-capture now: ${LISTING}` }).click();
    const removed = lastRun().locator('table.results tbody tr[data-classification="removed"]');
    await removed.waitFor({ timeout: 60_000 });
    await lookAt(page, '37-watch-removed', a11y);
    // The 404 is filed under no listing, yet its capture page shows the listing it re-checked.
    await removed.getByRole('link', { name: 'Open' }).click();
    await timeline().locator('tr[data-event="removed"]').waitFor();
    await watchScreen();

    await page.getByRole('region', { name: 'Rules' }).getByRole('link', { name: LISTING }).click();
    await timeline().locator('tr[data-event="removed"]').waitFor();
    expect(await timeline().locator('[data-status]').textContent()).toBe('removed');
    expect(await report.locator('.badge').textContent()).toBe('removed 3 days after the report');
    expect(await timeline().locator('tr[data-event="removed"]').textContent()).toContain('the page answered HTTP 404 · 3 days after the report');
    await lookAt(page, '38-listing-timeline-removed', a11y);

    await page.getByRole('list', { name: 'Watching' }).getByRole('link', { name: /^Takedowns/ }).click();
    await page.getByRole('heading', { name: 'Takedowns', level: 1 }).waitFor();
    const line = page.getByRole('region', { name: 'Reports' }).locator('tbody tr');
    await expect.poll(() => line.count()).toBe(1);
    // The report id under its day, the programme under its platform: six columns that fit at 1024 px.
    expect(await line.locator('td').evaluateAll((tds) => tds.slice(0, 2).map((td) => [...td.children].map((c) => c.textContent)))).toEqual([
      [dayBefore(3), 'BR-2026-0042'],
      ['amazon', 'Amazon Brand Registry'],
    ]);
    // The list shown from the last visit is refreshed as the screen opens.
    await expect.poll(() => line.locator('[data-state]').textContent()).toBe('removed 3 days after the report');
    expect(await line.textContent()).toContain('Nordlicht Handel GmbH');
    await lookAt(page, '39-takedowns', a11y);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^takedowns-\d{4}-\d\d-\d\d\.csv$/);
    const csv = (await fs.readFile((await download.path())!, 'utf8')).split('\r\n');
    expect(csv[0]).toMatch(/^reported_on,platform,programme,report_id,listing,url,title,seller,status,removed_on,days_to_removal,/);
    expect(csv[1]).toMatch(new RegExp(`^${dayBefore(3)},amazon,amazon-brand-registry,BR-2026-0042,${LISTING},.*,removed,\\d{4}-.*,3,`));

    // The notice leaves out what came down, unless asked.
    const notice = page.getByRole('region', { name: 'Notice text' });
    await notice.getByRole('button', { name: 'Show the notice' }).click();
    const text = notice.getByRole('textbox', { name: 'Notice for amazon' });
    await expect.poll(() => text.inputValue()).toContain('(No reported listing on this platform is still up.)');
    await notice.getByLabel('include the listings already seen removed').check();
    await notice.getByRole('button', { name: 'Show the notice' }).click();
    await expect.poll(() => text.inputValue()).toContain(shop.listingUrl('B0TEST1DE1'));
    expect(await text.inputValue()).toMatch(/Manifest SHA-256: [0-9a-f]{64}/);
    expect(await text.inputValue()).toContain('Reported before as BR-2026-0042');
    await notice.getByRole('button', { name: 'Copy' }).click();
    await notice.getByRole('status').getByText(/^(Copied\.|Selected: press Ctrl\+C)/).waitFor();
    await lookAt(page, '40-takedown-notice', a11y, notice);
  });

  it('shows the seller’s merged timeline, and watches the seller from its page', async () => {
    await page.getByRole('list', { name: 'Sellers' }).getByRole('link', { name: /Nordlicht Handel GmbH/ }).click();
    await page.getByRole('heading', { name: 'Nordlicht Handel GmbH', level: 1 }).waitFor();
    const panel = timeline();
    await panel.locator('tr[data-event="removed"]').waitFor();
    expect(await panel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')))).toEqual(['removed', 'changed', 'first-seen', 'reported']);
    expect(await panel.locator('tbody tr').first().getByRole('link', { name: LISTING }).count()).toBe(1);
    expect(await panel.locator('h2 .count').textContent()).toBe('1 listing, 1 removed');
    await lookAt(page, '41-seller-timeline', a11y, panel);

    await page.getByRole('button', { name: 'Watch…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Watch amazon:A1EXHIBITNORD1' });
    await dialog.getByLabel('weekly').check();
    await dialog.getByRole('button', { name: 'Watch', exact: true }).click();
    await dialog.getByRole('status').getByText(/^Watched weekly;/).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await watchScreen();
    await expect.poll(() => page.getByRole('region', { name: 'Rules' }).locator('tbody tr').count()).toBe(2);
    // Paused from the screen: the rule stays, with its history.
    const sellerRule = page.getByRole('checkbox', { name: 'Active: amazon:A1EXHIBITNORD1' });
    // The box shows what the workspace holds: it turns off once the API has paused the rule.
    await sellerRule.click();
    await expect.poll(() => page.getByRole('region', { name: 'Rules' }).locator('tr.paused').count()).toBe(1);
    expect(await sellerRule.isChecked()).toBe(false);
    expect(await page.getByRole('region', { name: 'Rules' }).locator('tr.paused').textContent()).toContain('paused');
  });

  it('speaks French on the Watch and Takedowns screens', async () => {
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await page.getByRole('heading', { name: 'Surveillance', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Lancer ce qui est dû' }).waitFor();
    await page.getByRole('region', { name: 'Dernière recapture' }).locator('.badge').getByText('retirée', { exact: true }).first().waitFor();
    await lookAt(page, '42-watch-fr', a11y);
    await page.getByRole('list', { name: 'Surveillance' }).getByRole('link', { name: /^Signalements/ }).click();
    await page.getByRole('region', { name: 'Signalements' }).locator('[data-state]').getByText('retirée 3 jours après le signalement').waitFor();
    await lookAt(page, '43-takedowns-fr', a11y);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('ran without a script error or a CSP violation', () => {
    expect(problems).toEqual([]);
  });

  it('is clean of serious and critical axe-core findings on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});

/*
 * A watched search run in the background by `exhibit serve --watch`, seen
 * and cancelled from the Watch screen: its own workspace and server, a
 * search shop whose thumbnails take a minute, so the run is still on its
 * first result pages when Cancel is pressed.
 */
describe('a watched search under way, cancelled from the Watch screen', { timeout: 180_000 }, () => {
  let searchWs: Workspace;
  let searchShop: SearchShop;
  let searchServed: Served;
  let ui: Page;
  let uiProblems: string[];
  const seen: string[] = [];

  beforeAll(async () => {
    searchShop = await startSearchShop();
    searchShop.imageDelayMs = 60_000;
    searchWs = await newWorkspace(undefined, 'suite');
    const brand = await addBrand(searchWs.db, 'Nordkap');
    if (!brand.ok) throw new Error(brand.error);
    await addMonitor(searchWs.db, { url: searchShop.amazonUrl, brandId: brand.value.id, intervalSeconds: 3600, pages: 2, captureAbove: null });
    const chromium = browserPath();
    searchServed = await startServe(searchWs, { rendererDir, watch: { everyMs: 1000 }, ...(chromium ? { browserPath: chromium } : {}) });
    ({ page: ui, problems: uiProblems } = await openUi(browser, searchServed.url));
  });
  afterAll(async () => {
    await ui?.context().close();
    await searchServed?.close();
    await searchShop?.close();
    await searchWs?.close();
  });

  it('shows the search under way with its pages, then Cancelling…, then the cancelled run: nothing gone, due again at its interval', async () => {
    await ui.getByRole('list', { name: 'Watching' }).getByRole('link', { name: /^Watch/ }).click();
    await ui.getByRole('heading', { name: 'Watch', level: 1 }).waitFor();
    const running = ui.getByRole('region', { name: 'Watched search under way' });
    await running.getByText('Capturing the result pages… each can take up to a minute.').waitFor({ timeout: 60_000 });
    expect(await running.locator('h2 .count').textContent()).toBe('Nordkap · search 1 of 1');
    expect(await running.locator('code.url').textContent()).toBe(searchShop.amazonUrl);
    const bar = running.getByRole('progressbar', { name: 'Result pages captured so far' });
    expect([await bar.getAttribute('aria-valuenow'), await bar.getAttribute('aria-valuemax')]).toEqual(['0', '2']);
    expect(await running.locator('.batch-count').textContent()).toBe('0 of 2 result pages');
    // The top bar says it too; no re-capture is started beside it.
    await ui.getByRole('button', { name: 'Watched search: 0 of 2' }).waitFor();
    expect(await ui.getByRole('list', { name: 'Watching' }).getByRole('link', { name: /^Watch/ }).locator('.count').textContent()).toBe('0 of 2');
    expect(await ui.getByRole('button', { name: 'Run due now' }).isDisabled()).toBe(true);
    // The watch queue's lock is this process's own: not shown as another run.
    expect(await ui.getByText('Another re-capture run is going', { exact: false }).count()).toBe(0);
    await lookAt(ui, '48-watch-search-running', seen);

    await running.getByRole('button', { name: 'Cancel', exact: true }).click();
    await running.getByRole('button', { name: 'Cancelling…' }).waitFor();
    expect(await running.getByRole('button', { name: 'Cancelling…' }).isDisabled()).toBe(true);
    await running.getByRole('status').getByText(/^Cancelling… the page under way is given up/).waitFor();
    await shot(ui, '48-watch-search-cancelling');

    const last = ui.getByRole('region', { name: 'Last watched-search run' });
    const row = last.getByRole('table', { name: 'Searches of the last run' }).locator('tbody tr');
    await row.waitFor({ timeout: 30_000 });
    await running.waitFor({ state: 'detached' });
    expect(await row.getAttribute('data-state')).toBe('cancelled');
    expect(await row.locator('td').evaluateAll((tds) => tds.map((td) => td.textContent))).toEqual([
      `Nordkap ${searchShop.amazonUrl}`,
      '2 of 2 captured · 2 cancelled',
      '0',
      '0',
      '0',
      'cancelled',
    ]);
    expect(await last.getByRole('status').textContent()).toMatch(
      /^Cancelled: the pages under way were given up and sealed as partial, without being read; nothing was marked gone\. A cancelled search is due again at its next interval; the other searches due wait until \d\d:\d\d:\d\d UTC\.$/,
    );
    await ui.getByRole('button', { name: /^Watched search/ }).waitFor({ state: 'detached' });
    expect(await ui.getByRole('button', { name: 'Run due now' }).isDisabled()).toBe(false);
    await lookAt(ui, '49-watch-search-cancelled', seen);
  });

  it('says it in French', async () => {
    await ui.getByRole('button', { name: 'FR', exact: true }).click();
    const last = ui.getByRole('region', { name: 'Dernière recherche surveillée' });
    await last.getByRole('table', { name: 'Recherches de la dernière exécution' }).locator('tbody tr td').getByText('2 sur 2 capturées · 2 annulées').waitFor();
    expect(await last.locator('tbody tr .badge').textContent()).toBe('annulée');
    expect(await last.getByRole('status').textContent()).toMatch(/^Annulée : les pages en cours ont été abandonnées/);
    await lookAt(ui, '49-watch-search-cancelled-fr', seen);
    await ui.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('ran without a script error, a CSP violation or a serious axe-core finding', () => {
    expect(uiProblems).toEqual([]);
    expect(seen).toEqual([]);
  });
});
