import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { seedCapture } from '../helpers/dossier.js';
import { newWorkspace, sampleCapture } from '../helpers/workspace.js';
import { ensureRendererBuilt, launch, openUi, shot, closeInOrder, goTo } from './ui-helpers.js';
import { lookAt } from './axe.js';
import { holdRequests } from '../helpers/held-request.js';

/*
 * The desktop app's newer screens, end to end in real Chromium against
 * `exhibit serve` over a real workspace: the investigator's note on a
 * capture beside the note sealed in it, a dossier and a verification
 * followed by their progress and cancelled, the workspace folder and the
 * browser path in Settings, and the browser screen as `exhibit serve` shows
 * it. Captures are seeded as the engine stores them; no page is loaded.
 */

let browser: Browser;
let ws: Workspace;
let served: Served;
let page: Page;
let problems: string[];
/** axe-core's serious and critical findings, screen by screen */
const a11y: string[] = [];
let captureId: string;

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  browser = await launch();
  ws = await newWorkspace(undefined, 'suite');
  const c = await seedCapture(ws, { sellerId: 'fakes4u', sellerName: 'Fakes 4 U', listingId: '42', title: 'GG Marmont bag', price: '89.99', currency: 'USD', height: 1800, caseRef: 'Acme', note: 'From the brand’s watch list, ticket 2231' });
  captureId = c.id;
  // A case big enough that its dossier is still being drawn when Cancel is pressed.
  for (let i = 0; i < 40; i++) await seedCapture(ws, { sellerId: 'bulk', sellerName: 'Bulk Outlet', listingId: String(1000 + i), title: `Item ${i}`, height: 6000, caseRef: 'Bulk case' });
  // Stored files enough that a verification takes a moment: the cancel, sent as soon as it starts, finds it running.
  for (let i = 0; i < 300; i++) await sampleCapture(ws, i);
  served = await startServe(ws, { rendererDir });
  ({ page, problems } = await openUi(browser, served.url));
}, 300_000);
afterAll(() => closeInOrder(page?.context(), browser, served, ws));

const go = (hash: string) => goTo(page, hash);

