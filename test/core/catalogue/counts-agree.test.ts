import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryLine } from '../../../electron/cli/commands/recapture.js';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { countAttention, dashboardCounts, dashboardRows } from '../../../electron/core/catalogue/dashboard.js';
import { findListing } from '../../../electron/core/catalogue/listing-ref.js';
import { findSeller } from '../../../electron/core/catalogue/seller-ref.js';
import { runRecapture, type RunSummary } from '../../../electron/core/watch/recapture-run.js';
import { RecaptureScheduler } from '../../../electron/core/watch/scheduler.js';
import { sellerTimeline } from '../../../electron/core/watch/timeline.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { SELLER, startChangingShop, type ChangingShop } from '../../helpers/changing-shop.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * "1 removed" on the Watch screen and "0 removed" on the seller timeline, for
 * the same listing, is what the investigator saw: the Watch screen counted a
 * re-check that found a listing still gone. One count (the dashboard's) now
 * serves the Watch screen's last run, the seller timeline, the CLI and the
 * dashboard, and the rows each count opens are that same query's.
 */

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const FAST = { retryDelaysMs: [200, 200], blockedRetryMs: 3600_000, maxBlockedAttempts: 3, maxWaitMs: 5_000 };

let shop: ChangingShop;
let ws: Workspace;
let listingId: string;
let sellerId: string;

beforeAll(async () => {
  shop = await startChangingShop();
  ws = await newWorkspace(undefined, 'suite');
  const first = await captureUrls(ws, { urls: [shop.listingUrl('B0TEST1DE1')], browserPath: BROWSER });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  listingId = (await findListing(ws.db, 'amazon:B0TEST1DE1'))!.id;
  sellerId = (await findSeller(ws.db, `amazon:${SELLER}`))!.id;
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const recheck = async (state: '404' | 'notice'): Promise<RunSummary> => {
  shop.listings.set('B0TEST1DE1', state);
  const r = await runRecapture(ws, { mode: 'targets', targets: [{ kind: 'listing', id: listingId }], trigger: 'test', browserPath: BROWSER, concurrency: 1, policy: FAST });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
/** What the Watch screen shows of the latest run, as a fresh window reads it from the workspace. */
const watchCard = async () => {
  const scheduler = new RecaptureScheduler(ws, { everyMs: null });
  const last = (await scheduler.status()).last!;
  await scheduler.stop();
  return last;
};
const now = () => new Date().toISOString();

describe('one count of removed listings, wherever it is shown', { timeout: 120_000 }, () => {
  it('a run that finds the listing gone: one removed on the Watch card, the seller timeline, the dashboard and the CLI, and one row behind each', async () => {
    const run = await recheck('404');
    const card = await watchCard();
    expect([card.counts.removed, card.removals]).toEqual([1, 1]);
    expect(run.results.map((r) => [r.classification, r.stillRemoved])).toEqual([['removed', false]]);
    const windowRows = await dashboardRows(ws.db, 'removed', card.startedAt, card.finishedAt);
    expect(windowRows.map((r) => [r.listing, r.outcome])).toEqual([['amazon:B0TEST1DE1', 'not-found']]);

    const tl = await sellerTimeline(ws.db, ws.store, sellerId);
    expect(tl.removals).toBe(1);
    expect(tl.events.filter((e) => e.kind === 'removed').length).toBe(1);
    expect((await dashboardRows(ws.db, 'removed', null, now(), 500, { sellerId })).map((r) => r.captureId)).toEqual(windowRows.map((r) => r.captureId));
    expect((await dashboardCounts(ws.db, null, now())).counts.removed).toBe(1);
    expect(summaryLine(run, card.removals)).toContain(', 1 removed, 0 blocked');
    // Kept to another seller's listings: none of them.
    expect(await countAttention(ws.db, 'removed', null, now(), { sellerId: 'no-such-seller' })).toBe(0);
  });

  it('a run that finds it still gone: no removal anywhere, and the Watch card and CLI say "still removed"', async () => {
    const run = await recheck('notice');
    const card = await watchCard();
    // The run's classification is "removed"; it is not a second removal.
    expect([card.counts.removed, card.removals]).toEqual([1, 0]);
    // Its page in the run's table says so too.
    expect(run.results.map((r) => [r.classification, r.stillRemoved])).toEqual([['removed', true]]);
    expect(await dashboardRows(ws.db, 'removed', card.startedAt, card.finishedAt)).toEqual([]);
    expect(summaryLine(run, card.removals)).toContain(', 0 removed (1 more checked still removed), 0 blocked');

    const tl = await sellerTimeline(ws.db, ws.store, sellerId);
    expect(tl.events.filter((e) => e.kind === 'still-removed').length).toBe(1);
    expect([tl.removals, tl.events.filter((e) => e.kind === 'removed').length, (await dashboardCounts(ws.db, null, now())).counts.removed]).toEqual([1, 1, 1]);
  });
});
