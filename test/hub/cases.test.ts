import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import type { CaseView } from '../../electron/core/api/contract.js';
import { addToCase, createCase, removeFromCase } from '../../electron/core/catalogue/cases.js';
import { openHubDatabase, type HubPool } from '../../electron/core/hub/db.js';
import { gatherCases, pushWorkspace } from '../../electron/core/hub/push.js';
import type { PushedCase } from '../../electron/core/hub/protocol.js';
import { stampPending } from '../../electron/core/timestamp/stamper.js';
import { addAuthority, removeAuthority } from '../../electron/core/workspace/timestamps.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../helpers/catalogue.js';
import { exhibit } from '../helpers/cli.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startS3, type TestS3 } from '../helpers/s3.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';
import { newWorkspace } from '../helpers/workspace.js';
import { startHubServe } from '../helpers/hub-serve.js';
import { lookAt } from '../e2e/axe.js';
import { closeInOrder, ensureRendererBuilt, launch, openUi } from '../e2e/ui-helpers.js';

const missing = postgresMissing();
if (missing) console.warn(`hub case tests skipped: ${missing}`);

let pg: TestPostgres;
let s3: TestS3;
let tsa: Tsa;
let dbUrl: string;
let pool: HubPool;
let hub: ChildProcess | null = null;
let hubUrl = '';
let browser: Browser | undefined;
const tokens: Record<string, string> = {};
let a: Workspace;
let b: Workspace;

const hubArgs = () => ['--database', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
const s3Env = () => ({ AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: 'us-east-1' });

async function investigatorWorkspace(who: string): Promise<Workspace> {
  const ws = await newWorkspace({ investigator: who, organisation: 'Acme' }, 'suite');
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
  const added = await addAuthority(ws.db, { url: tsa.url, name: 'Hub Cases Test TSA', rootPem: tsa.rootPem });
  if (!added.ok) throw new Error('tsa add failed');
  return ws;
}

async function addUser(name: string): Promise<string> {
  const r = await exhibit(['hub', 'user', 'add', name, '--role', name.includes('Lawyer') ? 'lawyer' : 'investigator', '--json', ...hubArgs()], s3Env());
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { token: string }).token;
}

