import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { openHubDatabase } from '../../electron/core/hub/db.js';
import { stampPending } from '../../electron/core/timestamp/stamper.js';
import { addAuthority, removeAuthority } from '../../electron/core/workspace/timestamps.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../helpers/catalogue.js';
import { exhibit } from '../helpers/cli.js';
import { png } from '../helpers/png.mjs';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startS3, type TestS3 } from '../helpers/s3.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';
import { newWorkspace } from '../helpers/workspace.js';
import { startHubServe } from '../helpers/hub-serve.js';
import { axeProblems, lookAt } from '../e2e/axe.js';
import { correctField } from '../../electron/core/catalogue/corrections.js';
import { ensureRendererBuilt, launch, openUi, shot } from '../e2e/ui-helpers.js';

const missing = postgresMissing();
if (missing) console.warn(`hub UI tests skipped: ${missing}`);

let pg: TestPostgres;
let s3: TestS3;
let tsa: Tsa;
let dbUrl: string;
let hub: ChildProcess | null = null;
let hubUrl = '';
let browser: Browser;
const tokens: Record<string, string> = {};
const workspaces: Workspace[] = [];
/** Investigator A's workspace (Jane pushes it) and Investigator B's (Max pushes it). */
const byInvestigator: { a?: Workspace; b?: Workspace } = {};

const hubArgs = () => ['--database', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
const s3Env = () => ({ AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: 'us-east-1' });
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** A page's full-page screenshot: a tall PNG, its colour telling the captures apart. */
const screenshot = (shade: number) => png(900, 1400, (x, y) => (y < 120 ? [30, 60, 120] : x % 100 < 4 ? [200, 200, 200] : [255, shade, 255 - shade]));

/** A workspace of one investigator, time-stamped by the test authority, with captures of its own seller and of the seller both workspaces saw. */
async function investigatorWorkspace(who: string, seller: string, shade: number): Promise<Workspace> {
  const ws = await newWorkspace({ investigator: who, organisation: 'Acme' }, 'suite');
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
  const added = await addAuthority(ws.db, { url: tsa.url, name: 'Hub UI Test TSA', rootPem: tsa.rootPem });
  if (!added.ok) throw new Error('tsa add failed');
  const shot = { name: 'screenshot-full.png', kind: 'screenshot-full', mediaType: 'image/png', source: screenshot(shade) };
  await fileCapture(ws, listingExtraction({ listingId: `${shade}100`, sellerId: seller, sellerName: seller, title: `Bag from ${seller}` }), { artifacts: [shot], text: `${who} saw ${seller}` });
  await fileCapture(ws, listingExtraction({ listingId: `${shade}200`, sellerId: 'shared_seller', sellerName: 'Shared Seller', title: `Shared bag seen by ${who}` }), { artifacts: [shot], text: `${who} saw the shared seller` });
  expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
  workspaces.push(ws);
  return ws;
}

async function addUser(name: string, role: string): Promise<string> {
  const r = await exhibit(['hub', 'user', 'add', name, '--role', role, '--json', ...hubArgs()], s3Env());
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { token: string }).token;
}

