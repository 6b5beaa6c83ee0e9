import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { SELLER_PAGES } from '../helpers/seller-shop.js';
import { storePage } from '../helpers/stored-page.js';
import { newWorkspace } from '../helpers/workspace.js';
import { lookAt } from './axe.js';
import { ensureRendererBuilt, launch, openUi, closeInOrder, goTo } from './ui-helpers.js';

/*
 * "Possibly the same operator as…" on the seller page, end to end in real
 * Chromium against `exhibit serve`: the test shop's four seller pages are
 * stored as a capture stores them (the rendered DOM, read by the real
 * extractors, filed under the seller the page names), and the links come
 * from them.
 */

let browser: Browser;
let ws: Workspace;
let served: Served;
let page: Page;
let problems: string[];
const notFound: string[] = [];
const a11y: string[] = [];

async function storeSellerPage(path: string, n: number): Promise<void> {
  await storePage(ws, `https://shop.example${path}`, SELLER_PAGES[path]!, new Date(Date.UTC(2026, 10, 20, 9, 0, n)).toISOString());
}

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  let n = 0;
  for (const path of Object.keys(SELLER_PAGES)) await storeSellerPage(path, ++n);
  served = await startServe(ws, { rendererDir });
  ({ page, problems } = await openUi(browser, served.url));
  page.on('response', (r) => {
    if (r.status() === 404) notFound.push(new URL(r.url()).pathname);
  });
}, 300_000);
afterAll(() => closeInOrder(page?.context(), browser, served, ws));

const go = (hash: string) => goTo(page, hash);
const sellerId = async (marketplace: string, key: string) => (await ws.db.get<{ id: string }>('SELECT id FROM sellers WHERE marketplace = ? AND seller_key = ?', [marketplace, key]))!.id;

describe('linked seller accounts on the seller page', { timeout: 120_000 }, () => {
  it('shows the account sharing a VAT number, the two copies side by side, and confirms it as one operator', async () => {
    await go(`#/seller/${encodeURIComponent(await sellerId('amazon', 'AVATONE'))}`);
    const region = page.getByRole('region', { name: 'Possibly the same operator as…' });
    const card = region.getByRole('article', { name: /ebay:luxe_outlet/ });
    await card.waitFor();
    expect(await card.locator('.link-head .badge').first().textContent()).toBe('Strong');
    const row = card.getByRole('table', { name: 'What the two share' }).getByRole('row', { name: /VAT number/ });
    const cells = row.getByRole('cell');
    expect(await cells.nth(0).locator('.seen-raw').textContent()).toBe('DE 123 456 789');
    expect(await cells.nth(1).locator('.seen-raw').textContent()).toBe('DE123456789');
    expect(await row.getByRole('rowheader').textContent()).toContain('DE123456789');
    expect(await cells.nth(0).textContent()).toContain('dom.html · profile.vat');
    await lookAt(page, 'links-01-seller-vat', a11y);

    await card.getByLabel('Reason (kept in the custody log)').fill('same VAT registration');
    await card.getByRole('button', { name: 'Same operator' }).click();
    await card.getByText('Confirmed as one operator').waitFor();
    expect(await card.getByRole('button', { name: 'Same operator' }).count()).toBe(0);
    const entries = (await readCustodyLog(ws.db)).filter((e) => e.action === 'seller.link-confirmed');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ decision: 'confirmed', reason: 'same VAT registration' });
    await lookAt(page, 'links-02-confirmed', a11y);
  });

  it('shows a phone written two ways as one number, in French too, and a rejected link is gone for good', async () => {
    await go(`#/seller/${encodeURIComponent(await sellerId('ebay', 'phone_two'))}`);
    let region = page.getByRole('region', { name: 'Possibly the same operator as…' });
    const card = region.getByRole('article', { name: /amazon:APHONEONE/ });
    await card.waitFor();
    const cells = card.getByRole('table', { name: 'What the two share' }).getByRole('row', { name: /Phone/ }).getByRole('cell');
    expect(await cells.nth(0).locator('.seen-raw').textContent()).toBe('030-123 45 67');
    expect(await cells.nth(1).locator('.seen-raw').textContent()).toBe('+49 30 1234567');

    await page.getByRole('button', { name: 'FR', exact: true }).click();
    region = page.getByRole('region', { name: 'Peut-être le même opérateur que…' });
    await region.getByRole('table', { name: 'Ce que les deux partagent' }).getByRole('row', { name: /Téléphone/ }).waitFor();
    expect(await region.textContent()).not.toMatch(/Strong|Same operator|VAT number/);
    await lookAt(page, 'links-03-french', a11y);

    await region.getByRole('button', { name: 'Pas de lien' }).click();
    await region.getByText('Aucun autre compte vendeur ne partage d’éléments avec celui-ci.').waitFor();
    await page.reload();
    await page.getByRole('region', { name: 'Peut-être le même opérateur que…' }).getByText('Aucun autre compte vendeur ne partage d’éléments avec celui-ci.').waitFor();
    expect((await readCustodyLog(ws.db)).filter((e) => e.action === 'seller.link-rejected')).toHaveLength(1);
    expect(notFound).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is clean of serious and critical axe-core findings, and its tables fit, on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});
