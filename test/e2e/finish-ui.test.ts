import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findListing } from '../../electron/core/catalogue/listing-ref.js';
import { recordReport } from '../../electron/core/takedown/reports.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { seedCapture } from '../helpers/dossier.js';
import { newWorkspace } from '../helpers/workspace.js';
import { lookAt, NARROW, WIDE } from './axe.js';
import { ensureRendererBuilt, launch, openUi } from './ui-helpers.js';

/*
 * Dossiers and the fit and finish of tables, end to end in real Chromium
 * through `exhibit serve`: the dossier dialog's path, Open and Download; the
 * Dossiers screen and its remembered checks; Takedowns, the custody log in
 * words, the timeline in time order and the Dossiers screen in English and
 * French, each screen at 1366 × 900 and 1024 × 700 with axe-core and the
 * tables' fit checked at both.
 */

const SELLER_NAME = 'Établissements Très-Longue-Raison-Sociale Internationale SARL';
const TITLE = 'Sac à main Marmont GG Matelassé en cuir véritable, grand modèle, chaîne dorée, édition limitée 2026 — authentique garanti';
const REPORT_REF = 'VERO-2026-000000012345-APPEAL-2';

let browser: Browser;
let ws: Workspace;
let served: Served;
let sellerId: string;
let lastCapture: string;
const a11y: string[] = [];

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  const today = new Date().toISOString().slice(0, 10);
  await seedCapture(ws, { sellerId: 'tres-longue', sellerName: SELLER_NAME, listingId: '4455667788', title: TITLE, height: 1400, startedAt: `${today}T00:00:01.000Z`, caseRef: 'Marmont' });
  const listing = (await findListing(ws.db, 'ebay:4455667788'))!;
  // Reported today, between this morning's capture and the next one: the timeline shows it between them.
  const reported = await recordReport(ws.db, { listingId: listing.id, platform: 'ebay', programme: 'ebay-vero', reportRef: REPORT_REF, note: 'reported through the VeRO portal' });
  if (!reported.ok) throw new Error(reported.error);
  await new Promise((r) => setTimeout(r, 20));
  lastCapture = (await seedCapture(ws, { sellerId: 'tres-longue', sellerName: SELLER_NAME, listingId: '4455667788', title: TITLE, height: 1400, startedAt: new Date().toISOString(), caseRef: 'Marmont' })).id;
  sellerId = listing.sellerId!;
  served = await startServe(ws, { rendererDir });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await ws?.close();
});

/** What the page reported, but for the thumbnails these seeded captures have none of (no viewport screenshot was stored). */
const real = (problems: string[]) => problems.filter((p) => !p.includes('the server responded with a status of 404'));

async function open(lang: 'en' | 'fr', size: { width: number; height: number }, hash: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await openUi(browser, served.url, lang === 'fr' ? 'fr-FR' : 'en-GB');
  await opened.page.setViewportSize(size);
  await opened.page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  return opened;
}

