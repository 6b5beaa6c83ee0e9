import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubPool } from '../../electron/core/hub/db.js';
import { HubObjectStore } from '../../electron/core/hub/object-store.js';
import { migrateHub } from '../../electron/core/hub/schema/index.js';
import { startHubServer, type HubServer } from '../../electron/core/hub/server.js';
import { pushWorkspace } from '../../electron/core/hub/push.js';
import { addHubUser } from '../../electron/core/hub/users.js';
import { stampPending } from '../../electron/core/timestamp/stamper.js';
import { addAuthority, removeAuthority } from '../../electron/core/workspace/timestamps.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../helpers/catalogue.js';
import { EXHIBIT_BIN, exhibit, sqliteCli } from '../helpers/cli.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startS3, type TestS3 } from '../helpers/s3.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';
import { newWorkspace } from '../helpers/workspace.js';
import { startServe } from '../../electron/serve/http-transport.js';
import { ensureRendererBuilt, launch, openUi, shot } from '../e2e/ui-helpers.js';

const missing = postgresMissing();
if (missing) console.warn(`hub push tests skipped: ${missing}`);

let pg: TestPostgres;
let s3: TestS3;
let tsa: Tsa;
let pool: HubPool;
let store: HubObjectStore;
let server: HubServer;
let dbUrl: string;
let token: string;
let lawyerToken: string;
let maxToken: string;
let onStored: (sha: string) => void = () => undefined;

