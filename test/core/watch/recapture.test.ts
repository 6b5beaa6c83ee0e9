import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { findListing } from '../../../electron/core/catalogue/listing-ref.js';
import { findSeller } from '../../../electron/core/catalogue/seller-ref.js';
import { recordReport } from '../../../electron/core/takedown/reports.js';
import { noticeText, reportedListings, reportsCsv } from '../../../electron/core/takedown/export.js';
import { takeLock, releaseLock } from '../../../electron/core/watch/lock.js';
import { runRecapture, type JobResult, type RunRequest, type RunSummary } from '../../../electron/core/watch/recapture-run.js';
import { addWatch, listWatches } from '../../../electron/core/watch/rules.js';
import { listingTimeline, sellerTimeline } from '../../../electron/core/watch/timeline.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { NEW_ASIN, SELLER, startChangingShop, type ChangingShop } from '../../helpers/changing-shop.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const FAST = { retryDelaysMs: [200, 200], blockedRetryMs: 3600_000, maxBlockedAttempts: 3, maxWaitMs: 5_000 };

let shop: ChangingShop;
let ws: Workspace;
let sellerId: string;
let listingId: string;

beforeAll(async () => {
  shop = await startChangingShop();
  ws = await newWorkspace(undefined, 'suite');
  const first = await captureUrls(ws, { urls: [shop.listingUrl('B0TEST1DE1'), shop.storefrontUrl()], browserPath: BROWSER });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  sellerId = (await findSeller(ws.db, `amazon:${SELLER}`))!.id;
  listingId = (await findListing(ws.db, 'amazon:B0TEST1DE1'))!.id;
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const run = async (request: RunRequest): Promise<RunSummary> => {
  const r = await runRecapture(ws, { ...request, trigger: 'test', browserPath: BROWSER, concurrency: 2, policy: FAST });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const ofListing = (s: RunSummary, key: string): JobResult[] => s.results.filter((r) => r.kind === 'listing' && r.url.includes(`/dp/${key}`));
const single = (s: RunSummary, key: string): JobResult => {
  const found = ofListing(s, key);
  expect(found, `results for ${key}: ${JSON.stringify(s.results)}`).toHaveLength(1);
  return found[0]!;
};

describe('re-capturing known offenders', { timeout: 120_000 }, () => {
  it('a seller watch re-captures its storefront and every listing of its own; nothing due runs nothing', async () => {
    await addWatch(ws.db, { kind: 'seller', targetId: sellerId, intervalSeconds: 86_400 });
    const s = await run({ mode: 'due' });
    expect(s.rulesDue).toBe(1);
    const storefront = s.results.filter((r) => r.kind === 'storefront');
    // Each page of the seller (two at a time, finishing in either order): the seller page the listing's "Sold by" links to, never captured, and its storefront, captured before.
    expect(storefront.map((r) => [r.classification, r.url]).sort((a, b) => (a[1]! < b[1]! ? -1 : 1))).toEqual([
      ['first', shop.url(`/gp/help/seller/at-a-glance.html/ref=dp_merchant_link?ie=UTF8&seller=${SELLER}&isAmazonFulfilled=1`)],
      ['first', shop.storefrontUrl()],
    ]);
    // Captured before and unchanged since: same fields, and the screenshots match.
    const listing = single(s, 'B0TEST1DE1');
    expect(listing).toMatchObject({ classification: 'unchanged', changes: [], status: 'done' });
    expect(listing.screenshotDiff).toBe(0);
    // Known from the storefront but never captured: its first capture.
    expect(single(s, 'B0TEST9UK9').classification).toBe('first');

    const [rule] = await listWatches(ws.db);
    expect(Date.parse(rule!.nextDueAt) - Date.parse(rule!.lastRunAt!)).toBe(86_400_000);
    const again = await run({ mode: 'due' });
    expect(again).toMatchObject({ rulesDue: 0, jobs: 0, results: [] });
  });

  it('a price change is classified changed, with before and after and the share of the screenshot that moved; a new storefront listing is captured and filed', async () => {
    shop.listings.set('B0TEST1DE1', 'v2');
    shop.storefrontHasNewListing = true;
    const s = await run({ mode: 'targets', targets: [{ kind: 'seller', id: sellerId }] });
    const changed = single(s, 'B0TEST1DE1');
    expect(changed.classification).toBe('changed');
    expect(changed.changes).toEqual([{ field: 'price', before: '1234.56 EUR', after: '999.00 EUR' }]);
    expect(changed.screenshotDiff).toBeGreaterThan(0);
    expect(changed.screenshotDiff).toBeLessThan(0.05);
    expect(single(s, 'B0TEST9UK9').classification).toBe('unchanged');

    const storefront = s.results.find((r) => r.kind === 'storefront')!;
    expect(storefront.classification).toBe('changed');
    expect(storefront.newListings).toHaveLength(1);
    const fresh = single(s, NEW_ASIN);
    expect(fresh.classification).toBe('first');
    const filed = await ws.db.get<{ listing_id: string; seller_id: string }>('SELECT listing_id, seller_id FROM captures WHERE id = ?', [fresh.captureId]);
    expect(filed).toEqual({ listing_id: (await findListing(ws.db, `amazon:${NEW_ASIN}`))!.id, seller_id: sellerId });

    const st = await sellerTimeline(ws.db, ws.store, sellerId);
    expect(st.events.filter((e) => e.kind === 'storefront').map((e) => 'appeared' in e && e.appeared)).toContainEqual([NEW_ASIN]);
  });

  it('a captcha is blocked and retried later, never counted as removed; a flaky network is retried with backoff', async () => {
    shop.listings.set('B0TEST1DE1', 'captcha');
    const blocked = single(await run({ mode: 'targets', targets: [{ kind: 'listing', id: listingId }] }), 'B0TEST1DE1');
    expect(blocked).toMatchObject({ classification: 'blocked', status: 'retry' });
    expect(Date.parse(blocked.retryAt!) - Date.now()).toBeGreaterThan(3000_000);
    expect((await listingTimeline(ws.db, listingId))!.status).toBe('up');

    shop.listings.set('B0TEST1DE1', 'flaky');
    // Asked for now, the waiting job is brought forward: the same job, not a second one.
    const s = await run({ mode: 'targets', targets: [{ kind: 'listing', id: listingId }] });
    const attempts = ofListing(s, 'B0TEST1DE1');
    expect(attempts.map((r) => [r.classification, r.status, r.attempt])).toEqual([
      ['error', 'retry', 2],
      ['unchanged', 'done', 3],
    ]);
    expect(new Set([blocked.jobId, ...attempts.map((a) => a.jobId)]).size).toBe(1);
  });

  it('a listing taken down after a report: removed (404), then the marketplace notice, then back; the report shows when', async () => {
    const reportedOn = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const report = await recordReport(ws.db, { listingId, platform: 'amazon.de', programme: 'amazon-brand-registry', reportRef: 'BR-2026-0042', reportedOn });
    expect(report.ok).toBe(true);

    shop.listings.set('B0TEST1DE1', '404');
    expect(single(await run({ mode: 'targets', targets: [{ kind: 'listing', id: listingId }] }), 'B0TEST1DE1')).toMatchObject({ classification: 'removed', outcome: 'not-found' });
    shop.listings.set('B0TEST1DE1', 'notice');
    expect(single(await run({ mode: 'targets', targets: [{ kind: 'listing', id: listingId }] }), 'B0TEST1DE1')).toMatchObject({ classification: 'removed', outcome: 'complete' });

    let t = (await listingTimeline(ws.db, listingId))!;
    expect(t.status).toBe('removed');
    expect(t.reports[0]).toMatchObject({ state: 'removed', days: 3, reportRef: 'BR-2026-0042' });
    const removal = t.events.filter((e) => e.kind === 'removed' || e.kind === 'still-removed');
    expect(removal.map((e) => [e.kind, e.removal?.reason, e.afterReport?.days ?? null])).toEqual([
      ['removed', 'status', 3],
      ['still-removed', 'notice', null],
    ]);
    expect(removal[1]!.removal!.matched).toMatch(/keine funktionierende Seite/);

    shop.listings.set('B0TEST1DE1', 'v2');
    const back = single(await run({ mode: 'targets', targets: [{ kind: 'listing', id: listingId }] }), 'B0TEST1DE1');
    expect(back).toMatchObject({ classification: 'unchanged', reappeared: true });
    t = (await listingTimeline(ws.db, listingId))!;
    expect(t.status).toBe('up');
    expect(t.reports[0]).toMatchObject({ state: 'came-back' });
    // In time order: the report was sent three days before these captures.
    expect(t.events.map((e) => e.kind)).toEqual(['reported', 'first-seen', 'unchanged', 'changed', 'blocked', 'error', 'unchanged', 'removed', 'still-removed', 'reappeared']);
    const change = t.events.find((e) => e.kind === 'changed')!;
    expect(change.changes).toEqual([{ field: 'price', before: '1234.56 EUR', after: '999.00 EUR' }]);
  });

  it('reported listings export as CSV and as a notice with each listing\u2019s URL and evidence hashes', async () => {
    const rows = await reportedListings(ws.db);
    const csv = reportsCsv(rows);
    const [head, line] = csv.trimEnd().split('\r\n');
    expect(head).toBe('reported_on,platform,programme,report_id,listing,url,title,seller,status,removed_on,days_to_removal,came_back_on,last_checked,evidence_capture,captured_at,manifest_sha256,screenshot_sha256');
    const evidence = rows[0]!.evidence!;
    const manifest = await ws.db.get<{ manifest_sha256: string }>('SELECT manifest_sha256 FROM captures WHERE id = ?', [evidence.captureId]);
    expect(line).toContain(`,amazon:B0TEST1DE1,${shop.listingUrl('B0TEST1DE1')},`);
    expect(line).toContain(`,came-back,`);
    expect(line).toContain(`,3,`);
    expect(line).toContain(manifest!.manifest_sha256);
    const notice = noticeText(rows, { platform: 'amazon.de', from: { investigator: 'Jane Roe', organisation: 'Acme Legal' }, date: '2026-11-28' });
    expect(notice).toContain(`1. ${shop.listingUrl('B0TEST1DE1')}`);
    expect(notice).toContain(`Manifest SHA-256: ${manifest!.manifest_sha256}`);
    expect(notice).toContain(`Screenshot SHA-256: ${evidence.screenshotSha256[0]}`);
    expect(notice).toContain('Amazon Brand Registry');
  });

  it('a second run cannot start while one holds the lock; a dead holder\u2019s lock is taken over', async () => {
    const held = await takeLock(ws.db, 'HOLDER');
    expect(held.ok).toBe(true);
    const refused = await runRecapture(ws, { mode: 'due', trigger: 'test', browserPath: BROWSER });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'locked', holder: { runId: 'HOLDER', pid: process.pid } } });
    await releaseLock(ws.db, 'HOLDER');
    // A process that was killed: its pid is gone.
    const now = new Date().toISOString();
    await ws.db.transaction((tx) => tx.run("INSERT INTO recapture_lock (id, run_id, pid, host, started_at, heartbeat) VALUES (1, 'DEAD', 2147483646, ?, ?, ?)", [hostname(), now, now]));
    expect((await takeLock(ws.db, 'NEXT')).ok).toBe(true);
    await releaseLock(ws.db, 'NEXT');
  });

  it('the workspace verifies clean, and every re-capture is in the custody log', async () => {
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    const classified = await ws.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM custody_log WHERE action = 'recapture.classified'");
    const rows = await ws.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM recaptures');
    expect(classified!.n).toBe(rows!.n);
    await expect(ws.db.run("UPDATE recaptures SET classification = 'unchanged'")).rejects.toThrow(/kept as made/);
  });

  it('a classification or a takedown report edited or slipped in with the sqlite3 tool is found by verify, and named', async () => {
    const target = await ws.db.get<{ capture_id: string }>("SELECT capture_id FROM recaptures WHERE classification = 'unchanged' LIMIT 1");
    await ws.db.exec('DROP TRIGGER recaptures_no_update');
    await ws.db.run("UPDATE recaptures SET classification = 'removed' WHERE capture_id = ?", [target!.capture_id]);
    await ws.db.run("INSERT INTO takedown_reports (id, listing_id, platform, programme, reported_on, created_at) VALUES ('FAKE', ?, 'amazon.de', 'other', '2026-01-01', '2026-01-01')", [listingId]);
    const report = await verifyWorkspace(ws);
    expect(report.problems.map((p) => `${p.where}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        `capture ${target!.capture_id} re-capture classification: classified removed, but the custody log records unchanged`,
        `takedown report FAKE: a report of listing ${listingId} to amazon.de that the custody log does not record`,
      ]),
    );
  });
});
