import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbenchHandlers } from '../../../electron/core/api/workbench-handlers.js';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { dashboardCounts, dashboardRows } from '../../../electron/core/catalogue/dashboard.js';
import { findListing } from '../../../electron/core/catalogue/listing-ref.js';
import { findSeller } from '../../../electron/core/catalogue/seller-ref.js';
import { recordReport } from '../../../electron/core/takedown/reports.js';
import { runRecapture } from '../../../electron/core/watch/recapture-run.js';
import { sellerTimeline } from '../../../electron/core/watch/timeline.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { readLastVisit } from '../../../electron/core/workspace/settings.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { SELLER, startChangingShop, type ChangingShop } from '../../helpers/changing-shop.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const FAST = { retryDelaysMs: [200, 200], blockedRetryMs: 3600_000, maxBlockedAttempts: 3, maxWaitMs: 5_000 };

let shop: ChangingShop;
let ws: Workspace;
let listingId: string;
let sellerId: string;

beforeAll(async () => {
  shop = await startChangingShop();
  ws = await newWorkspace(undefined, 'suite');
  // A listing with its seller, and a page that is no listing (a 404 by hand): filed under no seller.
  const first = await captureUrls(ws, { urls: [shop.listingUrl('B0TEST1DE1'), shop.url('/no-such-page')], browserPath: BROWSER });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  listingId = (await findListing(ws.db, 'amazon:B0TEST1DE1'))!.id;
  sellerId = (await findSeller(ws.db, `amazon:${SELLER}`))!.id;
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const recheck = async (state: 'v2' | 'captcha' | '404' | 'notice') => {
  shop.listings.set('B0TEST1DE1', state);
  const r = await runRecapture(ws, { mode: 'targets', targets: [{ kind: 'listing', id: listingId }], trigger: 'test', browserPath: BROWSER, concurrency: 1, policy: FAST });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
};
const now = () => new Date().toISOString();

describe('the dashboard: what needs attention since the last visit', { timeout: 180_000 }, () => {
  it('counts what came in since the visit marked seen, and one removal once however often it is re-checked', async () => {
    const api = workbenchHandlers(ws);
    const reportedOn = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    expect((await recordReport(ws.db, { listingId, platform: 'amazon.de', programme: 'amazon-brand-registry', reportRef: 'BR-OVERDUE', reportedOn })).ok).toBe(true);

    const before = await api['dashboard.get']({});
    expect(before.since).toBeNull();
    // Ten days after its report the listing has not been seen removed: overdue. The 404 by hand is unfiled.
    expect(before.counts).toMatchObject({ changed: 0, removed: 0, reappeared: 0, 'takedowns-overdue': 1, unfiled: 1 });
    const unfiled = await api['dashboard.rows']({ kind: 'unfiled' });
    expect(unfiled.map((r) => [r.outcome, r.seller, r.url])).toEqual([['not-found', null, shop.url('/no-such-page')]]);

    const seen = await api['dashboard.markSeen']({ asOf: before.asOf });
    expect(seen.since).toBe(before.asOf);
    expect(await readLastVisit(ws.db)).toBe(before.asOf);
    const entry = (await readCustodyLog(ws.db)).at(-1)!;
    expect(entry.action).toBe('settings.changed');
    expect(JSON.parse(entry.details)).toEqual({ lastVisitAt: { from: '', to: before.asOf } });
    await expect(api['dashboard.markSeen']({ asOf: '2999-01-01T00:00:00.000Z' })).rejects.toThrow(/in the future: nothing was marked seen/);

    await recheck('v2'); // changed
    await recheck('captcha'); // blocked
    await recheck('404'); // removed
    await recheck('notice'); // still removed: not a second removal
    await recheck('v2'); // back up: reappeared

    const d = await dashboardCounts(ws.db, seen.since, now());
    expect(d.counts).toEqual({ changed: 1, removed: 1, reappeared: 1, blocked: 1, 'takedowns-overdue': 0, unfiled: 1 });
    const removed = await dashboardRows(ws.db, 'removed', seen.since, d.asOf);
    expect(removed.map((r) => [r.listing, r.seller, r.outcome])).toEqual([['amazon:B0TEST1DE1', `amazon:${SELLER}`, 'not-found']]);
    expect((await dashboardRows(ws.db, 'reappeared', seen.since, d.asOf)).map((r) => r.listingId)).toEqual([listingId]);

    // The seller's timeline, read since the same moment, tells the same story.
    const events = (await sellerTimeline(ws.db, ws.store, sellerId)).events.filter((e) => e.at > seen.since!);
    const kinds = (k: string) => events.filter((e) => e.kind === k).length;
    expect([kinds('changed'), kinds('removed'), kinds('reappeared'), kinds('blocked')]).toEqual([d.counts.changed, d.counts.removed, d.counts.reappeared, d.counts.blocked]);

    // Everything marked seen: the counts start again from there.
    const after = await api['dashboard.markSeen']({ asOf: d.asOf });
    expect(after.counts).toMatchObject({ changed: 0, removed: 0, reappeared: 0, blocked: 0 });
  });

  it('the last visit is a setting like the others: verification replays it from the custody log', async () => {
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
  });
});