const hubArgs = () => ['--database', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
const s3Env = () => ({ AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: 'us-east-1' });

/** A workspace that asks only the local authority, with `n` filed, time-stamped captures. */
async function workspaceWithCaptures(n: number, seller: string, shared = false, stamp = true): Promise<Workspace> {
  const ws = await newWorkspace({ investigator: `Investigator ${seller}`, organisation: 'Acme' }, 'suite');
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
  const added = await addAuthority(ws.db, { url: tsa.url, name: 'Hub Test TSA', rootPem: tsa.rootPem });
  if (!added.ok) throw new Error('tsa add failed');
  for (let i = 0; i < n; i++) await fileCapture(ws, listingExtraction({ marketplace: 'ebay', listingId: `${seller.length}${i}00${Date.now() % 1000}`, sellerId: seller, sellerName: seller, title: `Bag ${i}` }));
  // the same listing, seen by another investigator too: its extracted.json is byte for byte the same
  if (shared) await fileCapture(ws, listingExtraction({ marketplace: 'ebay', listingId: '424242', sellerId: 'shared_seller', sellerName: 'Shared Seller', title: 'Shared bag' }));
  if (stamp) expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
  return ws;
}

function push(ws: Workspace, t = token) {
  return exhibit(['push', '--hub', server.url, '--token', t, '--workspace', ws.dir, '--json']);
}

/** The keys the S3 server holds (objects/ only: a push's objects go straight to their content-addressed key). */
function storeKeys(): { objects: string[]; other: string[] } {
  const keys = filesUnder(join(s3.directory, 'evidence'))
    .filter((f) => f.endsWith('._S3rver_object'))
    .map((f) => f.slice(join(s3.directory, 'evidence').length + 1, -'._S3rver_object'.length));
  return { objects: keys.filter((k) => k.startsWith('objects/')).sort(), other: keys.filter((k) => !k.startsWith('objects/')).sort() };
}

const keyOf = (sha: string) => `objects/${sha.slice(0, 2)}/${sha}`;

/** Objects received for pushes not yet committed (the hub's database says which). */
async function pendingUploads(): Promise<string[]> {
  return (await pool.query<{ sha256: string }>('SELECT sha256 FROM hub_uploads ORDER BY sha256')).rows.map((r) => r.sha256);
}

/** Uploads whose bytes are still arriving (claimed, not yet hashed to their key). */
async function receivingUploads(): Promise<number> {
  return Number((await pool.query<{ n: string }>("SELECT COUNT(*) AS n FROM hub_uploads WHERE state = 'receiving'")).rows[0]?.n);
}

async function counts() {
  const r = await pool.query<{ c: string; e: string; o: string }>('SELECT (SELECT COUNT(*) FROM hub_captures) AS c, (SELECT COUNT(*) FROM hub_custody) AS e, (SELECT COUNT(*) FROM hub_objects) AS o');
  return r.rows[0];
}

describe.skipIf(missing !== undefined)('exhibit push to a hub on real PostgreSQL and S3 (s3rver)', () => {
  beforeAll(async () => {
    [pg, s3, tsa] = await Promise.all([startPostgres(), startS3(['evidence']), startTsa({ name: 'Hub Test TSA' })]);
    dbUrl = pg.createDatabase('hub_push');
    // The hub's own roots: the test authority's, given by the hub's administrator (a pusher's roots are never taken).
    const rootsFile = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-roots-')), 'roots.pem');
    writeFileSync(rootsFile, tsa.rootPem);
    const init = await exhibit(['hub', 'init', '--tsa-roots', rootsFile, ...hubArgs()], s3Env());
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/Hub tables created[\s\S]*Time-stamps leading to .* are trusted\.[\s\S]*Warning: the store does not support Object Lock/);
    const user = await exhibit(['hub', 'user', 'add', 'Jane Roe', '--role', 'investigator', '--json', ...hubArgs()], s3Env());
    token = (JSON.parse(user.stdout) as { token: string }).token;
    pool = openHubDatabase(dbUrl);
    const lawyer = await addHubUser(pool, 'Lou Lawyer', 'lawyer');
    if (!lawyer.ok) throw new Error(lawyer.error);
    lawyerToken = lawyer.token;
    const max = await addHubUser(pool, 'Max Mustermann', 'investigator');
    if (!max.ok) throw new Error(max.error);
    maxToken = max.token;
    store = new HubObjectStore({ store: 's3://evidence', endpoint: s3.endpoint, credentials: s3 });
    const c = await pool.connect();
    expect(await migrateHub(c)).toEqual([]);
    c.release();
    server = await startHubServer(pool, store, { onObjectStored: (sha) => onStored(sha) });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    store?.close();
    await pool?.end();
    pg?.stop();
    await Promise.all([s3?.stop(), tsa?.close()]);
  });

  it('two workspaces push overlapping evidence: merged, nothing duplicated, everything attributed; a second push sends nothing; the hub verifies', async () => {
    const [a, b] = [await workspaceWithCaptures(2, 'luxury_deals_88', true), await workspaceWithCaptures(1, 'bags4less', true)];
    const first = await push(a);
    expect(first.code, first.stderr).toBe(0);
    const r1 = JSON.parse(first.stdout) as { objectsSent: number; capturesSent: number; commit: { capturesAdded: number; custodyAdded: number; retention: string } };
    expect(r1.capturesSent).toBe(3);
    expect(r1.commit.retention).toMatch(/does not support Object Lock/);
    // the second investigator's push runs in this process: the CLI path is the first one's
    const rB = await pushWorkspace(b, { url: server.url, token: maxToken });
    if (!rB.ok) throw new Error(rB.error);
    expect(rB.capturesSent).toBe(2);
    // B's capture of the shared listing carries the same extracted.json as A's: it did not travel again
    const sharedExtract = await a.db.get<{ sha256: string }>("SELECT a.sha256 FROM artifacts a JOIN captures c ON c.id = a.capture_id WHERE a.name = 'extracted.json' AND c.requested_url LIKE '%424242'");
    expect(await b.db.get('SELECT 1 AS x FROM artifacts WHERE sha256 = ?', [sharedExtract?.sha256 ?? ''])).toEqual({ x: 1 });
    expect(rB.objectsSent).toBe((await distinctObjects(b)).length - 1);

    // the workspace recorded its push (hub.pushed): the next push carries only that record, and is not recorded itself
    const again = await pushWorkspace(a, { url: server.url, token });
    expect(again).toMatchObject({ ok: true, user: 'Jane Roe', objectsSent: 0, bytesSent: 0, capturesSent: 0, commit: { capturesAdded: 0, custodyAdded: 1 }, recorded: null });
    expect(await pushWorkspace(a, { url: server.url, token })).toEqual({ ok: true, user: 'Jane Roe', objectsSent: 0, objectsAlreadyThere: (await distinctObjects(a)).length, bytesSent: 0, capturesSent: 0, commit: null, recorded: null });

    // one row per seller and listing across both pushes; each object once in the catalogue and once in the store
    const sellers = await pool.query('SELECT s.seller_key, COUNT(DISTINCT l.id)::int AS listings, COUNT(c.id)::int AS captures FROM hub_sellers s JOIN hub_listings l ON l.seller_id = s.id JOIN hub_captures c ON c.listing_id = l.id GROUP BY s.seller_key ORDER BY 1');
    expect(sellers.rows).toEqual([
      { seller_key: 'bags4less', listings: 1, captures: 1 },
      { seller_key: 'luxury_deals_88', listings: 2, captures: 2 },
      { seller_key: 'shared_seller', listings: 1, captures: 2 },
    ]);
    const all = new Set([...(await distinctObjects(a)), ...(await distinctObjects(b))]);
    const catalogued = (await pool.query<{ sha256: string }>('SELECT sha256 FROM hub_objects')).rows.map((r) => r.sha256);
    expect(new Set(catalogued)).toEqual(all);
    expect(storeKeys()).toEqual({ objects: [...all].map(keyOf).sort(), other: [] });
    expect(await pendingUploads()).toEqual([]);
    const attributed = await pool.query<{ name: string; investigator: string; n: number }>(
      'SELECT u.name, w.investigator, COUNT(*)::int AS n FROM hub_captures c JOIN hub_users u ON u.id = c.pushed_by JOIN hub_workspaces w ON w.key_fingerprint = c.workspace GROUP BY 1, 2 ORDER BY 1',
    );
    expect(attributed.rows).toEqual([
      { name: 'Jane Roe', investigator: 'Investigator luxury_deals_88', n: 3 },
      { name: 'Max Mustermann', investigator: 'Investigator bags4less', n: 2 },
    ]);
    const received = await pool.query<{ investigator: string }>("SELECT investigator FROM hub_custody WHERE chain = 'hub' AND action = 'push.received' ORDER BY seq");
    // Jane's third push carried only the record of her first: received, and not recorded again by her workspace
    expect(received.rows.map((r) => r.investigator)).toEqual(['Jane Roe', 'Max Mustermann', 'Jane Roe']);

    const verify = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/5 captures, 5 time-stamps, \d+ custody entries checked\.\nThe hub verifies\./);
    expect(verify.stderr).toBe('');
    const lawyer = await push(a, lawyerToken);
    expect(lawyer.code).toBe(1);
    expect(lawyer.stderr).toMatch(/refused \(403\): Lou Lawyer is a lawyer: only an investigator pushes evidence/);
  }, 90_000);

  it('resumes a push killed by SIGKILL midway, sending only what had not arrived', async () => {
    const ws = await workspaceWithCaptures(3, 'shop_b');
    const arrived: string[] = [];
    const storeBefore = storeKeys().objects;
    const child = spawn(process.execPath, [EXHIBIT_BIN, 'push', '--hub', server.url, '--token', token, '--workspace', ws.dir], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    onStored = (sha) => {
      arrived.push(sha);
      if (arrived.length === 3) child.kill('SIGKILL');
    };
    expect(await exited).toBe('SIGKILL');
    // an object on the wire when the pusher died either lands or is given up: wait until no upload is still receiving
    for (let i = 0; i < 150 && (await receivingUploads()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await receivingUploads()).toBe(0);
    onStored = () => undefined;
    const before = await counts();
    // what arrived is at its key but not in the hub: nothing catalogued, each object an upload waiting for its commit
    expect(await pool.query("SELECT 1 FROM hub_workspaces WHERE investigator = 'Investigator shop_b'")).toHaveProperty('rowCount', 0);
    expect(Number((await counts())?.o)).toBe(Number(before?.o));
    const waiting = await pendingUploads();
    expect(waiting).toEqual(expect.arrayContaining(arrived));
    expect(storeKeys().objects).toEqual([...storeBefore, ...waiting.map(keyOf)].sort());
    const resumed = await push(ws);
    expect(resumed.code, resumed.stderr).toBe(0);
    const r = JSON.parse(resumed.stdout) as { objectsSent: number; capturesSent: number };
    expect(r.capturesSent).toBe(3);
    // the objects that arrived before the kill did not travel again
    expect(r.objectsSent + arrived.length).toBe((await distinctObjects(ws)).length);
    expect(Number((await counts())?.c) - Number(before?.c)).toBe(3);
    expect(await pendingUploads()).toEqual([]);
    expect(await pushWorkspace(ws, { url: server.url, token })).toMatchObject({ ok: true, objectsSent: 0, capturesSent: 0 });
  }, 90_000);

  it('refuses a changed byte, a wrong signature and a replayed custody entry, with the reason, keeping nothing', async () => {
    const ws = await workspaceWithCaptures(1, 'shop_c');
    const c = await ws.db.get<{ id: string; manifest_sha256: string; signature: string }>('SELECT id, manifest_sha256, signature FROM captures');
    if (!c) throw new Error('no capture');
    const api = (method: string, path: string, body: string | Buffer) =>
      fetch(new URL(path, server.url), { method, headers: { authorization: `Bearer ${token}` }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: string; sha256?: string } }));
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const objectsOf = await distinctObjects(ws);
    const before = { rows: await counts(), store: storeKeys().objects };
    const nothingKept = async () => {
      expect(await counts()).toEqual(before.rows);
      expect(storeKeys()).toEqual({ objects: before.store, other: [] });
      expect(await pendingUploads()).toEqual([]);
    };
    const sendAll = async (except: string[] = []) => {
      for (const o of objectsOf.filter((x) => !except.includes(x))) expect((await api('PUT', `/v1/objects/${o}`, await ws.store.read(o))).status).toBe(200);
    };
    const commitBody = (manifestSha256: string, signature: string) => JSON.stringify({ workspaceKeyPem: ws.key.publicKeyPem, captures: [{ id: c.id, manifestSha256, signature, listing: null, seller: null, stamps: [] }], custody: [] });

    // a changed byte sent under the original hash: refused on arrival
    const manifest = await ws.store.read(c.manifest_sha256);
    const changed = Buffer.from(manifest);
    const at = changed.indexOf('"outcome":"complete"') + 11;
    changed[at] = changed[at]! ^ 0x20;
    const wrongBytes = await api('PUT', `/v1/objects/${c.manifest_sha256}`, changed);
    expect(wrongBytes).toEqual({ status: 422, body: { error: `object ${c.manifest_sha256}: the bytes hash to ${sha(changed)}, not ${c.manifest_sha256}: refused, not stored` } });
    await nothingKept();

    // the changed manifest sent under its own hash, with the original signature: refused at commit, and what was sent is dropped
    await sendAll([c.manifest_sha256]);
    expect((await api('PUT', `/v1/objects/${sha(changed)}`, changed)).status).toBe(200);
    expect((await pendingUploads()).length).toBe(objectsOf.length);
    const forged = await api('POST', '/v1/push/commit', commitBody(sha(changed), c.signature));
    expect(forged).toEqual({ status: 422, body: { error: `capture ${c.id}: the manifest's signature does not verify with the pushing workspace's key` } });
    await nothingKept();

    // the true manifest with another workspace's signature
    await sendAll();
    const other = await newWorkspace({ investigator: 'Mallory', organisation: 'Elsewhere' }, 'suite');
    const wrongSig = await api('POST', '/v1/push/commit', commitBody(c.manifest_sha256, other.key.sign(manifest)));
    expect(wrongSig).toEqual({ status: 422, body: { error: `capture ${c.id}: the manifest's signature does not verify with the pushing workspace's key` } });
    await nothingKept();
    await other.close();

    // pushed for real, then its first custody entry sent again
    expect(await pushWorkspace(ws, { url: server.url, token })).toMatchObject({ ok: true, capturesSent: 1 });
    const pushed = await counts();
    const replay = await api('POST', '/v1/push/commit', JSON.stringify({ workspaceKeyPem: ws.key.publicKeyPem, captures: [], custody: [await firstCustody(ws)] }));
    expect(replay.status).toBe(422);
    expect(replay.body.error).toMatch(/^custody entry 1 is already in the hub \(its chain for this workspace ends at \d+\): a replayed entry$/);
    expect(await counts()).toEqual(pushed);
    const token401 = await fetch(new URL('/v1/push/status', server.url), { method: 'POST', body: '{}' });
    expect(token401.status).toBe(401);
  }, 90_000);

  it('exhibit hub verify finds a custody entry altered in the database and an object altered in the store, and says where', async () => {
    const row = (await pool.query<{ chain: string }>("SELECT chain FROM hub_custody WHERE chain <> 'hub' AND seq = 2 LIMIT 1")).rows[0];
    if (!row) throw new Error('no workspace chain');
    await pool.query('ALTER TABLE hub_custody DISABLE TRIGGER hub_custody_no_update');
    await pool.query("UPDATE hub_custody SET details = replace(details, 'Investigator', 'Someone') WHERE chain = $1 AND seq = 2", [row.chain]);
    await pool.query('ALTER TABLE hub_custody ENABLE TRIGGER hub_custody_no_update');
    const obj = (await pool.query<{ sha256: string }>("SELECT token_sha256 AS sha256 FROM hub_stamps LIMIT 1")).rows[0]!.sha256;
    const file = join(s3.directory, 'evidence', 'objects', obj.slice(0, 2), `${obj}._S3rver_object`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    writeFileSync(file, bytes);
    const v = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(v.code, v.stderr).toBe(1);
    expect(v.stdout).toContain(`PROBLEM  object ${obj}: altered in the store`);
    expect(v.stdout).toContain(`PROBLEM  custody chain of workspace ${row.chain.slice(0, 16)}…, entry 2: its content does not match its hash (altered)`);
    expect(v.stdout).toMatch(/PROBLEM {2}capture \S+ time-stamp from .*: its token \S+ cannot be read/);
  }, 60_000);

  it("the hub's page shows the team's sellers in Chromium, in English and French, to a holder of a token only", async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      const en = await page.goto(`${server.url}/?token=${encodeURIComponent(lawyerToken)}`);
      expect(en?.status()).toBe(200);
      await expect.poll(() => page.locator('h1').textContent()).toBe('The team’s sellers');
      const rows = await page.locator('tbody tr').allTextContents();
      const shared = rows.find((r) => r.includes('Shared Seller'));
      expect(shared).toMatch(/shared_seller.*ebay.*1.*2.*Jane Roe, Max Mustermann/s);
      expect(rows.some((r) => r.includes('luxury_deals_88'))).toBe(true);
      expect(shared).toContain('1 Nov 2026, 10:00 UTC');
      await shot(page, 'hub-team-sellers-en');
      await page.goto(`${server.url}/?token=${encodeURIComponent(lawyerToken)}&lang=fr`);
      expect(await page.locator('h1').textContent()).toBe('Les vendeurs de l’équipe');
      expect(await page.locator('tbody').textContent()).toContain('1 nov. 2026, 10:00 UTC');
      expect(await page.locator('thead').textContent()).toMatch(/Vendeur.*Place de marché.*Annonces.*Captures.*Capturé par.*Dernière capture/s);
      await shot(page, 'hub-team-sellers-fr');
      const refused = await page.goto(`${server.url}/`);
      expect(refused?.status()).toBe(401);
      expect(await page.content()).not.toContain('shared_seller');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('a capture pushed before it was time-stamped gets its stamps on the next push, checked', async () => {
    const ws = await workspaceWithCaptures(1, 'late_stamps', false, false);
    expect(await pushWorkspace(ws, { url: server.url, token })).toMatchObject({ ok: true, capturesSent: 1 });
    const id = (await ws.db.get<{ id: string }>('SELECT id FROM captures'))?.id ?? '';
    expect((await pool.query('SELECT 1 FROM hub_stamps WHERE capture_id = $1', [id])).rowCount).toBe(0);
    expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
    const later = await pushWorkspace(ws, { url: server.url, token });
    expect(later).toMatchObject({ ok: true, capturesSent: 0, commit: { capturesAdded: 0 } });
    expect((await pool.query('SELECT 1 FROM hub_stamps WHERE capture_id = $1', [id])).rowCount).toBe(1);
    expect((await pool.query('SELECT 1 FROM hub_captures WHERE id = $1', [id])).rowCount).toBe(1);
    expect(await pushWorkspace(ws, { url: server.url, token })).toMatchObject({ ok: true, objectsSent: 0, capturesSent: 0, recorded: null });
    expect(await pushWorkspace(ws, { url: server.url, token })).toMatchObject({ ok: true, objectsSent: 0, capturesSent: 0, commit: null, recorded: null });
  }, 60_000);
  it('each push is in the workspace custody log (hub, user, captures, receipt), checked both ways by exhibit verify; the token is nowhere in it', async () => {
    const ws = await workspaceWithCaptures(1, 'recorded_shop');
    const r = await push(ws);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { recorded: number; commit: { receipt: { seq: number; hash: string } } };
    expect(r.stdout + r.stderr).not.toContain(token);
    const entry = await ws.db.get<{ action: string; subject: string; details: string }>('SELECT action, subject, details FROM custody_log WHERE seq = ?', [out.recorded]);
    const id = (await ws.db.get<{ id: string }>('SELECT id FROM captures'))?.id;
    expect(entry?.action).toBe('hub.pushed');
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ hub: server.url, user: 'Jane Roe', captures: [id], receipt: out.commit.receipt });
    const log = (await ws.db.all<{ details: string }>('SELECT details FROM custody_log')).map((e) => e.details).join('\n');
    expect(log).not.toContain(token);
    // the receipt is the hub's own custody entry recording this push
    const receipt = (await pool.query<{ action: string; hash: string }>("SELECT action, hash FROM hub_custody WHERE chain = 'hub' AND seq = $1", [out.commit.receipt.seq])).rows[0];
    expect(receipt).toEqual({ action: 'push.received', hash: out.commit.receipt.hash });
    const clean = await exhibit(['verify', '--workspace', ws.dir]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    // a push row edited behind the log's back, then one deleted: each found, and where
    expect(sqliteCli(join(ws.dir, 'exhibit.sqlite'), `UPDATE hub_pushes SET hub_user = 'Someone Else' WHERE custody_seq = ${out.recorded}`).code).toBe(0);
    const edited = await exhibit(['verify', '--workspace', ws.dir]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(`push to ${server.url} (custody entry ${out.recorded})`);
    expect(edited.stdout).toContain('user differ from what the custody log records');
    expect(sqliteCli(join(ws.dir, 'exhibit.sqlite'), `DELETE FROM hub_pushes WHERE custody_seq = ${out.recorded}`).code).toBe(0);
    const deleted = await exhibit(['verify', '--workspace', ws.dir]);
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toContain(`push recorded by custody entry ${out.recorded}`);
    expect(deleted.stdout).toContain('its row is gone from the database');
  }, 90_000);

  it("refuses a time-stamp from an authority the hub does not trust, even with the pusher's own root sent along", async () => {
    const stranger = await startTsa({ name: 'Unknown TSA' });
    try {
      const ws = await newWorkspace({ investigator: 'Investigator stranger', organisation: 'Acme' }, 'suite');
      for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
      expect((await addAuthority(ws.db, { url: stranger.url, name: 'Unknown TSA', rootPem: stranger.rootPem })).ok).toBe(true);
      await fileCapture(ws, listingExtraction({ marketplace: 'ebay', listingId: '777000111', sellerId: 'stranger', sellerName: 'Stranger', title: 'Odd bag' }));
      expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
      const before = await counts();
      const r = await pushWorkspace(ws, { url: server.url, token });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(new RegExp(`refused \\(422\\): capture \\S+: time-stamp from ${stranger.url.replace(/[.]/g, '\\.')}: its authority is not one this hub trusts \\(its administrator adds roots with exhibit hub init --tsa-roots FILE\\)`));
      expect(await counts()).toEqual(before);
      expect(await pendingUploads()).toEqual([]);
      expect(await ws.db.get("SELECT 1 AS x FROM custody_log WHERE action = 'hub.pushed'")).toBeUndefined();
    } finally {
      await stranger.close();
    }
  }, 60_000);

  it("a killed push's leftovers are deleted by the next push or hub verify of anyone, and a push going on keeps its objects", async () => {
    const ws = await workspaceWithCaptures(2, 'abandoned_shop');
    const child = spawn(process.execPath, [EXHIBIT_BIN, 'push', '--hub', server.url, '--token', token, '--workspace', ws.dir], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const arrived: string[] = [];
    onStored = (sha) => {
      arrived.push(sha);
      if (arrived.length === 2) child.kill('SIGKILL');
    };
    expect(await exited).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    onStored = () => undefined;
    const left = await pendingUploads();
    expect(left.length).toBeGreaterThanOrEqual(2);
    // an hour later, say: neither the uploads nor their user moved since
    await pool.query("UPDATE hub_uploads SET touched_at = now() - interval '2 hours'");
    await pool.query("UPDATE hub_users SET last_push_at = now() - interval '2 hours' WHERE name = 'Jane Roe'");
    // meanwhile Max's push is going on: one object of his has arrived, not yet committed
    const going = Buffer.from(`Max's object, in flight ${Date.now()}`);
    const goingSha = createHash('sha256').update(going).digest('hex');
    const put = await fetch(new URL(`/v1/objects/${goingSha}`, server.url), { method: 'PUT', headers: { authorization: `Bearer ${maxToken}` }, body: going });
    expect(put.status).toBe(200);
    const v = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(v.stdout).toContain(`${left.length} object(s) left by killed pushes, never committed, deleted.`);
    expect(await pendingUploads()).toEqual([goingSha]);
    const keys = storeKeys().objects;
    for (const sha of left) expect(keys).not.toContain(keyOf(sha));
    expect(keys).toContain(keyOf(goingSha));
    // the killed push, run again, sends what was deleted and completes
    const resumed = await push(ws);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as { objectsSent: number }).objectsSent).toBe((await distinctObjects(ws)).length);
    expect(await pendingUploads()).toEqual([goingSha]);
  }, 90_000);
  it('the Push button in the app (through exhibit serve): hub and token entered once, progress, what was sent, and a refusal with the hub reason, in English and French', async () => {
    const ws = await workspaceWithCaptures(2, 'button_shop');
    const served = await startServe(ws, { rendererDir: ensureRendererBuilt() });
    const browser = await launch();
    try {
      const { page, problems } = await openUi(browser, served.url);
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const card = page.getByRole('region', { name: 'Team hub' });
      await card.getByLabel('Hub address').fill(server.url);
      await card.getByLabel('Your token').fill(token);
      await card.getByRole('button', { name: 'Save hub' }).click();
      await expect.poll(() => card.getByRole('status').first().textContent()).toBe('Saved.');
      await expect.poll(() => card.getByLabel('Your token').getAttribute('placeholder')).toBe('A token is kept: leave empty to keep it.');
      await card.getByRole('button', { name: 'Push to hub' }).click();
      const outcome = card.getByTestId('hub-push-outcome');
      await expect.poll(() => outcome.textContent(), { timeout: 30_000 }).toMatch(/^Sent \d+ file\(s\); \d+ already in the hub\.2 capture\(s\) new to the hub\. The hub’s receipt: its custody entry \d+\. Recorded in this workspace’s custody log \(entry \d+\)\.$/);
      const sent = Number(/^Sent (\d+)/.exec((await outcome.textContent()) ?? '')?.[1]);
      const there = Number(/; (\d+) already/.exec((await outcome.textContent()) ?? '')?.[1]);
      expect(sent + there).toBe((await distinctObjects(ws)).length);
      await expect.poll(() => card.getByTestId('hub-pushes').textContent()).toContain('2 capture(s)');
      await shot(page, 'hub-push-button-en');
      const ids = (await ws.db.all<{ id: string }>('SELECT id FROM captures')).map((r) => r.id);
      expect((await pool.query('SELECT id FROM hub_captures WHERE id = ANY($1)', [ids])).rowCount).toBe(2);
      // the token is kept, never handed back to the page nor written in the custody log
      const answer = await page.evaluate(async () => {
        const kept = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('exhibit.token') ?? '';
        const r = await fetch('/api/hub.connection', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Exhibit-Token': kept }, body: '{}' });
        return r.text();
      });
      expect(answer).toContain('"tokenSet":true');
      expect(answer).not.toContain(token);
      expect((await ws.db.all<{ details: string }>('SELECT details FROM custody_log')).some((e) => e.details.includes(token))).toBe(false);
      expect(problems).toEqual([]);

      // a lawyer's token: the hub refuses, and the page says why, in French
      const fr = await openUi(browser, served.url, 'fr-FR');
      await fr.page.getByRole('button', { name: 'Réglages', exact: true }).click();
      const carte = fr.page.getByRole('region', { name: 'Hub de l’équipe' });
      await carte.getByLabel('Votre jeton').fill(lawyerToken);
      await carte.getByRole('button', { name: 'Enregistrer le hub' }).click();
      await expect.poll(() => carte.getByRole('status').first().textContent()).toBe('Enregistré.');
      await carte.getByRole('button', { name: 'Envoyer au hub' }).click();
      await expect.poll(() => carte.getByTestId('hub-push-outcome').textContent(), { timeout: 30_000 }).toContain('L’envoi n’a pas abouti. Réponse du hub, telle quelle (en anglais) : “the hub refused (403): Lou Lawyer is a lawyer: only an investigator pushes evidence”');
      await shot(fr.page, 'hub-push-button-fr-refused');
    } finally {
      await browser.close();
      await served.close();
    }
  }, 120_000);
});

async function firstCustody(ws: Workspace) {
  const e = await ws.db.get<{ seq: number; at: string; investigator: string; os_user: string; action: string; subject: string | null; details: string; prev_hash: string; hash: string; signature: string }>(
    'SELECT l.*, s.signature FROM custody_log l JOIN custody_signatures s ON s.seq = l.seq WHERE l.seq = 1',
  );
  if (!e) throw new Error('no entry');
  return { seq: e.seq, at: e.at, investigator: e.investigator, osUser: e.os_user, action: e.action, subject: e.subject, details: e.details, prevHash: e.prev_hash, hash: e.hash, signature: e.signature };
}

/** Every object a push of this workspace sends: manifests, artifacts, time-stamp tokens and the digest lists they cover. */
async function distinctObjects(ws: Workspace): Promise<string[]> {
  const rows = await ws.db.all<{ sha256: string }>(
    'SELECT DISTINCT sha256 FROM (SELECT manifest_sha256 AS sha256 FROM captures UNION SELECT sha256 FROM artifacts UNION SELECT token_sha256 FROM timestamps WHERE subject_kind = ? UNION SELECT batch_sha256 FROM timestamps WHERE batch_sha256 IS NOT NULL AND subject_kind = ?)',
    ['capture', 'capture'],
  );
  return rows.map((r) => r.sha256);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}