describe('dossiers', { timeout: 180_000 }, () => {
  it('the dialog ends with the full path, Open and Download; the Dossiers screen lists it, checks it and remembers the check', async () => {
    const { page, problems } = await open('en', { width: 1366, height: 900 }, `#/seller/${encodeURIComponent(sellerId)}`);
    await page.getByRole('heading', { name: SELLER_NAME, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Dossier…' }).click();
    const dialog = page.getByRole('dialog', { name: `Dossier: ${SELLER_NAME}` });
    await dialog.getByRole('button', { name: 'Make dossier' }).click();
    const made = dialog.getByRole('region', { name: 'Dossier made' });
    await made.waitFor({ timeout: 90_000 });
    const path = (await made.locator('dt:has-text("Full path") + dd').textContent())!;
    const file = (await made.locator('dt:has-text("File") + dd').first().textContent())!;
    expect(path).toBe(`${ws.dir}/dossiers/${file}`);
    const sha = (await made.locator('dt:has-text("SHA-256") + dd').textContent())!;
    // Download: the bytes the workspace recorded, offered as a file to save.
    const download = made.getByRole('link', { name: `Download ${file}` });
    const r = await page.request.get(`${served.origin}${await download.getAttribute('href')}`);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-disposition']).toBe(`attachment; filename="${file}"`);
    expect(r.headers()['content-type']).toBe('application/pdf');
    const body = await r.body();
    expect(createHash('sha256').update(body).digest('hex')).toBe(sha);
    expect(body.equals(await fs.readFile(path))).toBe(true);
    // Open: the same file, for the browser's own PDF reader, in a new tab.
    const openLink = made.getByRole('link', { name: `Open ${file}` });
    expect(await openLink.getAttribute('target')).toBe('_blank');
    const shown = await page.request.get(`${served.origin}${await openLink.getAttribute('href')}`);
    expect(shown.headers()['content-disposition']).toBe(`inline; filename="${file}"`);
    // Without the token, nothing.
    expect((await page.request.get(`${served.origin}/dossier/${encodeURIComponent((await made.locator('dt:has-text("Dossier id") + dd').textContent())!)}`)).status()).toBe(401);
    // Show in folder is the desktop app's: through serve it is refused, said so.
    expect(await made.getByRole('button', { name: /Show .* in its folder/ }).count()).toBe(0);
    await lookAt(page, 'finish-01-dossier-made', a11y, made);

    await made.getByRole('link', { name: 'All dossiers' }).click();
    await page.getByRole('heading', { name: 'Dossiers', level: 1 }).waitFor();
    const row = page.locator('table.dossiers tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(file);
    expect(await row.textContent()).toContain(path);
    expect(await row.textContent()).toContain(SELLER_NAME);
    expect(await row.locator('[data-checked]').getAttribute('data-checked')).toBe('never');
    expect(await row.textContent()).toContain('not checked yet');
    await row.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => row.locator('[data-checked]').getAttribute('data-checked'), { timeout: 60_000 }).toBe('ok');
    expect(await row.textContent()).toMatch(/verified \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    // Remembered: a reload shows the same check, from the custody log.
    await page.reload();
    await page.getByRole('heading', { name: 'Dossiers', level: 1 }).waitFor();
    await expect.poll(() => page.locator('table.dossiers tbody tr [data-checked]').getAttribute('data-checked')).toBe('ok');
    const custody = (await ws.db.all<{ action: string }>("SELECT action FROM custody_log WHERE action = 'dossier.verified'")).length;
    expect(custody).toBe(1);
    // A file taken away is said missing when next checked.
    await fs.rename(path, `${path}.away`);
    try {
      await page.locator('table.dossiers tbody tr').getByRole('button', { name: 'Check now' }).click();
      await expect.poll(() => page.locator('table.dossiers tbody tr [data-checked]').getAttribute('data-checked'), { timeout: 30_000 }).toBe('missing');
    } finally {
      await fs.rename(`${path}.away`, path);
    }
    await lookAt(page, 'finish-02-dossiers', a11y);
    expect(real(problems)).toEqual([]);
    await page.context().close();
  });
});

describe('every screen fits and reads, in English and French, at 1366 and 1024 px', { timeout: 180_000 }, () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`Takedowns, the custody log, the timeline and the Dossiers screen (${lang})`, async () => {
      const { page, problems } = await open(lang, WIDE, '#/takedowns');
      const fr = lang === 'fr';

      // Takedowns: the long title is cut on one line, whole on hover and focus; the Evidence column is in full view.
      const line = page.locator('table.takedowns tbody tr');
      await expect.poll(() => line.count()).toBe(1);
      const title = line.locator('.cell-text', { hasText: 'Sac à main' });
      expect(await title.getAttribute('title')).toBe(TITLE);
      for (const size of [WIDE, NARROW]) {
        await page.setViewportSize(size);
        await title.blur();
        const titleBox = (await title.boundingBox())!;
        expect(titleBox.width).toBeGreaterThan(120);
        expect(titleBox.height).toBeLessThan(20);
        const evidence = line.getByRole('link', { name: 'Capture', exact: true });
        const ev = (await evidence.boundingBox())!;
        const card = (await page.locator('table.takedowns').locator('xpath=ancestor::section[1]').boundingBox())!;
        expect(ev.x + ev.width).toBeLessThanOrEqual(card.x + card.width);
        expect(ev.x + ev.width).toBeLessThanOrEqual(size.width);
        await title.focus();
        expect((await title.boundingBox())!.height).toBeGreaterThan(titleBox.height);
      }
      await page.setViewportSize(WIDE);
      await lookAt(page, `finish-10-takedowns-${lang}`, a11y);

      // The custody log: headers apart, every entry in words.
      await page.evaluate(`window.location.hash = ${JSON.stringify(`#/capture/${encodeURIComponent(lastCapture)}`)}`);
      const custody = page.locator('table.custody');
      await custody.waitFor();
      await custody.scrollIntoViewIfNeeded();
      const words = await custody.locator('.custody-words').allTextContents();
      expect(words.length).toBeGreaterThan(0);
      for (const w of words) expect(w).not.toMatch(/^\{|"\w+":/);
      expect(words.join('\n')).toContain(fr ? 'Capture enregistrée' : 'Capture stored');
      await lookAt(page, `finish-11-custody-${lang}`, a11y, custody);

      // The seller's timeline: newest first, and today's events in the order they happened.
      await page.evaluate(`window.location.hash = ${JSON.stringify(`#/seller/${encodeURIComponent(sellerId)}`)}`);
      const events = page.locator('.timeline-panel table.events tbody tr');
      await expect.poll(() => events.count()).toBe(3);
      expect(await events.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')))).toEqual(['captured', 'reported', 'first-seen']);
      await lookAt(page, `finish-12-timeline-${lang}`, a11y, page.locator('.timeline-panel'));

      // The Dossiers screen.
      await page.evaluate(`window.location.hash = '#/dossiers'`);
      await page.getByRole('heading', { name: 'Dossiers', level: 1 }).waitFor();
      await expect.poll(() => page.locator('table.dossiers tbody tr').count()).toBe(1);
      expect(await page.locator('table.dossiers thead').textContent()).toContain(fr ? 'Vérification' : 'Verification');
      await lookAt(page, `finish-13-dossiers-${lang}`, a11y);
      expect(real(problems)).toEqual([]);
      await page.context().close();
    });
  }

  it('is clean of serious and critical axe-core findings, and its tables fit, on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});
