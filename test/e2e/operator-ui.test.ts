import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import type { FixtureServer } from '../helpers/fixture-server.js';
import { buildOperatorWorld, type OperatorWorld } from '../helpers/operator-world.js';
import { startSellerShop } from '../helpers/seller-shop.js';
import { storePage } from '../helpers/stored-page.js';
import { newWorkspace } from '../helpers/workspace.js';
import { lookAt, WIDE } from './axe.js';
import { ensureRendererBuilt, launch, openUi, closeInOrder, goTo } from './ui-helpers.js';

/*
 * The operator page (#20), end to end in real Chromium against `exhibit
 * serve`: one operator's three accounts over time (the old one taken down,
 * the two that came after it), reached from the seller page and from the
 * links list, with the evidence side by side: the two pictures as the
 * captures recorded them, and the two trader details.
 */

let browser: Browser;
let ws: Workspace;
let served: Served;
let page: Page;
let problems: string[];
let world: OperatorWorld;
let shop: FixtureServer;
const elsewhere: string[] = [];
const a11y: string[] = [];

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  world = await buildOperatorWorld(ws);
  shop = await startSellerShop();
  served = await startServe(ws, { rendererDir });
  ({ page, problems } = await openUi(browser, served.url));
  // Pictures come from the workspace through the API, never from the web.
  page.on('request', (r) => {
    if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:)/.test(r.url())) elsewhere.push(r.url());
  });
}, 300_000);
afterAll(() => closeInOrder(page?.context(), browser, served, shop, ws));

const go = (hash: string) => goTo(page, hash);

