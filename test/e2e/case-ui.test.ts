import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToCase, findCase } from '../../electron/core/catalogue/cases.js';
import { findSeller } from '../../electron/core/catalogue/seller-ref.js';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { casesEn } from '../../renderer/src/i18n/cases.en.js';
import { casesFr } from '../../renderer/src/i18n/cases.fr.js';
import { fileCapture, listingExtraction } from '../helpers/catalogue.js';
import { seedCapture } from '../helpers/dossier.js';
import { newWorkspace } from '../helpers/workspace.js';
import { lookAt, WIDE } from './axe.js';
import { ensureRendererBuilt, launch, openUi } from './ui-helpers.js';

/*
 * The case page, the unfiled inbox and the seller page's edits, end to end
 * in real Chromium through `exhibit serve`, in English and French, at
 * 1366 × 900 and 1024 × 700, with axe-core on each screen. What the UI
 * does is checked in the workspace itself: the custody entries, and a
 * verification that stays clean.
 */

let browser: Browser;
let ws: Workspace;
let served: Served;
const CASE = 'Acme v. Fakes';
const unfiled: Record<'en' | 'fr', { namedOnly: string; notFound: string }> = { en: { namedOnly: '', notFound: '' }, fr: { namedOnly: '', notFound: '' } };

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  await seedCapture(ws, { sellerId: 'fakes4u', sellerName: 'Fakes 4 U', listingId: '42', title: 'GG Marmont bag', height: 900, caseRef: CASE });
  await seedCapture(ws, { sellerId: 'bagsdepot', sellerName: 'Bags Depot', listingId: '77', title: 'Luxe tote', height: 900 });
  // Per language: an item page that named its seller without an id, a 404, and a blocked page that stays in the inbox.
  for (const lang of ['en', 'fr'] as const) {
    unfiled[lang].namedOnly = (await fileCapture(ws, listingExtraction({ listingId: lang === 'en' ? '501' : '502', sellerName: 'Bags Depot', title: `Tote without a seller id (${lang})` }))).id;
    unfiled[lang].notFound = (await fileCapture(ws, null, { outcome: 'not-found' })).id;
    await fileCapture(ws, listingExtraction({ kind: 'blocked' }), { outcome: 'blocked' });
  }
  served = await startServe(ws, { rendererDir });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await ws?.close();
});

const a11y: string[] = [];

/** Script errors and failed loads: every one, a capture's thumbnail included (the page asks only for what the capture has). */
function watchProblems(page: Page, problems: string[]): () => string[] {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  return () => [...missing, ...problems];
}

// The screens' own words (cases.*.ts), and the dashboard's title and dossier dialog's, as the UI says them.
const en = { ...casesEn, dashboard: { title: 'What needs attention' }, dossierDialog: { make: 'Make dossier', made: 'Dossier made' } };
const fr = { ...casesFr, dashboard: { title: 'À traiter' } };

