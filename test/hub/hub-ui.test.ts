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
import { axeProblems } from '../e2e/axe.js';
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
});
