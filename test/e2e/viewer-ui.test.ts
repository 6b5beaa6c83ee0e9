import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { seedCapture } from '../helpers/dossier.js';
import { newWorkspace } from '../helpers/workspace.js';
import { lookAt, WIDE } from './axe.js';
import { ensureRendererBuilt, launch, openUi } from './ui-helpers.js';

/*
 * The evidence viewer end to end, in real Chromium through `exhibit serve`:
 * a 1366 × 60,000 px screenshot opened as tiles, zoomed, fitted, panned
 * with the keyboard, enlarged, and compared with an earlier capture of the
 * listing; in English and French, at 1366 × 900 and 1024 × 700, with
 * axe-core run on the screen.
 */

let browser: Browser;
let ws: Workspace;
let served: Served;
let tall: string;
let earlier: string;
const a11y: string[] = [];

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  earlier = (await seedCapture(ws, { sellerId: 'longshop', sellerName: 'Long Shop', listingId: '77', title: 'Endless listing', height: 58_000, startedAt: '2026-11-01T09:00:00.000Z' })).id;
  tall = (await seedCapture(ws, { sellerId: 'longshop', sellerName: 'Long Shop', listingId: '77', title: 'Endless listing', height: 60_000, startedAt: '2026-11-02T09:00:00.000Z' })).id;
  served = await startServe(ws, { rendererDir });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await ws?.close();
});

async function openCapture(lang: 'en' | 'fr', size: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const opened = await openUi(browser, served.url, lang === 'fr' ? 'fr-FR' : 'en-GB');
  await opened.page.setViewportSize(size);
  await opened.page.evaluate(`window.location.hash = ${JSON.stringify(`#/capture/${encodeURIComponent(tall)}`)}`);
  await opened.page.locator('.tile-page img[data-tile]').first().waitFor();
  return opened;
}

const loadedTiles = (page: Page) => page.locator('.tile-page img[data-tile]').evaluateAll((imgs) => imgs.filter((i) => (i as unknown as { complete: boolean; naturalWidth: number }).complete && (i as unknown as { naturalWidth: number }).naturalWidth > 0).length);

describe('the evidence viewer', { timeout: 180_000 }, () => {
  it('opens a 1366 × 60,000 px screenshot without loading it whole, zooms, fits, pans with the keyboard and goes full window', async () => {
    const { page, problems } = await openCapture('en', { width: 1366, height: 900 });
    await expect.poll(() => loadedTiles(page)).toBeGreaterThan(0);
    // The page is 60,000 px tall: at fit width only the tiles near the top are asked for.
    const first = await page.locator('.tile-page img[data-tile]').count();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(20);
    const tiles = await page.locator('.tile-page img[data-tile]').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('data-tile')));
    expect(tiles.every((t) => t?.startsWith('screenshot-full-001.png/') || t?.startsWith('screenshot-full-002.png/'))).toBe(true);
    const zoom = page.locator('output.zoom-level');
    const fitWidth = await zoom.textContent();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => zoom.textContent()).not.toBe(fitWidth);
    await page.getByRole('button', { name: '100%' }).click();
    await expect.poll(() => zoom.textContent()).toBe('100%');
    // Keyboard: End goes to the bottom of the page, whose tiles are then the ones asked for.
    const canvas = page.getByRole('img', { name: /Screenshot, 1,366 × 60,000 px/ });
    await canvas.focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('.tile-page img[data-tile^="screenshot-full-008.png/0/"]').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('h');
    await expect.poll(() => zoom.textContent()).toMatch(/^[0-9]%$/);
    await expect.poll(() => loadedTiles(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    await lookAt(page, 'viewer-01-fit-height', a11y);
    await page.getByRole('button', { name: 'Full window' }).click();
    expect(await page.locator('section.screenshot.full-window').count()).toBe(1);
    await page.keyboard.press('w');
    await lookAt(page, 'viewer-02-full-window', a11y);
    await page.keyboard.press('Escape');
    expect(await page.locator('section.screenshot.full-window').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('compares the capture with the earlier one of the listing, the changed area outlined', async () => {
    const { page, problems } = await openCapture('en', { width: 1366, height: 900 });
    await page.getByLabel('Compare with').selectOption(earlier);
    await page.getByText(/of the page differs/).waitFor({ timeout: 60_000 });
    expect(await page.locator('.diff-region').count()).toBeGreaterThan(0);
    // The two differ only in the 2,000 px the later page has more, at its bottom.
    const top = await page.locator('.diff-region').first().evaluate((d) => parseFloat((d as unknown as { style: { top: string } }).style.top));
    const zoomText = (await page.locator('output.zoom-level').textContent()) ?? '';
    expect(top / (parseFloat(zoomText) / 100)).toBeGreaterThan(57_000);
    await page.keyboard.press('Tab');
    await lookAt(page, 'viewer-03-compared', a11y);

    // Side by side, reached from the keyboard: the earlier capture and this one, the changed area outlined on both.
    await page.getByRole('button', { name: 'Side by side' }).focus();
    await page.keyboard.press('Enter');
    const panes = page.locator('.side-by-side .pane');
    await expect.poll(() => panes.count()).toBe(2);
    expect(await panes.first().getAttribute('data-capture')).toBe(earlier);
    for (const pane of [panes.first(), panes.last()]) expect(await pane.locator('.diff-region').count()).toBeGreaterThan(0);
    // Panning one pane moves the other with it.
    const boxes = page.locator('.side-by-side .tile-box');
    await boxes.last().focus();
    await page.keyboard.press('End');
    await expect.poll(() => boxes.first().evaluate((b) => (b as unknown as { scrollTop: number }).scrollTop)).toBeGreaterThan(0);
    await lookAt(page, 'viewer-04-side-by-side', a11y);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`every file downloads (${lang})`, async () => {
      const { page, problems } = await openCapture(lang, WIDE);
      await expect.poll(() => loadedTiles(page)).toBeGreaterThan(0);
      await lookAt(page, `viewer-10-${lang}`, a11y);
      const link = page.locator('tr[data-artifact="network.har"] a[download]');
      const href = await link.getAttribute('href');
      const r = await page.request.get(`${served.origin}${href}`);
      expect(r.headers()['content-disposition']).toBe(`attachment; filename="${tall}-network.har"`);
      expect(r.headers()['content-type']).toBe('application/json');
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  it('is clean of serious and critical axe-core findings, and its tables fit, on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});
