import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../electron/core/capture/capture-service.js';
import { importCatalogue } from '../../electron/core/fakes/brand-import.js';
import { addBrand, authoriseSeller } from '../../electron/core/fakes/brands.js';
import { addMonitor } from '../../electron/core/fakes/monitors.js';
import { runMonitors } from '../../electron/core/fakes/monitor-run.js';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { flaskPng } from '../helpers/brand-images.js';
import { AMAZON_PAGE_1, FAKE_PRODUCT, PANEL_OFFERS, startSearchShop, type SearchShop } from '../helpers/search-shop.js';
import { tempDir } from '../helpers/tmp.js';
import { newWorkspace } from '../helpers/workspace.js';
import { lookAt } from './axe.js';
import { browserPath, ensureRendererBuilt, launch, openUi, closeInOrder } from './ui-helpers.js';

/*
 * The triage screen end to end: the built renderer served by `exhibit
 * serve` over a real workspace whose watched search ran against the search
 * shop on 127.0.0.1, in real Chromium. Decisions are made with one key.
 */

const FAST = { settleMs: 3000, quietMs: 300 };
let browser: Browser;
let ws: Workspace;
let shop: SearchShop;
let served: Served;
let page: Page;
let problems: string[];
const a11y: string[] = [];

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  const dir = tempDir();
  writeFileSync(join(dir, 'flask-front.png'), flaskPng(600, 600));
  writeFileSync(
    join(dir, 'catalogue.csv'),
    ['product,reference,market,retail_price,currency,images,keywords', ...['amazon', '127.0.0.1'].map((m) => `Nordkap Flask 500 ml,NK-500,${m},49.90,EUR,flask-front.png,nordkap|flask`)].join('\n'),
  );
  expect((await importCatalogue(ws, brand.value.id, join(dir, 'catalogue.csv'))).ok).toBe(true);
  await authoriseSeller(ws.db, brand.value.id, 'amazon', PANEL_OFFERS[0]!.id);
  const chromium = browserPath();
  await addMonitor(ws.db, { url: shop.amazonUrl, brandId: brand.value.id, intervalSeconds: 6 * 3600, pages: 1, captureAbove: null });
  const run = await runMonitors(ws, { ...(chromium ? { browserPath: chromium } : {}), bounds: FAST });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  const captured = await captureUrls(ws, { urls: [shop.fakeProductUrl, shop.offersDetailUrl], ...(chromium ? { browserPath: chromium } : {}), bounds: FAST, concurrency: 2 });
  if (!captured.ok) throw new Error(JSON.stringify(captured.error));
  served = await startServe(ws, { rendererDir, ...(chromium ? { browserPath: chromium } : {}) });
  ({ page, problems } = await openUi(browser, served.url));
}, 150_000);

afterAll(() => closeInOrder(page?.context(), browser, served, shop, ws));

const rows = () => page.getByRole('region', { name: 'Search results' }).locator('tbody tr');

describe('the triage screen', { timeout: 150_000 }, () => {
  it('lists the search results by score with their reasons and the thumbnail the capture recorded, the fakes first', async () => {
    await page.getByRole('link', { name: 'Triage' }).click();
    await page.getByRole('heading', { name: 'Triage', level: 1 }).waitFor();
    await rows().first().waitFor();
    expect(await rows().count()).toBe(AMAZON_PAGE_1.length);
    const first = rows().first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await first.textContent()).toContain('amazon:B0FAKE0001');
    expect(await first.textContent()).toContain('replica words: "replica", "1:1", "mirror quality"');
    await first.locator('img.thumb[src^="data:image/png;base64,"]').waitFor();
    const scores = (await rows().locator('.score').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const listings = page.getByRole('region', { name: 'Captured listings' });
    await listings.locator('tbody tr').first().waitFor();
    expect(await listings.locator('tbody tr').first().textContent()).toContain(FAKE_PRODUCT.title);
    expect(await listings.textContent()).toContain('Cheap Bottles');
    await listings.locator('img.thumb[src^="data:image/"]').first().waitFor();
    await lookAt(page, '60-triage', a11y);
  });

  it('decides with one key: c files the fake, watches its seller and captures it in full; t keeps it for a test buy; each in custody', async () => {
    await page.keyboard.press('c');
    await page.getByRole('status').getByText(/amazon:B0FAKE0001: Counterfeit\. Filed under its seller and put on watch\./).waitFor();
    await expect.poll(() => rows().count()).toBe(AMAZON_PAGE_1.length - 1);
    // The full capture of the listing, through the app's job runner.
    const deadline = Date.now() + 90_000;
    let captures = 0;
    while (captures === 0 && Date.now() < deadline) {
      captures = (await ws.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM captures c JOIN listings l ON l.id = c.listing_id WHERE l.listing_key = 'B0FAKE0001'"))!.n;
      if (captures === 0) await new Promise((r) => setTimeout(r, 500));
    }
    expect(captures).toBe(1);
    expect(shop.listingHits).toContain('/amazon/dp/B0FAKE0001');
    await page.keyboard.press('j');
    const second = rows().nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    const secondKey = (await second.locator('code.hash').textContent())!;
    await page.keyboard.press('t');
    await page.getByRole('status').getByText(`${secondKey}: Needs a test buy.`).waitFor();
    const decided = (await readCustodyLog(ws.db)).filter((e) => e.action === 'triage.decided').map((e) => JSON.parse(e.details) as { listing: string; decision: string });
    expect(decided.map((d) => [d.listing, d.decision])).toEqual([
      ['amazon:B0FAKE0001', 'counterfeit'],
      [secondKey, 'test-buy'],
    ]);
    await lookAt(page, '61-triage-decided', a11y);
    expect(problems).toEqual([]);
  });

  it('speaks French', async () => {
    const { page: fr, problems: frProblems } = await openUi(browser, `${served.url}#/triage`, 'fr-FR');
    await fr.getByRole('heading', { name: 'Tri', level: 1 }).waitFor();
    await fr.getByRole('region', { name: 'Résultats de recherche' }).locator('tbody tr').first().waitFor();
    expect(await fr.getByRole('region', { name: 'Annonces capturées' }).textContent()).toContain('marque chez un vendeur non autorisé');
    await lookAt(fr, '62-triage-fr', a11y);
    expect(frProblems).toEqual([]);
    await fr.context().close();
  });

  it('is clean of serious and critical axe-core findings, and its tables fit, on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});