describe('the operator page', { timeout: 120_000 }, () => {
  it('is reached from the seller page, shows every account over time (removed, came back) and the evidence side by side, in English and French', async () => {
    await page.setViewportSize(WIDE);
    await go(`#/seller/${encodeURIComponent(world.ids.AVATONE)}`);
    const region = page.getByRole('region', { name: 'Possibly the same operator as…' });
    await region.getByRole('article', { name: /ebay:luxe_outlet/ }).waitFor();
    await region.getByRole('link', { name: 'Open the operator page' }).first().click();

    const accounts = page.getByRole('region', { name: 'Accounts over time' });
    await accounts.getByRole('row', { name: /ebay:luxe_outlet/ }).waitFor();
    const rows = accounts.locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('th code')?.textContent))).toEqual(['ebay:luxe_outlet (LX Outlet)', 'amazon:AVATONE (Luxe Trading GmbH)', 'ebay:luxe_again']);
    const old = accounts.getByRole('row', { name: /ebay:luxe_outlet/ });
    expect(await old.textContent()).toContain('Removed after a takedown');
    expect(await old.textContent()).toContain('2026-11-08');
    expect(await old.textContent()).toContain('1 takedown report');
    expect(await old.textContent()).toMatch(/Came back as.*amazon:AVATONE.*ebay:luxe_again/);
    expect(await accounts.getByRole('row', { name: /amazon:AVATONE/ }).textContent()).toMatch(/Came back after\s*ebay:luxe_outlet/);
    expect(await page.getByRole('figure', { name: 'Accounts on one time axis, first seen to last seen' }).locator('.axis-bar').count()).toBe(3);
    await lookAt(page, 'operator-01-accounts-en', a11y);

    // The picture link: both pictures, served from the captures, side by side.
    const evidence = page.getByRole('region', { name: 'The evidence that joins them' });
    const pictureLink = evidence.getByRole('article', { name: /ebay:luxe_again/ });
    const pictures = pictureLink.getByRole('table', { name: 'What the two share' }).getByRole('img');
    await expect.poll(() => pictures.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => pictures.evaluateAll((imgs) => imgs.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0 && (i.getAttribute('src') ?? '').startsWith('data:image/png'))), { timeout: 15_000 }).toEqual([true, true]);
    const [left, right] = await pictures.evaluateAll((imgs) => imgs.map((i) => i.getBoundingClientRect().left));
    expect(right!).toBeGreaterThan(left! + 100);
    // The VAT link: the two trader details side by side, with the capture each came from.
    const vatLink = evidence.getByRole('article', { name: /amazon:AVATONE/ });
    const traders = vatLink.getByRole('table', { name: 'Trader details side by side' });
    const vatRow = traders.getByRole('row', { name: /VAT number/ });
    expect((await vatRow.getByRole('cell').allTextContents()).map((c) => c.replace(/\s+/g, ' '))).toEqual([expect.stringContaining('DE123456789'), expect.stringContaining('DE 123 456 789')]);
    expect(await traders.getByRole('columnheader').allTextContents()).toEqual(['Field', expect.stringMatching(/^ebay:luxe_outlet.*from capture/), expect.stringMatching(/^amazon:AVATONE.*from capture/)]);
    await lookAt(page, 'operator-02-pictures-en', a11y, pictureLink);
    await lookAt(page, 'operator-03-trader-details-en', a11y, vatLink);

    await page.getByRole('button', { name: 'FR', exact: true }).click();
    const comptes = page.getByRole('region', { name: 'Les comptes dans le temps' });
    await comptes.waitFor();
    expect(await comptes.getByRole('row', { name: /ebay:luxe_outlet/ }).textContent()).toContain('Retiré après un signalement');
    expect(await comptes.getByRole('row', { name: /ebay:luxe_outlet/ }).textContent()).toContain('Revenu sous le nom de');
    const fr = await page.locator('.operator-page').textContent();
    expect(fr).not.toMatch(/Accounts over time|Came back|Removed after|Trader details|What the two share|First seen|Listings\b/);
    await lookAt(page, 'operator-06-accounts-fr', a11y, page.locator('.operator-page h1'));
    await lookAt(page, 'operator-07-pictures-fr', a11y, page.getByRole('region', { name: 'Les éléments qui les relient' }).getByRole('article', { name: /ebay:luxe_again/ }));
    await lookAt(page, 'operator-08-trader-details-fr', a11y, page.getByRole('region', { name: 'Les éléments qui les relient' }).getByRole('article', { name: /amazon:AVATONE/ }));
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(elsewhere).toEqual([]);
  });

  it('is reached from the links list, where the unrelated account is in no operator', async () => {
    await page.setViewportSize(WIDE);
    await go('#/links');
    const operators = page.getByRole('region', { name: 'Operators' });
    await operators.getByRole('listitem').first().waitFor();
    expect(await operators.getByRole('listitem').count()).toBe(1);
    expect(await operators.textContent()).not.toContain('garden_tools');
    const all = page.getByRole('region', { name: 'Every proposed link' });
    expect(await all.locator('tbody tr').count()).toBe(2);
    await lookAt(page, 'operator-09-links-list-en', a11y);
    await operators.getByRole('link', { name: '3 accounts' }).click();
    await page.getByRole('region', { name: 'Accounts over time' }).getByRole('row', { name: /ebay:luxe_again/ }).waitFor();
    expect(problems).toEqual([]);
  });

  it("offers the seller's profile page on a listing's capture, captures it for real and files it under the seller", async () => {
    // A listing stored as a capture stores it, naming its seller's page on the test shop.
    const listing = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:site_name" content="eBay"><title>Vacuum flask | eBay</title></head><body>
<h1 class="x-item-title__mainTitle"><span>Vacuum flask 500 ml</span></h1><div class="x-price-primary"><span>EUR 15.00</span></div>
<div class="x-sellercard-atf"><a href="${shop.url('/usr/phone_two')}"><span>phone_two</span></a></div><div id="desc"><p>Steel flask.</p></div></body></html>`;
    const stored = await storePage(ws, shop.url('/itm/100000000009'), listing, '2026-11-18T09:00:00.000Z');
    await page.setViewportSize(WIDE);
    await go(`#/capture/${encodeURIComponent(stored.id)}`);
    const offer = page.getByRole('group', { name: "The seller's profile page" });
    const button = offer.getByRole('button', { name: 'Capture seller profile' });
    await button.waitFor();
    expect(await offer.textContent()).toContain(shop.url('/usr/phone_two'));
    await lookAt(page, 'operator-10-capture-seller-profile-en', a11y);
    await button.click();
    await offer.getByText(/^Seller profile captured /).waitFor({ timeout: 90_000 });
    const profile = (await ws.db.get<{ id: string; seller_key: string; page_kind: string }>(
      `SELECT c.id, s.seller_key, x.page_kind FROM captures c JOIN sellers s ON s.id = c.seller_id JOIN capture_extraction x ON x.capture_id = c.id WHERE c.requested_url = ?`,
      [shop.url('/usr/phone_two')],
    ))!;
    expect(profile).toMatchObject({ seller_key: 'phone_two', page_kind: 'storefront' });
    expect(await offer.getByRole('link', { name: 'open' }).getAttribute('href')).toBe(`#/capture/${profile.id}`);
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await page.getByRole('group', { name: 'La page de profil du vendeur' }).getByText(/^Profil du vendeur capturé le /).waitFor();
    await lookAt(page, 'operator-11-seller-profile-captured-fr', a11y);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('is clean of serious and critical axe-core findings, and its tables fit, on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});
