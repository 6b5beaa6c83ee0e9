import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSeller } from '../../electron/core/catalogue/seller-ref.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { aliexpressStore, BRIGHT_TRADER } from '../helpers/store-pages.js';
import { storePage } from '../helpers/stored-page.js';
import { newWorkspace } from '../helpers/workspace.js';
import { axeProblems } from './axe.js';
import { ensureRendererBuilt, launch, openUi, shot, closeInOrder, goTo } from './ui-helpers.js';

/*
 * A seller's trader details changing (#20), on the seller page, end to end in
 * real Chromium against `exhibit serve`: the store's page stored twice, the
 * second time with another address and VAT number.
 */

const STORE = 'https://www.aliexpress.com/store/1102345678';
const MOVED = { ...BRIGHT_TRADER, address: 'Unit 5, 88 Huaqiang North Road, Futian District, Shenzhen, Guangdong, China', vat: 'NL 8599.11.222.B01' };

let browser: Browser;
let ws: Workspace;
let served: Served;
let page: Page;
let problems: string[];
let sellerId: string;
const captures: string[] = [];

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  captures.push((await storePage(ws, STORE, aliexpressStore('1102345678', BRIGHT_TRADER, false), '2026-11-02T09:00:00.000Z')).id);
  captures.push((await storePage(ws, STORE, aliexpressStore('1102345678', MOVED, false), '2026-11-20T09:00:00.000Z')).id);
  sellerId = (await findSeller(ws.db, 'aliexpress:1102345678'))!.id;
  served = await startServe(ws, { rendererDir });
  ({ page, problems } = await openUi(browser, served.url));
}, 300_000);
afterAll(() => closeInOrder(page?.context(), browser, served, ws));

const go = (hash: string) => goTo(page, hash);

describe("the seller page shows the trader's details changing", { timeout: 120_000 }, () => {
  it('a "trader details changed" row: each field before → after, this capture and the earlier one at hand, in English and French', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await go(`#/seller/${encodeURIComponent(sellerId)}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const row = timeline.locator('tr[data-event="trader-details"]');
    await row.waitFor();
    expect(await timeline.locator('tr[data-event="trader-details"]').count()).toBe(1);
    expect(await row.locator('.badge').textContent()).toBe('trader details changed');
    const field = (name: string) => row.locator(`li[data-field="${name}"]`);
    expect(await row.locator('li[data-field]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-field')))).toEqual(['address', 'vat']);
    expect(await field('address').locator('.change-field').textContent()).toBe('Address');
    expect(await field('address').locator('.before').textContent()).toBe(BRIGHT_TRADER.address);
    expect(await field('address').locator('.after').textContent()).toBe(MOVED.address);
    expect(await field('vat').locator('.change-field').textContent()).toBe('VAT number');
    expect(await field('vat').locator('.before').textContent()).toBe('NL 8261.23.456.B01');
    expect(await field('vat').locator('.after').textContent()).toBe('NL 8599.11.222.B01');
    // Both captures: the row's own (the evidence column) and the earlier one.
    const links = await row.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining([`#/capture/${captures[1]}`, `#/capture/${captures[0]}`]));
    expect(await row.textContent()).toContain('compared with the capture of 2026-11-02');
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'trader-changes-01-seller-1366-en');
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'FR', exact: true }).click();
    const historique = page.getByRole('region', { name: 'Historique' });
    const ligne = historique.locator('tr[data-event="trader-details"]');
    await expect.poll(() => ligne.locator('.badge').textContent(), { timeout: 15_000 }).toBe('coordonnées du professionnel modifiées');
    expect(await ligne.locator('li[data-field="address"] .change-field').textContent()).toBe('Adresse');
    expect(await ligne.locator('li[data-field="vat"] .change-field').textContent()).toBe('Numéro de TVA');
    const fr = (await ligne.textContent()) ?? '';
    expect(fr).toContain('comparée à la capture du 2026-11-02');
    expect(fr).not.toMatch(/trader details|compared with|Address|VAT number|earlier capture/);
    await page.setViewportSize({ width: 1024, height: 800 });
    await ligne.scrollIntoViewIfNeeded();
    await shot(page, 'trader-changes-02-seller-1024-fr');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(problems).toEqual([]);
  });
});
