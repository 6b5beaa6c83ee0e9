import { promises as fs } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { marketplacePage, ROUTES, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { newWorkspace } from '../helpers/workspace.js';
import { browserPath, ensureRendererBuilt, launch, openUi, shot } from './ui-helpers.js';
import { lookAt } from './axe.js';
import { holdRequests } from '../helpers/held-request.js';

/*
 * The UI end to end, as an investigator uses it: the built renderer, served
 * by `exhibit serve` over a real workspace, driven in real Chromium, with
 * captures of the project's own pages on 127.0.0.1.
 */

let rendererDir: string;
let browser: Browser;

beforeAll(async () => {
  rendererDir = ensureRendererBuilt();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the investigator’s path through the UI', () => {
  let ws: Workspace;
  let site: FixtureServer;
  let served: Served;
  let page: Page;
  let problems: string[];
  let captureId = '';
  /** axe-core's serious and critical findings, screen by screen */
  const a11y: string[] = [];

  beforeAll(async () => {
    ws = await newWorkspace(undefined, 'suite');
    site = await startFixtureServer({ ...ROUTES, '/dp/B0TEST1DE1': marketplacePage('amazon-de-listing') });
    const browser_ = browserPath();
    served = await startServe(ws, { rendererDir, ...(browser_ ? { browserPath: browser_ } : {}) });
    ({ page, problems } = await openUi(browser, served.url));
  });
  afterAll(async () => {
    await page?.context().close();
    await served?.close();
    await site?.close();
    await ws?.close();
  });

  it('opens on the workspace, in the browser’s language, with nothing in it yet', async () => {
    await expect.poll(() => page.url()).toBe(`${served.origin}/`);
    await page.getByRole('heading', { name: 'Workspace' }).waitFor();
    await page.getByText('No sellers yet: capture a listing.').waitFor();
    await page.getByText('Investigator: Jane Roe').waitFor();
    await lookAt(page, '01-empty-workspace', a11y);
  });

  it('saves the investigator’s name and organisation in Settings, and the top bar shows the name', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${served.origin}/#/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const name = page.getByLabel('Investigator name');
    const org = page.getByLabel('Organisation');
    expect(await name.inputValue()).toBe('Jane Roe');
    expect(await org.inputValue()).toBe('Acme Legal');
    await page.getByText('These names go into every capture and dossier', { exact: false }).waitFor();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true); // nothing changed yet
    await name.fill('Jane Roe-Martin');
    await org.fill('Acme Legal LLP');
    await save.click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await page.getByText('Investigator: Jane Roe-Martin').waitFor();
    await lookAt(page, '02-settings-saved', a11y);
    // Stored, not just shown: a fresh load reads it back.
    await page.reload();
    await page.getByText('Investigator: Jane Roe-Martin').waitFor();
    expect(await page.getByLabel('Organisation').inputValue()).toBe('Acme Legal LLP');
    await page.locator('a.brand').click();
    await page.getByRole('heading', { name: 'Workspace' }).waitFor();
  });

  it('creates a case from the sidebar', async () => {
    await page.getByRole('button', { name: '+ New case' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('Name').fill('Nordkap counterfeits');
    await dialog.getByLabel('Reference (optional)').fill('BR-2026-017');
    await lookAt(page, '03-new-case', a11y);
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The new case opens on its own page; the side bar marks it as the page shown.
    await page.getByRole('heading', { name: 'Nordkap counterfeits', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Nordkap counterfeits' }).getAttribute('aria-current')).toBe('page');
  });

  it('captures a listing page through the Capture dialog and shows where it was filed', async () => {
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture pages' });
    await dialog.getByLabel('Addresses, one per line').fill(`${site.url('/dp/B0TEST1DE1')}\n`);
    // The case whose page is open is preselected.
    expect(await dialog.getByLabel('Case').locator('option:checked').textContent()).toBe('Nordkap counterfeits');
    await dialog.getByRole('button', { name: 'Capture', exact: true }).click();
    await dialog.getByText('Capturing one page at a time…', { exact: false }).waitFor();
    await shot(page, '04-capturing');
    await dialog.getByText('Finished: 1 of 1 page.').waitFor({ timeout: 90_000 });
    await dialog.getByText('1 page complete', { exact: true }).waitFor();
    await dialog.getByText('1 of 1', { exact: true }).waitFor();
    const line = dialog.locator('.capture-outcomes tbody tr');
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.locator('.badge').textContent()).toBe('complete');
    expect(await line.textContent()).toContain('amazon:A1EXHIBITNORD1 (Nordlicht Handel GmbH)');
    await lookAt(page, '05-captured', a11y);
    captureId = decodeURIComponent((await line.getByRole('link', { name: 'Open' }).getAttribute('href'))!.replace('#/capture/', ''));
    expect(captureId).not.toBe('');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('lists the seller in the sidebar, finds it by the filter and opens its page', async () => {
    const sellers = page.getByRole('list', { name: 'Sellers' });
    const row = sellers.getByRole('link', { name: /Nordlicht Handel GmbH/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/amazon:A1EXHIBITNORD1.*1 capture/);
    await page.getByLabel('Filter sellers').fill('nobody like this');
    await page.getByText('No seller matches.').waitFor();
    await page.getByLabel('Filter sellers').fill('a1exhibit');
    await row.click();
    await page.getByRole('heading', { name: 'Nordlicht Handel GmbH', level: 1 }).waitFor();
    const listings = page.getByRole('region', { name: 'Listings' });
    expect(await listings.locator('tbody tr').count()).toBe(1);
    expect(await listings.locator('tbody tr').textContent()).toContain('amazon:B0TEST1DE1');
    expect(await listings.locator('tbody tr').textContent()).toContain('1234.56 EUR');
    expect(await page.getByRole('region', { name: 'Captures' }).locator('tbody tr').count()).toBe(1);
    await lookAt(page, '06-seller', a11y);
  });

  it('changes the seller’s status, with a note', async () => {
    await page.getByLabel('Status', { exact: true }).selectOption('reported');
    await page.getByLabel('Note (e.g. report number)').fill('Brand Registry complaint 4711');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.locator('.identity .status-control .badge').getByText('Reported').waitFor();
    await page.getByText('Brand Registry complaint 4711').waitFor();
    await page.getByRole('list', { name: 'Sellers' }).locator('.badge').getByText('Reported').waitFor();
  });

  it('opens the capture: the whole screenshot, where it came from, every file’s hash, the fields and the custody', async () => {
    await page.getByRole('region', { name: 'Captures' }).getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { name: /Capture/, level: 1 }).waitFor();
    expect(page.url()).toBe(`${served.origin}/#/capture/${encodeURIComponent(captureId)}`);
    // Shown as tiles cut from the stored screenshot, only those in view.
    const tiles = page.getByRole('region', { name: 'Full-page screenshot' }).locator('img[data-tile]');
    await expect.poll(() => tiles.count()).toBeGreaterThan(0);
    await expect.poll(() => tiles.first().evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number }; return i.complete ? i.naturalWidth : 0; })).toBeGreaterThan(0);
    const meta = page.getByRole('region', { name: 'Capture', exact: true });
    expect(await meta.textContent()).toContain(site.url('/dp/B0TEST1DE1'));
    expect(await meta.textContent()).toContain('127.0.0.1');
    expect(await meta.textContent()).toContain(captureId);
    const hashes = await page.getByRole('region', { name: 'Files and their SHA-256' }).locator('code.sha').allTextContents();
    expect(hashes.length).toBeGreaterThan(4);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByRole('region', { name: 'Chain of custody' }).textContent()).toContain('capture.stored');
    await lookAt(page, '07-capture', a11y);
    await page.getByRole('region', { name: 'Files and their SHA-256' }).scrollIntoViewIfNeeded();
    await page.locator('.capture-details').evaluate((el) => el.scrollBy(0, 200));
    await lookAt(page, '08-capture-files-and-custody', a11y);

    // At actual size a pixel of the capture is a pixel on screen: the page was captured 1366 px wide.
    await page.getByRole('button', { name: '100%' }).click();
    await expect.poll(() => page.locator('.tile-page').evaluate((el) => (el as unknown as { clientWidth: number }).clientWidth)).toBe(1366);
    await expect.poll(() => tiles.first().evaluate((img) => (img as unknown as { clientWidth: number }).clientWidth)).toBe(512);
    await lookAt(page, '09-screenshot-actual-size', a11y);
    await page.getByRole('button', { name: 'Fit width' }).click();
  });

  it('corrects the price with a reason: the correction is marked and the extracted value stays in view', async () => {
    const fields = page.getByRole('region', { name: 'Fields read from the page' });
    const price = fields.locator('tr[data-field="price"]');
    expect(await price.textContent()).toContain('1234.56');
    await price.getByRole('button', { name: 'Correct: Price' }).click();
    const form = fields.getByRole('form', { name: 'Correct: Price' });
    await form.getByLabel('Corrected value').fill('1199.00');
    await form.getByLabel('Reason').fill('The page shows 1.199,00 € after the coupon, see screenshot');
    await lookAt(page, '10-correcting', a11y);
    await form.getByRole('button', { name: 'Save correction' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => price.getAttribute('class')).toContain('corrected-row');
    expect(await price.locator('.corrected-value').textContent()).toBe('1199.00');
    expect(await price.locator('.corrected-mark').textContent()).toBe('corrected');
    expect(await price.locator('.extracted-was').textContent()).toBe('extracted: 1234.56');
    expect(await price.locator('.correction-reason').textContent()).toContain('after the coupon');
    await page.getByRole('region', { name: 'Chain of custody' }).getByText('field.corrected').waitFor();
    await lookAt(page, '11-corrected', a11y, price);
  });

  it('makes the seller’s dossier and verifies it, exhibit by exhibit', async () => {
    await page.getByRole('link', { name: '← Seller' }).click();
    await page.getByRole('heading', { name: 'Nordlicht Handel GmbH', level: 1 }).waitFor();
    // The corrected price is what the listing now shows.
    await page.getByRole('region', { name: 'Listings' }).getByText('1199.00 EUR').waitFor();
    await page.getByRole('button', { name: 'Dossier…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dossier: Nordlicht Handel GmbH' });
    await dialog.getByLabel('signed manifests').check();
    await dialog.getByLabel('Bates prefix (optional)').fill('NORD');
    await dialog.getByRole('button', { name: 'Make dossier' }).click();
    const made = dialog.getByRole('region', { name: 'Dossier made' });
    await made.waitFor({ timeout: 90_000 });
    expect(await made.textContent()).toMatch(/dossier-.*\.pdf/);
    expect(Number(await made.locator('dt:has-text("Pages") + dd').textContent())).toBeGreaterThan(3);
    expect(await made.locator('dt:has-text("SHA-256") + dd').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await made.getByRole('button', { name: 'Verify this dossier' }).click();
    await made.getByText('OK: every exhibit is as captured.').waitFor({ timeout: 60_000 });
    const exhibits = made.locator('table.exhibits tbody tr');
    expect(await exhibits.count()).toBe(1);
    expect(await exhibits.first().textContent()).toMatch(/^A-1.*OK$/);
    await lookAt(page, '12-dossier-verified', a11y);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  });

  it('finds the capture by full-text search', async () => {
    await page.getByLabel('Search captured pages').first().fill('Thermoskanne');
    await page.getByLabel('Search captured pages').first().press('Enter');
    const results = page.getByRole('region', { name: 'Search captured pages' });
    await results.getByText(/1 matching capture/).waitFor();
    expect(await results.locator('mark').first().textContent()).toMatch(/Thermoskanne/i);
    await lookAt(page, '13-search', a11y);
    await results.getByRole('link').first().click();
    await expect.poll(() => page.url()).toBe(`${served.origin}/#/capture/${encodeURIComponent(captureId)}`);
    await results.waitFor({ state: 'detached' });
  });

  it('captures a batch: progress, each outcome as it comes, a summary by outcome, and the API’s refusal of a bad one', async () => {
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture pages' });
    // Blank lines are not addresses; the file: one is the API's to refuse.
    await dialog.getByLabel('Addresses, one per line').fill(`${site.url('/dp/B0TEST1DE1')}\n\n   \nfile:///etc/passwd\n${site.url('/gone')}\n`);
    // Not on the case's page now: the case is chosen in the dialog.
    await dialog.getByLabel('Case').selectOption({ label: 'Nordkap counterfeits' });
    await dialog.getByRole('button', { name: 'Capture', exact: true }).click();
    const rows = dialog.locator('.capture-outcomes tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await dialog.getByText('of 3', { exact: false }).first().waitFor();
    await shot(page, '14-batch-running');
    await dialog.getByText('Finished: 3 of 3 pages.').waitFor({ timeout: 120_000 });
    expect(await dialog.locator('.batch-count').textContent()).toBe('3 of 3');
    expect(await dialog.getByRole('progressbar', { name: 'Pages captured so far' }).getAttribute('aria-valuenow')).toBe('3');
    // Said by outcome: the refused address is an error, the removed page is not "captured" in green.
    expect(await dialog.getByRole('list', { name: 'Outcome' }).locator('li').allTextContents()).toEqual(['1 page complete', '1 page not found or removed', '1 error: nothing of the page was captured']);
    expect(await dialog.locator('.batch-summary li[data-group="error"]').getAttribute('class')).toBe('batch-bad');
    expect(await rows.nth(0).getAttribute('data-state')).toBe('stored');
    expect(await rows.nth(0).locator('.badge').textContent()).toBe('complete');
    expect(await rows.nth(0).textContent()).toContain('Nordlicht Handel GmbH');
    expect(await rows.nth(1).getAttribute('data-state')).toBe('refused');
    expect(await rows.nth(1).locator('.refusal').textContent()).toBe('Refused "file:///etc/passwd": the file: scheme is not captured: only http and https pages are.');
    expect(await rows.nth(2).getAttribute('data-state')).toBe('stored');
    expect(await rows.nth(2).locator('.badge').textContent()).toBe('removed (410)');
    await lookAt(page, '15-batch-done', a11y);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('makes the dossier of the case from its page, opened from the side bar, and verifies it', async () => {
    await page.getByRole('button', { name: 'Nordkap counterfeits' }).click();
    await page.getByRole('heading', { name: 'Nordkap counterfeits', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Make its dossier…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dossier: case Nordkap counterfeits' });
    await dialog.getByLabel('nothing (printed hashes only)').check();
    await dialog.getByLabel('Bates prefix (optional)').fill('NKC');
    await dialog.getByRole('button', { name: 'Make dossier' }).click();
    const made = dialog.getByRole('region', { name: 'Dossier made' });
    await made.waitFor({ timeout: 90_000 });
    expect(Number(await made.locator('dt:has-text("Exhibits") + dd').textContent())).toBe(3);
    await made.getByRole('button', { name: 'Verify this dossier' }).click();
    await made.getByText('OK: every exhibit is as captured.').waitFor({ timeout: 60_000 });
    expect(await made.locator('table.exhibits tbody tr').count()).toBe(3);
    await lookAt(page, '16-case-dossier-verified', a11y);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('makes a dossier of captures chosen on the seller’s timeline, and verifies it', async () => {
    await page.getByRole('list', { name: 'Sellers' }).getByRole('link', { name: /Nordlicht Handel GmbH/ }).click();
    await page.getByRole('heading', { name: 'Nordlicht Handel GmbH', level: 1 }).waitFor();
    const timeline = page.getByRole('region', { name: 'Captures' });
    await expect.poll(() => timeline.locator('tbody tr').count()).toBe(2);
    const make = timeline.getByRole('button', { name: /^Dossier of \d+ chosen/ });
    expect(await make.textContent()).toBe('Dossier of 0 chosen…');
    expect(await make.isDisabled()).toBe(true);
    const boxes = timeline.locator('tbody input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    expect(await timeline.getByRole('checkbox', { name: 'Choose every capture' }).isChecked()).toBe(true);
    expect(await make.textContent()).toBe('Dossier of 2 chosen…');
    await lookAt(page, '17-captures-chosen', a11y);
    await make.click();
    const dialog = page.getByRole('dialog', { name: 'Dossier: 2 chosen captures' });
    await dialog.getByRole('button', { name: 'Make dossier' }).click();
    const made = dialog.getByRole('region', { name: 'Dossier made' });
    await made.waitFor({ timeout: 90_000 });
    expect(Number(await made.locator('dt:has-text("Exhibits") + dd').textContent())).toBe(2);
    await made.getByRole('button', { name: 'Verify this dossier' }).click();
    await made.getByText('OK: every exhibit is as captured.').waitFor({ timeout: 60_000 });
    expect(await made.locator('table.exhibits tbody tr').count()).toBe(2);
    await lookAt(page, '18-chosen-dossier-verified', a11y);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('cancels a batch within seconds: what was captured stays, the pages under way are recorded as cancelled, the rest not started', async () => {
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture pages' });
    const urls = [1, 2, 3, 4, 5].map((n) => site.url(`/listing?batch=${n}`));
    await dialog.getByLabel('Addresses, one per line').fill(urls.join('\n'));
    await dialog.getByLabel('Pages at once').selectOption('1');
    await dialog.getByRole('button', { name: 'Capture', exact: true }).click();
    const rows = dialog.locator('.capture-outcomes tbody tr');
    await rows.nth(0).and(page.locator('[data-state="stored"]')).waitFor({ timeout: 90_000 });
    const pressed = Date.now();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await shot(page, '19-batch-cancelling');
    const cancelled = dialog.getByText(/^Cancelled: \d of 5 pages done\. What was captured stays in the workspace\.$/);
    await cancelled.waitFor({ timeout: 15_000 });
    expect(Date.now() - pressed).toBeLessThan(15_000);
    const states = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-state')));
    const stored = states.filter((x) => x === 'stored').length;
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(stored).toBeLessThanOrEqual(2); // the first, and the one under way when Cancel was pressed (sealed as cancelled)
    expect(states.slice(stored).every((x) => x === 'skipped' || x === 'cancelled')).toBe(true);
    expect(await rows.last().textContent()).toContain('not captured (cancelled)');
    // What was stored before and at the cancel is in the workspace.
    const inWorkspace = await ws.db.all<{ requested_url: string }>("SELECT requested_url FROM captures WHERE requested_url LIKE '%/listing?batch=%'");
    expect(inWorkspace.length).toBe(stored);
    await lookAt(page, '20-batch-cancelled', a11y);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('verifies the workspace: OK, then the one altered object, located', async () => {
    // The check is held at the server's door until the running state has been seen: a small workspace verifies too fast to look at.
    const held = await holdRequests(page, '**/api/verify.start');
    await page.getByRole('button', { name: 'Verify workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify workspace' });
    // While it runs: a bar that does not pretend to know how far, and no second run.
    await dialog.getByRole('progressbar', { name: 'Verifying the workspace' }).waitFor();
    await dialog.getByText('Checking every file… this can take minutes on a large workspace.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Verify again' }).isDisabled()).toBe(true);
    await shot(page, '21-verify-running');
    await held.release();
    await dialog.getByText('OK: nothing altered, nothing missing.').waitFor({ timeout: 60_000 });
    await lookAt(page, '22-verify-ok', a11y);

    // One byte of one stored file changes on disk, behind Exhibit's back.
    const text = (await ws.db.get<{ sha256: string }>("SELECT sha256 FROM artifacts WHERE capture_id = ? AND name = 'text.txt'", [captureId]))!.sha256;
    const file = ws.store.pathOf(text);
    expect(file).toMatch(new RegExp(`objects[/\\\\]${text.slice(0, 2)}[/\\\\]${text}$`));
    const bytes = await fs.readFile(file);
    bytes[0] = bytes[0]! ^ 0x01;
    await fs.chmod(file, 0o644);
    await fs.writeFile(file, bytes);

    await dialog.getByRole('button', { name: 'Verify again' }).click();
    await dialog.locator('.verdict.bad').waitFor({ timeout: 60_000 });
    expect(await dialog.locator('.verdict.bad').textContent()).toMatch(/problems? found/);
    const rows = await dialog.locator('table.problems tbody tr').allTextContents();
    expect(rows.some((r) => r.includes(text))).toBe(true);
    await lookAt(page, '23-verify-altered', a11y);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  });

  it('speaks French when asked', async () => {
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/capture/${encodeURIComponent(captureId)}`)}`);
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await page.getByRole('button', { name: 'Capturer', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Données relevées sur la page' }).getByText('corrigée', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await lookAt(page, '24-capture-fr', a11y);
    await page.getByRole('button', { name: 'Réglages', exact: true }).click();
    await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
    expect(await page.getByLabel("Nom de l'enquêteur").inputValue()).toBe('Jane Roe-Martin');
    await page.getByText('Ces noms figurent dans chaque capture et chaque dossier', { exact: false }).waitFor();
    await lookAt(page, '25-settings-fr', a11y);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('ran without a script error or a CSP violation', () => {
    expect(problems).toEqual([]);
  });

  it('is clean of serious and critical axe-core findings on every screen it looked at', () => {
    expect(a11y).toEqual([]);
  });
});

describe('a workspace with 10,000 sellers', () => {
  let ws: Workspace;
  let served: Served;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ws = await newWorkspace(undefined, 'suite');
    await ws.db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
      INSERT INTO sellers (id, marketplace, seller_key, display_name, created_at, capture_count, last_seen)
      SELECT printf('bulk%05d', i), 'ebay', printf('bulk_seller_%05d', i), printf('Bulk Seller %05d', i), '2026-01-01T00:00:00.000Z', i % 7,
             printf('2026-01-01T%02d:%02d:%02d.000Z', 23 - (i / 3600) % 24, 59 - (i / 60) % 60, 59 - i % 60)
      FROM n`);
    served = await startServe(ws, { rendererDir });
    // A French browser: the UI starts in French.
    ({ page, problems } = await openUi(browser, served.url, 'fr-FR'));
  });
  afterAll(async () => {
    await page?.context().close();
    await served?.close();
    await ws?.close();
  });

  it('scrolls the seller list with the wheel, keeping only the rows in view in the page', async () => {
    const list = page.getByRole('list', { name: 'Vendeurs' });
    await list.getByText('Bulk Seller 00001').waitFor();
    expect(await page.locator('.side-head .count').last().textContent()).toBe('10000');
    const rows = list.locator('.seller-row');
    const bounded = async () => {
      const n = await rows.count();
      expect(n).toBeGreaterThan(5);
      expect(n).toBeLessThan(60);
    };
    await bounded();
    await shot(page, '26-sellers-10000-fr');

    const box = (await list.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const started = Date.now();
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 2400);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(40 * 2400 - 1000);
    await bounded();
    // 96,000 px down at 48 px a row: the 2,000th seller or so is in view, and was rendered.
    const first = Number((await rows.first().textContent())!.match(/Bulk Seller (\d+)/)![1]);
    expect(first).toBeGreaterThan(1900);
    expect(first).toBeLessThan(2100);
    expect(Date.now() - started).toBeLessThan(15_000);

    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await list.getByText('Bulk Seller 10000').waitFor();
    await bounded();
    await shot(page, '27-sellers-10000-end');

    // The filter narrows all ten thousand, not just the rows on screen.
    await page.getByLabel('Filtrer les vendeurs').fill('seller 0424');
    await expect.poll(() => rows.count()).toBe(11); // 00424 and 04240…04249
    expect(await page.locator('.side-head .count').last().textContent()).toBe('11 sur 10000');
    await list.getByText('Bulk Seller 04249').waitFor();
  });

  it('ran without a script error or a CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