async function api<T>(op: string, body: unknown): Promise<T> {
  const res = await fetch(`${hubUrl}/api/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Exhibit-Token': tokens.lou! }, body: JSON.stringify(body) });
  const json = (await res.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!json.ok) throw new Error(json.error.message);
  return json.value;
}

async function push(ws: Workspace, token: string) {
  const r = await pushWorkspace(ws, { url: hubUrl, token });
  if (!r.ok) throw new Error(r.error);
  return r;
}

/** The hub's member rows: who claimed what, held or removed. */
async function memberRows(): Promise<{ case: string; member: string; investigator: string; by: string; removed_by: string | null }[]> {
  const r = await pool.query(
    `SELECT k.name AS case, COALESCE(s.marketplace || ':' || s.seller_key, l.marketplace || ':' || l.listing_key, 'capture') AS member, w.investigator, u.name AS by, r.name AS removed_by
     FROM hub_case_members m JOIN hub_cases k ON k.id = m.case_id JOIN hub_workspaces w ON w.key_fingerprint = m.workspace JOIN hub_users u ON u.id = m.added_by
     LEFT JOIN hub_users r ON r.id = m.removed_by LEFT JOIN hub_sellers s ON s.id = m.seller_id LEFT JOIN hub_listings l ON l.id = m.listing_id
     ORDER BY 1, 2, 3`,
  );
  return r.rows as never;
}

async function commit(ws: Workspace, token: string, cases: PushedCase[]): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL('/v1/push/commit', hubUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ workspaceKeyPem: ws.key.publicKeyPem, captures: [], custody: [], cases }),
  });
  return { status: res.status, body: await res.json() };
}

describe.skipIf(missing !== undefined)('cases on the team hub: pushed, checked against custody, merged across workspaces, shown read-only (PostgreSQL, S3, Chromium)', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    [pg, s3, tsa] = await Promise.all([startPostgres(), startS3(['evidence']), startTsa({ name: 'Hub Cases Test TSA' })]);
    dbUrl = pg.createDatabase('hub_cases');
    const rootsFile = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-cases-roots-')), 'roots.pem');
    writeFileSync(rootsFile, tsa.rootPem);
    const init = await exhibit(['hub', 'init', '--tsa-roots', rootsFile, ...hubArgs()], s3Env());
    expect(init.code, init.stderr).toBe(0);
    tokens.jane = await addUser('Jane Roe');
    tokens.max = await addUser('Max Mustermann');
    tokens.lou = await addUser('Lou Lawyer');
    pool = openHubDatabase(dbUrl);
    ({ process: hub, url: hubUrl } = await startHubServe(['--name', 'Acme', ...hubArgs()], s3Env()));

    // Jane's workspace: "Operation Falcon" (OF-2026-01), a capture made for it, and two sellers added by hand.
    a = await investigatorWorkspace('Investigator A');
    const falconA = await createCase(a.db, 'Operation Falcon', 'OF-2026-01');
    if (!falconA.ok) throw new Error('case');
    await fileCapture(a, listingExtraction({ listingId: '1001', sellerId: 'luxury_deals_88', sellerName: 'Luxury Deals', title: 'Falcon bag' }), { caseRef: 'Operation Falcon' });
    await fileCapture(a, listingExtraction({ listingId: '424242', sellerId: 'shared_seller', sellerName: 'Shared Seller', title: 'Shared bag' }));
    expect((await addToCase(a.db, 'Operation Falcon', [{ kind: 'seller', ref: 'ebay:luxury_deals_88' }, { kind: 'seller', ref: 'ebay:shared_seller' }])).ok).toBe(true);
    // A case nobody put anything in stays in its workspace.
    expect((await createCase(a.db, 'Private notes')).ok).toBe(true);
    expect((await stampPending({ db: a.db, store: a.store })).failures).toEqual([]);

    // Max's workspace: the same case, typed differently, the same shared seller, another seller and a listing.
    b = await investigatorWorkspace('Investigator B');
    expect((await createCase(b.db, ' operation  FALCON ', ' of-2026-01 ')).ok).toBe(true);
    await fileCapture(b, listingExtraction({ listingId: '2002', sellerId: 'bags4less', sellerName: 'Bags 4 Less', title: 'Cheap bag' }));
    const sharedB = await fileCapture(b, listingExtraction({ listingId: '424242', sellerId: 'shared_seller', sellerName: 'Shared Seller', title: 'Shared bag' }));
    const listingB = await b.db.get<{ id: string }>("SELECT id FROM listings WHERE listing_key = '2002'");
    expect(
      (await addToCase(b.db, 'operation  FALCON', [{ kind: 'seller', ref: 'ebay:shared_seller' }, { kind: 'listing', ref: listingB!.id }, { kind: 'capture', ref: sharedB.manifest.captureId }])).ok,
    ).toBe(true);
    // Another case of Max's, by name alone: a team case of its own.
    expect((await createCase(b.db, 'Counterfeit watches')).ok).toBe(true);
    expect((await addToCase(b.db, 'Counterfeit watches', [{ kind: 'seller', ref: 'ebay:bags4less' }])).ok).toBe(true);
    expect((await stampPending({ db: b.db, store: b.store })).failures).toEqual([]);
  }, 240_000);

  afterAll(async () => {
    await closeInOrder(browser);
    hub?.kill('SIGTERM');
    await Promise.all([a?.close(), b?.close()]);
    await pool?.end();
    pg?.stop();
    await Promise.all([s3?.stop(), tsa?.close()]);
  });

  it('two workspaces push the same case: one team case, the union of members, each attributed; pushing again adds nothing', async () => {
    const first = await push(a, tokens.jane!);
    expect(first.commit?.cases).toEqual({ claimed: 1, membersAdded: 3, membersRemoved: 0 });
    const second = await push(b, tokens.max!);
    expect(second.commit?.cases).toEqual({ claimed: 2, membersAdded: 4, membersRemoved: 0 });
    // The hub's own log records what each push did with its cases.
    const received = await pool.query<{ details: string }>("SELECT details FROM hub_custody WHERE chain = 'hub' AND action = 'push.received' ORDER BY seq");
    expect(received.rows.map((r) => (JSON.parse(r.details) as { cases?: unknown }).cases)).toEqual([
      { claimed: 1, membersAdded: 3, membersRemoved: 0 },
      { claimed: 2, membersAdded: 4, membersRemoved: 0 },
    ]);

    const cases = await api<{ id: string; name: string; reference: string | null; sellers: number; captures: number }[]>('cases.list', {});
    expect(cases.map((c) => [c.name, c.reference, c.sellers, c.captures])).toEqual([
      ['Operation Falcon', 'OF-2026-01', 2, 4],
      ['Counterfeit watches', null, 1, 1],
    ]);
    expect(await memberRows()).toEqual([
      { case: 'Counterfeit watches', member: 'ebay:bags4less', investigator: 'Investigator B', by: 'Max Mustermann', removed_by: null },
      { case: 'Operation Falcon', member: 'capture', investigator: 'Investigator A', by: 'Jane Roe', removed_by: null },
      { case: 'Operation Falcon', member: 'capture', investigator: 'Investigator B', by: 'Max Mustermann', removed_by: null },
      { case: 'Operation Falcon', member: 'ebay:2002', investigator: 'Investigator B', by: 'Max Mustermann', removed_by: null },
      { case: 'Operation Falcon', member: 'ebay:luxury_deals_88', investigator: 'Investigator A', by: 'Jane Roe', removed_by: null },
      { case: 'Operation Falcon', member: 'ebay:shared_seller', investigator: 'Investigator A', by: 'Jane Roe', removed_by: null },
      { case: 'Operation Falcon', member: 'ebay:shared_seller', investigator: 'Investigator B', by: 'Max Mustermann', removed_by: null },
    ]);
    const falcon = await api<CaseView>('cases.get', { ref: cases[0]!.id });
    expect(falcon.sellers.map((s) => [s.sellerKey, s.member]).sort()).toEqual([
      ['bags4less', false],
      ['luxury_deals_88', true],
      ['shared_seller', true],
    ]);
    expect(falcon.listings.map((l) => [l.listingKey, l.member]).sort()).toEqual([
      ['1001', false],
      ['2002', true],
      ['424242', false],
    ]);
    // Both investigators' captures of the shared listing, the one made for the case, Max's of his listing.
    expect(falcon.captures.map((c) => c.via).sort()).toEqual(['captured', 'listing', 'member', 'seller']);
    expect(falcon.members.filter((m) => m.kind === 'seller')).toHaveLength(2);
    const sellersOfCase = await api<{ sellerKey: string }[]>('sellers.list', { caseId: cases[0]!.id });
    expect(sellersOfCase.map((s) => s.sellerKey).sort()).toEqual(['bags4less', 'luxury_deals_88', 'shared_seller']);

    // Again: the hub holds these claims already (their digest), so none travel; sent anyway, nothing is added twice.
    const rows = await memberRows();
    await push(a, tokens.jane!);
    await push(b, tokens.max!);
    expect(await push(a, tokens.jane!)).toMatchObject({ commit: null });
    const resent = await commit(a, tokens.jane!, await gatherCases(a));
    expect(resent).toMatchObject({ status: 200, body: { cases: { claimed: 1, membersAdded: 0, membersRemoved: 0 } } });
    expect(await memberRows()).toEqual(rows);
    expect((await pool.query('SELECT COUNT(*)::int AS n FROM hub_cases')).rows[0]).toEqual({ n: 2 });
  }, 120_000);

  it('a case claim its workspace’s signed custody log does not back is refused with the reason, and nothing of it is stored', async () => {
    const rows = await memberRows();
    const cases = await gatherCases(a);
    const falcon = cases[0]!;
    const seller = falcon.members.find((m) => m.kind === 'seller' && m.key === 'shared_seller')!;
    const tampered: [string, PushedCase][] = [
      // the shared seller's id in Jane's workspace, claimed as another seller
      ['seller ebay:bags4less is not the seller the workspace\'s signed custody log recorded as', { ...falcon, members: falcon.members.map((m) => (m === seller ? { ...seller, key: 'bags4less' } : m)) }],
      // a member never added
      ['listing ebay:2002 is not a member by the workspace\'s signed custody log', { ...falcon, members: [...falcon.members, { kind: 'listing', memberId: 'not-a-listing-of-hers', marketplace: 'ebay', key: '2002' }] }],
      // a member left out that the log says is in it
      ['the workspace\'s signed custody log has seller', { ...falcon, members: falcon.members.filter((m) => m !== seller) }],
      // renamed
      ['its name or reference is not what the workspace\'s signed custody log recorded', { ...falcon, reference: 'OF-2026-02' }],
    ];
    for (const [reason, claim] of tampered) {
      const r = await commit(a, tokens.jane!, [claim]);
      expect(r.status, reason).toBe(422);
      expect((r.body as { error: string }).error).toContain(reason);
    }
    expect(await memberRows()).toEqual(rows);
    expect(await push(a, tokens.jane!)).toMatchObject({ commit: null });
  }, 60_000);

  it('a member removed in a workspace is marked removed on the hub at its next push, with when and by whom; the other workspace’s claim stays', async () => {
    expect((await removeFromCase(a.db, 'Operation Falcon', [{ kind: 'seller', ref: 'ebay:shared_seller' }, { kind: 'seller', ref: 'ebay:luxury_deals_88' }])).ok).toBe(true);
    const r = await push(a, tokens.jane!);
    expect(r.commit?.cases).toEqual({ claimed: 1, membersAdded: 0, membersRemoved: 2 });
    const removed = (await memberRows()).filter((m) => m.removed_by !== null);
    expect(removed).toEqual([
      { case: 'Operation Falcon', member: 'ebay:luxury_deals_88', investigator: 'Investigator A', by: 'Jane Roe', removed_by: 'Jane Roe' },
      { case: 'Operation Falcon', member: 'ebay:shared_seller', investigator: 'Investigator A', by: 'Jane Roe', removed_by: 'Jane Roe' },
    ]);
    const falconId = (await api<{ id: string }[]>('cases.list', {}))[0]!.id;
    const falcon = await api<CaseView>('cases.get', { ref: falconId });
    // Max still holds the shared seller; luxury_deals_88 is in the case only through the capture made for it.
    expect(falcon.sellers.map((s) => [s.sellerKey, s.member]).sort()).toEqual([
      ['bags4less', false],
      ['luxury_deals_88', false],
      ['shared_seller', true],
    ]);
    const claims = falcon.hubMembers!.filter((m) => m.removedAt !== null);
    expect(claims.map((m) => [m.label, m.investigator, m.removedBy])).toEqual([
      ['ebay:luxury_deals_88', 'Investigator A', 'Jane Roe'],
      ['ebay:shared_seller', 'Investigator A', 'Jane Roe'],
    ]);
    // The removal time is the workspace's own, from its signed custody entry.
    const entry = await a.db.get<{ at: string }>("SELECT at FROM custody_log WHERE action = 'case.member-removed' ORDER BY seq DESC LIMIT 1");
    expect(claims[0]!.removedAt).toBe(entry!.at);
    // The hub's record of it cannot be undone or rewritten.
    await expect(pool.query('DELETE FROM hub_case_members')).rejects.toThrow(/append-only/);
    await expect(pool.query('UPDATE hub_case_members SET removed_at = NULL, removed_by = NULL, removed_seq = NULL, removed_ws_at = NULL')).rejects.toThrow(/append-only/);
  }, 60_000);

  it('a lawyer opens the case on the hub in Chromium: its sellers, listings, captures, and who put what in it; nothing to edit', async () => {
    browser = await launch();
    const { page, problems } = await openUi(browser, `${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}`);
    const found: string[] = [];
    await expect.poll(() => page.locator('.case-list .case-name').allTextContents(), { timeout: 30_000 }).toEqual(['Operation Falcon', 'Counterfeit watches']);
    expect(await page.getByRole('button', { name: /New case/ }).count()).toBe(0);
    await page.locator('.case-list button', { hasText: 'Operation Falcon' }).click();
    await expect.poll(() => page.locator('.case-page h1').textContent(), { timeout: 30_000 }).toBe('Operation Falcon');
    expect(await page.locator('.case-page .subtitle').textContent()).toContain('Reference OF-2026-01');
    expect((await page.locator('table.case-sellers tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-seller')))).sort()).toEqual([
      'ebay:bags4less',
      'ebay:luxury_deals_88',
      'ebay:shared_seller',
    ]);
    // Max still holds the shared seller; Jane removed luxury_deals_88, in the case now only through the capture made for it.
    expect(await page.locator('table.case-sellers tr[data-seller="ebay:shared_seller"] td').last().textContent()).toBe('added');
    expect(await page.locator('table.case-sellers tr[data-seller="ebay:luxury_deals_88"] td').last().textContent()).toBe('through its listings or captures');
    await expect.poll(() => page.locator('table.case-captures tbody tr').count()).toBe(4);
    expect((await page.locator('table.case-captures tbody tr td:last-child').allTextContents()).sort()).toEqual(['added', 'captured for it', 'its listing was added', 'its seller was added']);
    const claims = page.locator('section.hub-case-claims');
    expect(await claims.locator('.hub-case-workspaces li').allTextContents()).toEqual(['Investigator A’s workspace, as “Operation Falcon”', 'Investigator B’s workspace, as “operation  FALCON”']);
    const shared = await claims.locator('tr[data-member="ebay:shared_seller"]').allTextContents();
    expect(shared).toHaveLength(2);
    expect(shared[0]).toMatch(/^ebay:shared_sellerseller, addedInvestigator Apushed by Jane Roe.*removed\d{4}-\d\d-\d\d \d\d:\d\d:\d\dpushed by Jane Roe$/);
    expect(shared[1]).toMatch(/^ebay:shared_sellerseller, addedInvestigator Bpushed by Max Mustermann.*in the case$/);
    // Read-only: no Remove, no Add, no dossier.
    for (const name of [/^Remove/, /^Add$/, /Make its dossier/]) expect(await page.getByRole('button', { name }).count()).toBe(0);
    await lookAt(page, 'hub-case', found, claims);

    // In French: the same case, the same claims, in French words.
    const fr = await openUi(browser, `${hubUrl}/?token=${encodeURIComponent(tokens.lou!)}#/case/${await page.locator('.case-page').getAttribute('data-case')}`, 'fr-FR');
    await expect.poll(() => fr.page.locator('section.hub-case-claims h2').textContent(), { timeout: 30_000 }).toBe('Qui a mis quoi dans cette affaire 6');
    expect(await fr.page.locator('section.hub-case-claims tr[data-member="ebay:shared_seller"]').first().textContent()).toMatch(/vendeur, ajoutéInvestigator Aenvoyé par Jane Roe.*retiré/);
    await lookAt(fr.page, 'hub-case-fr', found, fr.page.locator('section.hub-case-claims'));
    expect(found).toEqual([]);
    expect([...problems, ...fr.problems]).toEqual([]);
  }, 120_000);

  it('exhibit hub verify traces every case member to the workspace entry that added or removed it, and names one that none does', async () => {
    const ok = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    // A member written into the database by hand: its "adding" entry is the workspace's creation.
    const forged = await pool.query<{ id: string }>(
      `INSERT INTO hub_case_members (case_id, workspace, local_case_id, kind, how, local_member_id, seller_id, added_seq, added_ws_at, added_by)
       SELECT case_id, workspace, local_case_id, 'seller', 'added', 'forged', (SELECT id FROM hub_sellers WHERE seller_key = 'bags4less'), 1, '2026-01-01T00:00:00.000Z', added_by
       FROM hub_case_members WHERE kind = 'seller' LIMIT 1 RETURNING id`,
    );
    const bad = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain(`case member ${forged.rows[0]!.id} (seller forged of workspace`);
    expect(bad.stdout + bad.stderr).toContain("its workspace's custody entry 1 does not add it to that case");
  }, 60_000);
});