describe('notes, long work, settings and the browser screen through the UI', { timeout: 180_000 }, () => {
  it('writes the investigator’s note on a capture, edits it, and shows the earlier version; the sealed note stays apart, as evidence', async () => {
    await go(`#/capture/${encodeURIComponent(captureId)}`);
    await page.getByRole('heading', { name: /Capture/, level: 1 }).waitFor();
    const sealed = page.getByRole('region', { name: 'Capture', exact: true }).locator('.sealed-note');
    expect(await sealed.textContent()).toContain('From the brand’s watch list, ticket 2231');
    expect(await sealed.locator('.sealed-tag').textContent()).toBe('evidence');

    const notes = page.getByRole('region', { name: 'Your note' });
    expect(await notes.locator('.own-tag').textContent()).toBe('not evidence');
    await notes.getByText('No note yet.').waitFor();
    const save = notes.getByRole('button', { name: 'Save note' });
    expect(await save.isDisabled()).toBe(true);
    await notes.getByLabel(/^Edit /).fill('Test buy ordered 12 Nov.');
    await save.click();
    await notes.getByRole('status').getByText('Saved as a new version.').waitFor();
    expect(await notes.getByTestId('note-in-force').textContent()).toBe('Test buy ordered 12 Nov.');

    await notes.getByLabel(/^Edit /).fill('Test buy ordered 12 Nov.; parcel arrived from Shenzhen, held at customs.');
    await save.click();
    await expect.poll(() => notes.getByTestId('note-in-force').textContent()).toBe('Test buy ordered 12 Nov.; parcel arrived from Shenzhen, held at customs.');
    expect(await notes.getByText(/^Written \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/).count()).toBe(1);
    await notes.getByText('1 earlier version').click();
    await notes.locator('.own-history li').getByText('Test buy ordered 12 Nov.', { exact: true }).waitFor();
    // Each change is in the chain of custody, shown on the page.
    await expect.poll(() => page.getByRole('region', { name: 'Chain of custody' }).locator('tr[data-action="note.edited"]').count()).toBe(2);
    // The sealed note did not move.
    expect(await sealed.textContent()).toContain('From the brand’s watch list, ticket 2231');
    await lookAt(page, '40-capture-notes', a11y, notes);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });

  it('shows the workspace folder in Settings, and the browser program without letting it be changed from a web browser', async () => {
    await ws.updateSettings({ browserPath: process.execPath });
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('workspace-dir').textContent()).toBe(ws.dir);
    const card = page.getByRole('region', { name: 'Browser for captures' });
    await expect.poll(() => card.getByTestId('browser-path-saved').textContent()).toBe(process.execPath);
    await card.getByRole('note').getByText('exhibit settings --browser PATH', { exact: false }).waitFor();
    expect(await card.getByRole('textbox').count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Save browser path' }).count()).toBe(0);
    await lookAt(page, '41-settings-browser-serve', a11y);
    // The page's own session cannot change it either: the API refuses, and the setting stays.
    const refused = await page.evaluate(async () => {
      const token = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('exhibit.token') ?? '';
      const r = await fetch('/api/settings.update', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Exhibit-Token': token }, body: JSON.stringify({ browserPath: '/bin/sh' }) });
      return (await r.json()) as { ok: boolean; error?: { kind: string } };
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect((await ws.settings()).browserPath).toBe(process.execPath);
    await ws.updateSettings({ browserPath: '' });
  });

  it('says on the browser screen that the in-app browser is the desktop app’s, and offers the batch capture instead', async () => {
    await page.getByRole('button', { name: 'Browser', exact: true }).click();
    await page.getByRole('heading', { name: 'Browser', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'The in-app browser is part of the desktop app' });
    await card.getByText('Capture by address instead', { exact: false }).waitFor();
    await lookAt(page, '43-browser-serve', a11y);
    await card.getByRole('button', { name: 'Capture addresses…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture pages' });
    await dialog.getByLabel('Addresses, one per line').waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('follows a dossier by its progress and cancels it: no file is left, nothing is recorded, the workspace verifies clean', async () => {
    const exportsBefore = (await readCustodyLog(ws.db)).filter((e) => e.action === 'export.made').length;
    await page.locator('a.brand').click();
    await page.getByRole('button', { name: 'Bulk case' }).click();
    await page.getByRole('heading', { name: 'Bulk case', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Make its dossier…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dossier: case Bulk case' });
    await dialog.getByLabel('manifests and all captured files').check();
    await dialog.getByRole('button', { name: 'Make dossier' }).click();
    const bar = dialog.getByRole('progressbar', { name: 'Making the dossier…' });
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(10);
    await dialog.getByText(/^Drawing the exhibits: \d+ of 40 \(\d+ pages so far\)$/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Make dossier' }).isDisabled()).toBe(true);
    await shot(page, '44-dossier-progress');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.getByText('Cancelled: no dossier was written, and nothing was recorded in the chain of custody.').waitFor({ timeout: 60_000 });
    await lookAt(page, '45-dossier-cancelled', a11y);
    const folder = join(ws.dir, 'dossiers');
    expect(readdirSync(folder)).toEqual([]);
    expect((await readCustodyLog(ws.db)).filter((e) => e.action === 'export.made').length).toBe(exportsBefore);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('verifies with a bar and Cancel; a verification cancelled is reported cancelled, never OK', async () => {
    // A workspace this small verifies in a fraction of a second: the start is held at the server's door
    // while Cancel is pressed; the app sends the cancel the moment the run is known to have begun.
    const held = await holdRequests(page, '**/api/verify.start');
    await page.getByRole('button', { name: 'Verify workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify workspace' });
    await dialog.getByRole('progressbar', { name: 'Verifying the workspace' }).waitFor();
    await dialog.getByText('Checking every file… this can take minutes on a large workspace.').waitFor();
    const cancel = dialog.getByRole('button', { name: 'Cancel', exact: true });
    // Once asked to start (and held), Cancel can be pressed; a second run cannot be asked for.
    await expect.poll(() => cancel.isDisabled()).toBe(false);
    expect(await dialog.getByRole('button', { name: 'Verify again' }).isDisabled()).toBe(true);
    await shot(page, '46-verify-running');
    await cancel.click();
    await dialog.getByRole('button', { name: 'Stopping…' }).waitFor();
    await held.release();
    await dialog.getByText('Cancelled: the workspace is NOT verified. Only part of it was checked.').waitFor({ timeout: 60_000 });
    expect(await dialog.getByText('OK: nothing altered, nothing missing.').count()).toBe(0);
    expect(await dialog.locator('.verdict.good').count()).toBe(0);
    await dialog.getByText(/^cancelled: \d+ capture\(s\) and \d+ of \d+ object\(s\) were checked before it stopped; the workspace is not verified$/).waitFor();
    await lookAt(page, '47-verify-cancelled', a11y);
    const logged = (await readCustodyLog(ws.db)).filter((e) => e.action === 'verification.run').at(-1)!;
    expect(JSON.parse(logged.details)).toMatchObject({ ok: false, cancelled: true });

    // Run again to its end: OK, with how much was checked.
    await dialog.getByRole('button', { name: 'Verify again' }).click();
    await dialog.getByText('OK: nothing altered, nothing missing.').waitFor({ timeout: 120_000 });
    await dialog.getByText(/^Checked: 341 captures, /).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  });

  it('ran without a script error or a CSP violation', () => {
    expect(problems).toEqual([]);
  });

  it('is clean of serious and critical axe-core findings on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});