async function api(op: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${hubUrl}/api/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe.skipIf(missing !== undefined)('exhibit hub serve: the app, read-only, over the hub (PostgreSQL, S3) in Chromium', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    [pg, s3, tsa] = await Promise.all([startPostgres(), startS3(['evidence']), startTsa({ name: 'Hub UI Test TSA' })]);
    dbUrl = pg.createDatabase('hub_ui');
    const rootsFile = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-ui-roots-')), 'roots.pem');
    writeFileSync(rootsFile, tsa.rootPem);
    const init = await exhibit(['hub', 'init', '--tsa-roots', rootsFile, ...hubArgs()], s3Env());
    expect(init.code, init.stderr).toBe(0);
    tokens.jane = await addUser('Jane Roe', 'investigator');
    tokens.max = await addUser('Max Mustermann', 'investigator');
    tokens.lou = await addUser('Lou Lawyer', 'lawyer');
    ({ process: hub, url: hubUrl } = await startHubServe(['--name', 'Acme brand protection', ...hubArgs()], s3Env()));
    const [a, b] = await Promise.all([investigatorWorkspace('Investigator A', 'luxury_deals_88', 40), investigatorWorkspace('Investigator B', 'bags4less', 200)]);
    Object.assign(byInvestigator, { a, b });
    for (const [ws, token] of [
      [a, tokens.jane],
      [b, tokens.max],
    ] as const) {
      const pushed = await exhibit(['push', '--hub', hubUrl, '--token', token!, '--workspace', ws.dir, '--json']);
      expect(pushed.code, pushed.stderr).toBe(0);
    }
    browser = await launch();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    hub?.kill('SIGTERM');
    await Promise.all(workspaces.map((w) => w.close()));
    pg?.stop();
    await Promise.all([s3?.stop(), tsa?.close()]);
  });

  it("a lawyer opens the hub: the team's sellers from both workspaces, a seller's captures with who pushed each, a capture's screenshot, files, hashes, signature and time-stamp; a file downloaded through the page's link has the hash the page shows", async () => {
    const { page, problems } = await openUi(browser, `${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}`);
    const found: string[] = [];
    // The first screen: the hub's name, who is signed in, and every seller the team pushed.
    await expect.poll(() => page.locator('.hub-name').textContent(), { timeout: 30_000 }).toBe('Team hub: Acme brand protection');
    await expect.poll(() => page.getByTestId('hub-user').textContent(), { timeout: 30_000 }).toBe('Signed in as Lou Lawyer (lawyer)');
    await expect.poll(() => page.locator('.hub-sellers tbody tr').count(), { timeout: 30_000 }).toBe(3);
    const sidebar = await page.locator('.seller-list').textContent();
    for (const s of ['Shared Seller', 'luxury_deals_88', 'bags4less']) expect(sidebar).toContain(s);
    expect(await page.locator('.hub-home .subtitle').textContent()).toBe('3 seller(s), 4 capture(s), pushed by 2 person(s) from 2 workspace(s).');
    // What the hub cannot do is not offered: no capture, verify, settings, watches or cases.
    for (const name of ['Capture', 'Verify workspace', 'Settings']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await page.locator('.work-nav').count()).toBe(0);
    await shot(page, 'hub-home');
    found.push(...(await axeProblems(page)).map((p) => `home: ${p}`));

    // The seller both investigators captured: its captures, each with who pushed it.
    await page.locator('.hub-sellers a', { hasText: 'Shared Seller' }).click();
    await expect.poll(() => page.locator('.seller-page h1').textContent(), { timeout: 30_000 }).toBe('Shared Seller');
    await expect.poll(() => page.locator('table.timeline tbody tr').count(), { timeout: 30_000 }).toBe(2);
    const pushedBy = await page.locator('table.timeline td.pushed-by').allTextContents();
    expect(pushedBy.sort()).toEqual(['Jane Roe (captured by Investigator A)', 'Max Mustermann (captured by Investigator B)']);
    expect(await page.locator('.seller-page').textContent()).toContain('Shared bag seen by Investigator B');
    // Each capture's thumbnail, cut from its screenshot in the hub's store.
    await expect
      .poll(() => page.locator('img.thumb-frame').evaluateAll((imgs) => imgs.filter((i) => (i as unknown as { complete: boolean; naturalWidth: number }).complete && (i as unknown as { naturalWidth: number }).naturalWidth > 0).length), { timeout: 60_000 })
      .toBe(2);
    await shot(page, 'hub-seller');
    found.push(...(await axeProblems(page)).map((p) => `seller: ${p}`));
    // The same seller by the MARKETPLACE:ID a colleague would paste into the address.
    const sellerUrl = page.url();
    await page.goto(sellerUrl.replace(/#.*$/, '#/seller/ebay%3Ashared_seller'));
    await expect.poll(() => page.locator('.seller-page h1').textContent(), { timeout: 30_000 }).toBe('Shared Seller');
    await page.goto(sellerUrl);
    await expect.poll(() => page.locator('.seller-page h1').textContent(), { timeout: 30_000 }).toBe('Shared Seller');

    // Max's capture: the screenshot (tiles from the hub's store), its files with their hashes, the signature and time-stamp checked.
    const maxRow = page.locator('table.timeline tbody tr', { hasText: 'Max Mustermann' });
    await maxRow.locator('td.nowrap a').first().click();
    await expect.poll(() => page.getByTestId('hub-pushed-by').textContent(), { timeout: 30_000 }).toBe('Max Mustermann');
    expect(await page.getByTestId('hub-signature').textContent()).toBe('Valid: the manifest verifies with the key of the workspace that captured it.');
    await expect.poll(() => page.getByTestId('stamp-token').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('stamp-token').textContent()).toMatch(/Hub UI Test TSA/);
    const shotSha = sha256(screenshot(200));
    await expect.poll(() => page.locator('tr.artifact-hash code.sha').allTextContents(), { timeout: 30_000 }).toContain(shotSha);
    // The viewer's tiles arrive, as images, from the hub.
    await expect
      .poll(() => page.locator('.capture-page img').evaluateAll((imgs) => imgs.filter((i) => (i as unknown as { complete: boolean; naturalWidth: number }).complete && (i as unknown as { naturalWidth: number }).naturalWidth > 0).length), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await shot(page, 'hub-capture');
    await page.locator('tr.artifact[data-artifact="text.txt"]').scrollIntoViewIfNeeded();
    await shot(page, 'hub-capture-files');
    found.push(...(await axeProblems(page)).map((p) => `capture: ${p}`));

    // The text file, downloaded through the page's own link: the bytes the page's hash names.
    const link = page.locator('a[aria-label="Download text.txt"]');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/artifact\/.+\/text\.txt\?download&token=/);
    const shown = (await page.locator('tr.artifact[data-artifact="text.txt"] + tr.artifact-hash code.sha').textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.toString('utf8')).toMatch(/^Investigator B saw the shared seller #\d+$/);
    expect(sha256(bytes)).toBe(shown);

    expect(problems).toEqual([]);
    expect(found).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('in French, the hub says whose it is and who pushed each capture', async () => {
    const { page, problems } = await openUi(browser, `${hubUrl}/?token=${encodeURIComponent(tokens.jane!)}`, 'fr-FR');
    await expect.poll(() => page.locator('.hub-name').textContent(), { timeout: 30_000 }).toBe('Hub de l’équipe : Acme brand protection');
    await expect.poll(() => page.getByTestId('hub-user').textContent(), { timeout: 30_000 }).toBe('Connecté en tant que Jane Roe (enquêteur)');
    await page.locator('.hub-sellers a', { hasText: 'Shared Seller' }).click();
    await expect.poll(() => page.locator('table.timeline td.pushed-by').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator('table.timeline thead').textContent()).toContain('Envoyé par');
    expect((await page.locator('table.timeline td.pushed-by').allTextContents()).sort()).toEqual(['Jane Roe (capturé par Investigator A)', 'Max Mustermann (capturé par Investigator B)']);
    await shot(page, 'hub-seller-fr');
    expect(await axeProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('every request needs a person’s token; what the hub does not do is refused, in words, and the push protocol still answers', async () => {
    expect((await api('sellers.list', {}, {})).status).toBe(401);
    expect((await api('sellers.list', {}, { 'X-Exhibit-Token': 'exh_not-a-token' })).status).toBe(401);
    expect((await fetch(`${hubUrl}/`)).status).toBe(401);
    expect((await fetch(`${hubUrl}/?token=wrong`)).status).toBe(401);
    // Evidence too: a file's bytes are not given without a token.
    const listed = (await (await api('sellers.list', {}, { 'X-Exhibit-Token': tokens.lou! })).json()) as { ok: true; value: { id: string; sellerKey: string }[] };
    expect(listed.ok).toBe(true);
    expect(listed.value.map((s) => s.sellerKey).sort()).toEqual(['bags4less', 'luxury_deals_88', 'shared_seller']);
    const shared = listed.value.find((s) => s.sellerKey === 'shared_seller')!;
    const detail = (await (await api('sellers.get', { ref: 'ebay:shared_seller' }, { 'X-Exhibit-Token': tokens.lou! })).json()) as { ok: true; value: { seller: { id: string }; captures: { id: string }[] } };
    expect(detail.value.seller.id).toBe(shared.id);
    const captureId = detail.value.captures[0]!.id;
    expect((await fetch(`${hubUrl}/artifact/${captureId}/text.txt`)).status).toBe(401);
    expect((await fetch(`${hubUrl}/artifact/${captureId}/text.txt?token=wrong`)).status).toBe(401);
    expect((await fetch(`${hubUrl}/artifact/${captureId}/text.txt?token=${encodeURIComponent(tokens.lou!)}`)).status).toBe(200);
    // A name the signed manifest does not give is no file, whatever the store holds.
    expect((await fetch(`${hubUrl}/artifact/${captureId}/..%2Fmanifest.json?token=${encodeURIComponent(tokens.lou!)}`)).status).toBe(404);
    // Another origin's page cannot use a token it got hold of.
    expect((await api('sellers.list', {}, { 'X-Exhibit-Token': tokens.lou!, Origin: 'http://evil.example' })).status).toBe(403);

    for (const [op, input] of [
      ['captures.capture', { urls: ['https://www.ebay.com/itm/1'] }],
      ['sellers.setStatus', { ref: shared.id, status: 'reported' }],
      ['dossier.start', { selection: { kind: 'seller', ref: shared.id }, lang: 'en', attach: 'none' }],
      ['settings.update', { investigator: 'Someone else' }],
    ] as const) {
      const r = (await (await api(op, input, { 'X-Exhibit-Token': tokens.jane! })).json()) as { ok: boolean; error: { kind: string; message: string } };
      expect(r).toEqual({ ok: false, error: { kind: 'refused', message: `${op}: not available on the team hub: use the desktop app or exhibit serve.` } });
    }
    // An unknown operation or bad input is still the contract's answer, not a crash.
    expect(((await (await api('no.such', {}, { 'X-Exhibit-Token': tokens.jane! })).json()) as { error: { kind: string } }).error.kind).toBe('invalid-input');
    // The push protocol and its own listing are unchanged beside the app.
    const v1 = await fetch(`${hubUrl}/v1/sellers`, { headers: { Authorization: `Bearer ${tokens.lou!}` } });
    expect(v1.status).toBe(200);
    expect(((await v1.json()) as unknown[]).length).toBe(3);
    // The hub still verifies: reading it through the app changed nothing.
    const verified = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  }, 120_000);

  it("a capture whose signature was altered in the hub's database is shown as not verifying, as hub verify finds it", async () => {
    const pool = openHubDatabase(dbUrl);
    try {
      const detail = (await (await api('sellers.get', { ref: 'ebay:bags4less' }, { 'X-Exhibit-Token': tokens.lou! })).json()) as { value: { captures: { id: string }[] } };
      const id = detail.value.captures[0]!.id;
      const before = (await (await api('captures.get', { id }, { 'X-Exhibit-Token': tokens.lou! })).json()) as { value: { hub: { signature: string } } };
      expect(before.value.hub.signature).toBe('valid');
      // Another workspace's signature: well formed, and not this manifest's.
      await pool.query('UPDATE hub_captures SET signature = (SELECT signature FROM hub_captures WHERE id <> $1 LIMIT 1) WHERE id = $1', [id]);
      const after = (await (await api('captures.get', { id }, { 'X-Exhibit-Token': tokens.lou! })).json()) as { value: { hub: { signature: string } } };
      expect(after.value.hub.signature).toBe('invalid');
      const { page, problems } = await openUi(browser, `${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}#/capture/${encodeURIComponent(id)}`);
      await expect.poll(() => page.getByTestId('hub-signature').textContent(), { timeout: 30_000 }).toBe('Does not verify with the workspace’s key: do not rely on this capture; run exhibit hub verify.');
      expect(problems).toEqual([]);
      await page.context().close();
      const verified = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
      expect(verified.code).toBe(1);
      expect(verified.stdout).toContain(`PROBLEM  capture ${id}: the manifest's signature does not verify with its workspace's key`);
    } finally {
      await pool.end();
    }
  }, 120_000);

  it("a listing captured in both workspaces: its page on the hub lists each capture, oldest first, with the title, price and seller its signed extracted.json gives (a workspace's correction shown as such) and who pushed it; search finds it by title, seller and address; the capture shows its extracted fields", async () => {
    const { a, b } = byInvestigator as Required<typeof byInvestigator>;
    const item = (title: string, price: string) => listingExtraction({ listingId: '5550001', sellerId: 'shared_seller', sellerName: 'Shared Seller', title, price, currency: 'EUR' });
    const shotOf = (shade: number) => ({ name: 'screenshot-full.png', kind: 'screenshot-full', mediaType: 'image/png', source: screenshot(shade) });
    const first = await fileCapture(a, item('Marmont shoulder bag', '120.00'), { startedAt: '2026-11-02T09:00:00.000Z', text: 'Jane saw the Marmont bag', artifacts: [shotOf(90)] });
    // Jane corrects the price in her workspace before she pushes: a custody entry (field.corrected) the hub reads back.
    const corrected = await correctField(a.db, first.id, 'price', '110.00', 'the sale banner shows 110.00');
    expect(corrected.ok).toBe(true);
    const second = await fileCapture(b, item('Marmont shoulder bag SALE', '99.00'), { startedAt: '2026-11-03T09:00:00.000Z', text: 'Max saw the Marmont bag', artifacts: [shotOf(160)] });
    for (const [ws, token] of [
      [a, tokens.jane],
      [b, tokens.max],
    ] as const) {
      expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
      const pushed = await exhibit(['push', '--hub', hubUrl, '--token', token!, '--workspace', ws.dir, '--json']);
      expect(pushed.code, pushed.stderr).toBe(0);
    }
    const h = { 'X-Exhibit-Token': tokens.lou! };

    // The API: the listing by MARKETPLACE:ID, its two captures oldest first, each with its values and who pushed it.
    const tl = (await (await api('timeline.listing', { ref: 'ebay:5550001' }, h)).json()) as { ok: true; value: { listing: { id: string }; events: { kind: string; captureId: string; changes: { field: string; before: unknown; after: unknown }[] }[]; hub: Record<string, { pushedBy: string; price: string | null; title: string | null }> } };
    expect(tl.ok).toBe(true);
    expect(tl.value.events.map((e) => [e.kind, e.captureId])).toEqual([
      ['first-seen', first.id],
      ['changed', second.id],
    ]);
    expect(tl.value.events[1]!.changes).toEqual([
      { field: 'price', before: '110.00 EUR', after: '99.00 EUR' },
      { field: 'title', before: 'Marmont shoulder bag', after: 'Marmont shoulder bag SALE' },
    ]);
    expect(tl.value.hub[first.id]).toMatchObject({ pushedBy: 'Jane Roe', price: '110.00', title: 'Marmont shoulder bag' });
    expect(tl.value.hub[second.id]).toMatchObject({ pushedBy: 'Max Mustermann', price: '99.00' });
    const listed = (await (await api('listings.list', {}, h)).json()) as { value: { id: string; listingKey: string; captures: number }[] };
    expect(listed.value.find((l) => l.listingKey === '5550001')).toMatchObject({ id: tl.value.listing.id, captures: 2 });
    const missing = (await (await api('timeline.listing', { ref: 'ebay:0000' }, h)).json()) as { ok: false; error: { kind: string } };
    expect(missing.error.kind).toBe('not-found');
    // Search by the seller's key, the listing's address, and words of its titles (every word must match; LIKE's % is literal), newest first.
    const searchFor = async (text: string) => ((await (await api('search', { text }, h)).json()) as { value: { hits: { captureId: string; snippet: string }[] } }).value.hits;
    expect((await searchFor('SHOULDER marmont')).map((x) => x.captureId)).toEqual([second.id, first.id]);
    expect((await searchFor('marmont handbag')).length).toBe(0);
    expect((await searchFor('ebay.com/itm/5550001')).map((x) => x.captureId)).toEqual([second.id, first.id]);
    expect((await searchFor('shared_seller')).length).toBe(4);
    expect((await searchFor('marmont%sale')).length).toBe(0);
    // The passage shown is the capture's own title: Max's page said SALE, which the title the hub catalogued (Jane's) does not.
    expect((await searchFor('marmont'))[0]!.snippet).toBe('[Marmont] shoulder bag SALE');
    expect((await searchFor('sale')).map((x) => [x.captureId, x.snippet])).toEqual([[second.id, 'Marmont shoulder bag [SALE]']]);

    // The two screenshots compared from the hub's copies of their strips: the page body differs, the header band does not.
    const compared = (await (await api('captures.compare', { before: first.id, after: second.id }, h)).json()) as { ok: true; value: { share: number; regions: unknown[]; after: { height: number } } };
    expect(compared.ok).toBe(true);
    expect(compared.value.after.height).toBe(1400);
    expect(compared.value.share).toBeGreaterThan(0.8);
    expect(compared.value.share).toBeLessThan(1);
    expect(compared.value.regions.length).toBeGreaterThan(0);
    const itself = (await (await api('captures.compare', { before: second.id, after: second.id }, h)).json()) as { value: { share: number } };
    expect(itself.value.share).toBe(0);

    // In Chromium: the seller's page gives each listing's latest price, its listings' history merged, and links to the listing's page.
    const { page, problems } = await openUi(browser, `${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}#/seller/ebay%3Ashared_seller`);
    const found: string[] = [];
    const listingRow = page.locator('tr', { has: page.locator('a', { hasText: 'ebay:5550001' }) });
    await expect.poll(() => listingRow.locator('td.num').first().textContent(), { timeout: 30_000 }).toBe('99.00 EUR');
    await expect.poll(() => page.locator('.seller-page table.events tbody tr').count(), { timeout: 30_000 }).toBe(4);
    expect(await page.locator('.seller-page table.events tr[data-event="changed"]').textContent()).toContain('ebay:5550001');
    await lookAt(page, 'hub-seller-timeline', found, page.locator('.seller-page table.events'));
    await page.locator('a', { hasText: 'ebay:5550001' }).first().click();
    await expect.poll(() => page.locator('.listing-page h1').textContent(), { timeout: 30_000 }).toMatch(/^Marmont shoulder bag/);
    const rows = page.locator('table.hub-listing-captures tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    expect(await rows.locator('td.pushed-by').allTextContents()).toEqual(['Jane Roe (captured by Investigator A)', 'Max Mustermann (captured by Investigator B)']);
    // Jane's price is her correction, and says so; Max's is the page's.
    expect(await rows.locator('td.price').allTextContents()).toEqual(['110.00 EUR corrected', '99.00 EUR']);
    expect(await rows.locator('.title').allTextContents()).toEqual(['Marmont shoulder bag', 'Marmont shoulder bag SALE']);
    expect(await rows.locator('.seller-shown').allTextContents()).toEqual(['Shared Seller', 'Shared Seller']);
    // The history: first seen, then the price and title changed; nothing to watch or report from the hub.
    expect(await page.locator('table.events tr[data-event="changed"]').count()).toBe(1);
    expect(await page.locator('table.events').textContent()).toContain('99.00 EUR');
    for (const name of [/Watch/, /Mark reported/]) expect(await page.getByRole('button', { name }).count()).toBe(0);
    await lookAt(page, 'hub-listing', found);

    // The top bar's search: the title's words find both captures, newest first; Max's opens with its extracted fields.
    await page.getByRole('searchbox', { name: 'Search captured pages' }).fill('marmont bag');
    await page.getByRole('searchbox', { name: 'Search captured pages' }).press('Enter');
    const hits = page.locator('.search-hits li');
    await expect.poll(() => hits.count(), { timeout: 30_000 }).toBe(2);
    expect(await hits.first().textContent()).toContain('Marmont shoulder bag');
    expect(await hits.first().textContent()).toContain('ebay:shared_seller');
    await lookAt(page, 'hub-search', found);
    await hits.first().locator('a').click();
    await expect.poll(() => page.getByTestId('hub-pushed-by').textContent(), { timeout: 30_000 }).toBe('Max Mustermann');
    const fields = page.locator('table.fields');
    expect(await fields.locator('tr[data-field="title"] .value').textContent()).toBe('Marmont shoulder bag SALE');
    expect(await fields.locator('tr[data-field="price"] .value').textContent()).toBe('99.00');
    expect(await fields.locator('tr[data-field="sellerName"] .value').textContent()).toBe('Shared Seller');
    expect(await fields.locator('tr[data-field="price"] .source-kind').first().textContent()).toBe('selector');
    // Read-only: nothing to correct on the hub.
    expect(await fields.getByRole('button').count()).toBe(0);
    await lookAt(page, 'hub-capture-fields', found, fields);
    // Its screenshot compared with Jane's earlier capture of the listing, in the viewer.
    await page.locator('.compare-pick select').selectOption({ label: '2026-11-02 09:00 UTC' });
    await expect.poll(() => page.locator('.compare-note').textContent(), { timeout: 30_000 }).toMatch(/% of the page differs/);
    await page.getByRole('button', { name: 'Side by side' }).click();
    await expect.poll(() => page.locator('.side-by-side figure').count(), { timeout: 30_000 }).toBe(2);
    await lookAt(page, 'hub-capture-compare', found);

    // Jane's capture: the price as she corrected it, the page's value and her reason beside it.
    await page.goto(`${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}#/capture/${encodeURIComponent(first.id)}`);
    await expect.poll(() => page.locator('table.fields tr[data-field="price"] .corrected-value').textContent(), { timeout: 30_000 }).toBe('110.00');
    const price = (await page.locator('table.fields tr[data-field="price"]').textContent())!;
    expect(price).toContain('120.00');
    expect(price).toContain('the sale banner shows 110.00');
    await lookAt(page, 'hub-capture-corrected', found, page.locator('table.fields'));

    // Max's extracted.json altered in the store: opening the capture reads it again, and says so rather than show its fields.
    const view = (await (await api('captures.get', { id: second.id }, h)).json()) as { value: { manifest: { artifacts: { name: string; sha256: string }[] } } };
    const sha = view.value.manifest.artifacts.find((x) => x.name === 'extracted.json')!.sha256;
    const file = join(s3.directory, 'evidence', 'objects', sha.slice(0, 2), `${sha}._S3rver_object`);
    const original = readFileSync(file);
    writeFileSync(file, original.toString('utf8').replace('99.00', '19.00'));
    try {
      const altered = (await (await api('captures.get', { id: second.id }, h)).json()) as { ok: false; error: { kind: string; message: string } };
      expect(altered).toEqual({ ok: false, error: { kind: 'failed', message: `The extracted.json of capture ${second.id} was altered in the hub's store (it no longer hashes to ${sha}): its fields are not shown; run exhibit hub verify.` } });
      await page.goto(`${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}#/capture/${encodeURIComponent(second.id)}`);
      await expect.poll(() => page.locator('.page').textContent(), { timeout: 30_000 }).toContain(`The extracted.json of capture ${second.id} was altered`);
    } finally {
      writeFileSync(file, original);
    }

    expect(problems).toEqual([]);
    expect(found).toEqual([]);
    await page.context().close();
  }, 240_000);

  it("a listing renamed between captures is found by a word of any of its titles, pushed in two pushes or in one; captures pushed before the hub kept titles are found by their listing's title until hub init reads theirs", async () => {
    const { a, b } = byInvestigator as Required<typeof byInvestigator>;
    const item = (listingId: string, title: string) => listingExtraction({ listingId, sellerId: 'shared_seller', sellerName: 'Shared Seller', title });
    const push = async (ws: Workspace, token: string) => {
      expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
      const pushed = await exhibit(['push', '--hub', hubUrl, '--token', token, '--workspace', ws.dir, '--json']);
      expect(pushed.code, pushed.stderr).toBe(0);
    };
    // Jane captures a listing, pushes; the seller renames it, she captures it again and pushes again.
    const quilted = await fileCapture(a, item('6660001', 'Quilted leather shoulder bag'), { startedAt: '2026-11-05T09:00:00.000Z' });
    await push(a, tokens.jane!);
    const tote = await fileCapture(a, item('6660001', 'Quilted canvas tote'), { startedAt: '2026-11-06T09:00:00.000Z' });
    await push(a, tokens.jane!);
    // Max captures another listing before and after its rename, and pushes both captures at once.
    const keepall = await fileCapture(b, item('6660002', 'Monogram keepall 45'), { startedAt: '2026-11-05T10:00:00.000Z' });
    const duffel = await fileCapture(b, item('6660002', 'Weekender duffel 45'), { startedAt: '2026-11-06T10:00:00.000Z' });
    await push(b, tokens.max!);

    const h = { 'X-Exhibit-Token': tokens.lou! };
    const searchFor = async (text: string) => ((await (await api('search', { text }, h)).json()) as { value: { hits: { captureId: string; snippet: string; listing: { listingKey: string; title: string | null } | null }[] } }).value.hits;
    const listed = (await (await api('listings.list', {}, h)).json()) as { value: { listingKey: string; title: string | null; captures: number }[] };
    // The hub catalogues one title per listing: the first push's, which for Max's was already the new one.
    const renamed = listed.value.filter((l) => l.listingKey.startsWith('666')).sort((x, y) => x.listingKey.localeCompare(y.listingKey));
    expect(renamed.map((l) => [l.listingKey, l.title, l.captures])).toEqual([
      ['6660001', 'Quilted leather shoulder bag', 2],
      ['6660002', 'Weekender duffel 45', 2],
    ]);
    // A word only the later title had finds the listing, once: the capture whose page said it, the word marked.
    const found = await searchFor('TOTE');
    expect(found.map((x) => [x.captureId, x.listing?.listingKey, x.snippet])).toEqual([[tote.id, '6660001', 'Quilted canvas [tote]']]);
    // A word only the earlier title had, the hub's listing title being the later one.
    expect((await searchFor('monogram')).map((x) => [x.captureId, x.snippet])).toEqual([[keepall.id, '[Monogram] keepall 45']]);
    // A word of the listing's catalogued title still finds each of its captures, once each, newest first.
    expect((await searchFor('quilted')).map((x) => x.captureId)).toEqual([tote.id, quilted.id]);
    expect((await searchFor('weekender 45')).map((x) => x.captureId)).toEqual([duffel.id, keepall.id]);

    // In Chromium: the top bar's search for the new word shows the one capture, its title as it was then.
    const { page, problems } = await openUi(browser, `${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}`);
    await page.getByRole('searchbox', { name: 'Search captured pages' }).fill('tote');
    await page.getByRole('searchbox', { name: 'Search captured pages' }).press('Enter');
    const hits = page.locator('.search-hits li');
    await expect.poll(() => hits.count(), { timeout: 30_000 }).toBe(1);
    expect(await hits.first().locator('mark').textContent()).toBe('tote');
    expect(await hits.first().locator('.hit-snippet').textContent()).toBe('Quilted canvas tote');
    expect(problems).toEqual([]);
    await page.context().close();

    // Captures as a hub upgraded to schema 6 holds those it had: no title, each on the list of those to read (as 006 puts them).
    const pool = openHubDatabase(dbUrl);
    try {
      const titles = async () => (await pool.query<{ id: string; title: string | null }>('SELECT id, title FROM hub_captures ORDER BY id')).rows;
      const before = await titles();
      expect(before.find((r) => r.id === keepall.id)?.title).toBe('Monogram keepall 45');
      await pool.query('UPDATE hub_captures SET title = NULL');
      await pool.query('INSERT INTO hub_capture_titles_pending (capture_id) SELECT id FROM hub_captures');
      // Until hub init reads them, they are found by their listing's title, as before: Max's old word is not.
      expect(await searchFor('monogram')).toEqual([]);
      expect((await searchFor('quilted')).map((x) => x.captureId)).toEqual([tote.id, quilted.id]);

      // An extracted.json altered in the store: that capture stays to be read, named; the others are read.
      const sha = (await pool.query<{ sha256: string }>("SELECT sha256 FROM hub_capture_artifacts WHERE capture_id = $1 AND name = 'extracted.json'", [keepall.id])).rows[0]!.sha256;
      const file = join(s3.directory, 'evidence', 'objects', sha.slice(0, 2), `${sha}._S3rver_object`);
      const original = readFileSync(file);
      writeFileSync(file, original.toString('utf8').replace('Monogram', 'Monogran'));
      let init;
      try {
        init = await exhibit(['hub', 'init', ...hubArgs()], s3Env());
      } finally {
        writeFileSync(file, original);
      }
      expect(init.code, init.stderr).toBe(0);
      expect(init.stdout).toContain(`Read the titles of ${before.length - 1} capture(s) pushed before, for the search.`);
      expect(init.stdout).toContain(`Warning: capture ${keepall.id}: its extracted.json (${sha}) cannot be read from the store:`);
      expect((await pool.query<{ capture_id: string }>('SELECT capture_id FROM hub_capture_titles_pending')).rows).toEqual([{ capture_id: keepall.id }]);
      expect(await searchFor('monogram')).toEqual([]);
      expect((await searchFor('tote')).map((x) => x.captureId)).toEqual([tote.id]);

      // The store whole again: the next init reads it, and every title is the one the capture's signed extracted.json gives.
      const again = await exhibit(['hub', 'init', ...hubArgs()], s3Env());
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('Read the titles of 1 capture(s) pushed before, for the search.');
      expect(await titles()).toEqual(before);
      expect((await pool.query('SELECT capture_id FROM hub_capture_titles_pending')).rows).toEqual([]);
      expect((await searchFor('monogram')).map((x) => x.captureId)).toEqual([keepall.id]);
      const third = await exhibit(['hub', 'init', ...hubArgs()], s3Env());
      expect(third.stdout).not.toContain('Read the titles');
    } finally {
      await pool.end();
    }
  }, 240_000);
});