const go = (page: Page, hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
// The investigator's acts, last first; a background stamping pass may note its tokens meanwhile.
const actions = async (n: number) =>
  (await readCustodyLog(ws.db))
    .map((e) => e.action)
    .filter((a) => a !== 'capture.stamped' && a !== 'key.stamped')
    .slice(-n);

describe.each([
  ['en', en],
  ['fr', fr],
] as const)('the case page, the unfiled inbox and seller edits (%s)', (lang, t) => {
  let page: Page;
  let problems: () => string[];
  beforeAll(async () => {
    const opened = await openUi(browser, served.url, lang === 'fr' ? 'fr-FR' : 'en-GB');
    page = opened.page;
    problems = watchProblems(page, opened.problems);
    await page.setViewportSize(WIDE);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('opens the inbox from the dashboard’s count and files a capture under a seller', { timeout: 120_000 }, async () => {
    await page.getByRole('heading', { name: t.dashboard.title, level: 1 }).waitFor();
    await page.locator('.attention-count[data-kind="unfiled"] a').click();
    await page.getByRole('heading', { name: new RegExp(`^${t.unfiled.title}`), level: 1 }).waitFor();
    expect(await page.evaluate('window.location.hash')).toBe('#/unfiled');
    const row = page.locator(`tr[data-capture="${unfiled[lang].namedOnly}"]`);
    await row.waitFor();
    await lookAt(page, `case-inbox-${lang}`, a11y);

    await row.getByRole('button', { name: t.unfiled.fileUnder }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${t.unfiled.fileTitle}`) });
    const field = dialog.getByLabel(t.unfiled.sellerField, { exact: true });
    // The dialog opens on its first field.
    await expect.poll(() => field.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await field.fill('ebay:bagsdepot');
    await dialog.getByLabel(t.unfiled.reason).fill('seller card reads Bags Depot');
    await lookAt(page, `case-file-dialog-${lang}`, a11y);
    await dialog.getByRole('button', { name: t.unfiled.file, exact: true }).click();
    await page.getByRole('status').getByText('ebay:bagsdepot (Bags Depot)', { exact: false }).waitFor();
    await row.waitFor({ state: 'detached' });
    const bags = (await findSeller(ws.db, 'ebay:bagsdepot'))!;
    expect((await ws.db.get<{ seller_id: string }>('SELECT seller_id FROM captures WHERE id = ?', [unfiled[lang].namedOnly]))!.seller_id).toBe(bags.id);
    expect(await actions(2)).toEqual(['field.corrected', 'capture.filed']);

    // A bad seller is said in the dialog, and nothing changes.
    const before = (await readCustodyLog(ws.db)).length;
    await page.locator(`tr[data-capture="${unfiled[lang].notFound}"]`).getByRole('button', { name: t.unfiled.fileUnder }).click();
    await dialog.getByLabel(t.unfiled.sellerField, { exact: true }).fill('nobody');
    await dialog.getByRole('button', { name: t.unfiled.file, exact: true }).click();
    await dialog.getByRole('alert').getByText('MARKETPLACE:ID', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await readCustodyLog(ws.db)).length).toBe(before);
    expect(problems()).toEqual([]);
  });

  it('adds an unfiled capture to a case, opens the case from the side bar, adds a seller and removes the capture', { timeout: 120_000 }, async () => {
    const caseId = (await findCase(ws.db, CASE))!.id;
    const row = page.locator(`tr[data-capture="${unfiled[lang].notFound}"]`);
    await row.getByRole('button', { name: t.unfiled.addToCase }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${t.unfiled.caseTitle}`) });
    await dialog.getByLabel(t.unfiled.caseField).selectOption({ label: CASE });
    await dialog.getByRole('button', { name: t.unfiled.addCase }).click();
    await page.getByRole('status').getByText(CASE, { exact: false }).waitFor();
    expect(await actions(1)).toEqual(['case.member-added']);

    // Clicking the case opens its page, and leaves the side bar's sellers as they were.
    const sidebarCount = page.locator('.side-section.sellers .side-head .count');
    const allSellers = await sidebarCount.textContent();
    await page.locator('.case-list').getByRole('button', { name: CASE }).click();
    await page.getByRole('heading', { name: CASE, level: 1 }).waitFor();
    expect(await sidebarCount.textContent()).toBe(allSellers);
    expect(await page.evaluate('window.location.hash')).toBe(`#/case/${encodeURIComponent(caseId)}`);
    const casePage = page.locator('.case-page');
    const captures = casePage.getByRole('region', { name: t.casePage.captures, exact: true });
    const added = captures.locator(`tr[data-capture="${unfiled[lang].notFound}"]`);
    await added.getByText(t.casePage.notFiled).waitFor();
    await lookAt(page, `case-page-${lang}`, a11y);

    const form = page.getByRole('form', { name: t.casePage.addMember });
    await form.getByLabel(t.casePage.refLabels.seller).fill('ebay:bagsdepot');
    await form.getByRole('button', { name: t.casePage.add, exact: true }).click();
    const sellers = casePage.getByRole('region', { name: t.casePage.sellers, exact: true });
    const bags = sellers.locator('tr[data-seller="ebay:bagsdepot"]');
    await bags.getByRole('button', { name: t.casePage.removeLabel('ebay:bagsdepot') }).waitFor();
    expect(await actions(1)).toEqual(['case.member-added']);
    // A seller only there through a capture made for the case cannot be removed: it says why it is there.
    await sellers.locator('tr[data-seller="ebay:fakes4u"]').getByText(t.casePage.sellerBroughtIn).waitFor();

    await added.locator('button', { hasText: t.casePage.remove }).click();
    await added.waitFor({ state: 'detached' });
    expect(await actions(1)).toEqual(['case.member-removed']);
    await bags.getByRole('button', { name: t.casePage.removeLabel('ebay:bagsdepot') }).click();
    await bags.waitFor({ state: 'detached' });
    expect(await actions(1)).toEqual(['case.member-removed']);
    await lookAt(page, `case-page-after-${lang}`, a11y);
    expect(problems()).toEqual([]);
  });

  it('edits a seller’s tags and notes, merges it and undoes the merge, each in custody', { timeout: 120_000 }, async () => {
    const bags = (await findSeller(ws.db, 'ebay:bagsdepot'))!;
    const fakes = (await findSeller(ws.db, 'ebay:fakes4u'))!;
    await go(page, `#/seller/${encodeURIComponent(bags.id)}`);
    await page.getByRole('heading', { name: 'Bags Depot', level: 1 }).waitFor();
    // Its capture has no viewport screenshot: the thumbnail is the top of the full page, one tile (and no 404, see problems()).
    const thumb = page.locator('img.thumb-frame').first();
    expect(await thumb.getAttribute('src')).toContain('/tile/');
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => thumb.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const tag = `vero-${lang}`;
    await page.getByLabel(t.sellerEdit.addTag).fill(tag);
    await page.getByRole('button', { name: t.sellerEdit.add, exact: true }).click();
    const remove = page.getByRole('button', { name: t.sellerEdit.removeTag(tag) });
    await remove.waitFor();
    expect(await actions(1)).toEqual(['seller.tagged']);
    const notes = page.getByRole('textbox', { name: new RegExp(t.sellerEdit.notes) });
    await notes.fill(`Ships from Shenzhen (${lang})`);
    await page.getByRole('button', { name: t.sellerEdit.saveNotes }).click();
    await page.getByRole('status').getByText(t.sellerEdit.saved).waitFor();
    expect(await actions(1)).toEqual(['note.edited']);
    await lookAt(page, `case-seller-${lang}`, a11y);
    await remove.click();
    await remove.waitFor({ state: 'detached' });
    expect(await actions(1)).toEqual(['seller.untagged']);

    // Added to the case by hand before the merge: the case page shows it under the seller it joins, and removes it.
    expect((await addToCase(ws.db, CASE, [{ kind: 'seller', ref: 'ebay:bagsdepot' }])).ok).toBe(true);
    await page.getByLabel(t.sellerEdit.mergeInto).fill('ebay:fakes4u');
    await page.getByLabel(t.sellerEdit.mergeReason).fill('same return address');
    await page.getByRole('button', { name: t.sellerEdit.doMerge, exact: true }).click();
    await page.getByRole('heading', { name: 'Fakes 4 U', level: 1 }).waitFor();
    expect(await page.evaluate('window.location.hash')).toBe(`#/seller/${encodeURIComponent(fakes.id)}`);
    expect(await actions(1)).toEqual(['seller.merged']);
    await go(page, `#/case/${encodeURIComponent((await findCase(ws.db, CASE))!.id)}`);
    const merged = page.locator('.case-page tr[data-seller="ebay:fakes4u"] .merged-member[data-member="ebay:bagsdepot"]');
    await merged.waitFor();
    await lookAt(page, `case-page-merged-member-${lang}`, a11y);
    await merged.getByRole('button', { name: t.casePage.removeLabel('ebay:bagsdepot') }).click();
    await merged.waitFor({ state: 'detached' });
    expect(await actions(1)).toEqual(['case.member-removed']);
    await go(page, `#/seller/${encodeURIComponent(fakes.id)}`);
    await page.getByRole('heading', { name: 'Fakes 4 U', level: 1 }).waitFor();
    const unmerge = page.getByRole('button', { name: t.sellerEdit.unmergeLabel('ebay:bagsdepot') });
    await lookAt(page, `case-seller-merged-${lang}`, a11y);
    await unmerge.click();
    await unmerge.waitFor({ state: 'detached' });
    expect(await actions(1)).toEqual(['seller.unmerged']);
    // Every act above replayed from the custody log matches the rows, both ways.
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
    expect(problems()).toEqual([]);
  });
});

describe('the case’s dossier', () => {
  it('is made from the case page with the existing dialog and listed there', { timeout: 180_000 }, async () => {
    const { page, problems } = await openUi(browser, served.url, 'en-GB');
    const caseId = (await findCase(ws.db, CASE))!.id;
    await go(page, `#/case/${encodeURIComponent(caseId)}`);
    await page.getByRole('heading', { name: CASE, level: 1 }).waitFor();
    await page.getByRole('button', { name: `${en.casePage.dossier}…` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: en.dossierDialog.make }).click();
    await dialog.getByRole('region', { name: en.dossierDialog.made }).waitFor({ timeout: 120_000 });
    expect((await readCustodyLog(ws.db)).filter((e) => e.action === 'export.made' && e.subject === caseId)).toHaveLength(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const made = page.locator('.case-page').getByRole('region', { name: en.casePage.dossiers });
    await made.locator('tbody tr').first().waitFor();
    expect(await made.locator('tbody tr').count()).toBe(1);
    await lookAt(page, 'case-dossiers-en', a11y, made);
    await page.context().close();
    expect(problems).toEqual([]);
  });
});

describe('every screen above', () => {
  it('is clean of serious and critical axe-core findings, and its tables fit, at 1366 and 1024 px', () => {
    expect(a11y).toEqual([]);
  });
});
