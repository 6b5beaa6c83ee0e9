import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBrand } from '../../../electron/core/fakes/brands.js';
import { addMonitor, listMonitors, searchResults } from '../../../electron/core/fakes/monitors.js';
import { runMonitors } from '../../../electron/core/fakes/monitor-run.js';
import { RecaptureScheduler } from '../../../electron/core/watch/scheduler.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { AMAZON_PAGE_1, startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';

let shop: SearchShop;
let ws: Workspace;

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const runsOf = async (monitorId: string) => (await ws.db.all<{ id: string }>('SELECT id FROM monitor_runs WHERE monitor_id = ?', [monitorId])).length;

describe('the app scheduler and watched searches', () => {
  it('runs a due watched search once, through the same scheduler as re-captures, and leaves one not due alone', async () => {
    const brand = await addBrand(ws.db, 'Nordkap');
    if (!brand.ok) throw new Error(brand.error);
    // Run once by hand: not due again for six hours.
    const notDue = await addMonitor(ws.db, { url: shop.ebayUrl, brandId: brand.value.id, intervalSeconds: 6 * 3600, pages: 1, captureAbove: null });
    const byHand = await runMonitors(ws, { monitorIds: [notDue.id], browserPath: BROWSER, bounds: { settleMs: 3000, quietMs: 300 } });
    expect(byHand.ok).toBe(true);
    const due = await addMonitor(ws.db, { url: shop.amazonUrl, brandId: brand.value.id, intervalSeconds: 6 * 3600, pages: 1, captureAbove: null });
    expect((await listMonitors(ws.db, { due: new Date().toISOString() })).map((m) => m.id)).toEqual([due.id]);

    const scheduler = new RecaptureScheduler(ws, { everyMs: 200, trigger: 'app', browserPath: BROWSER });
    scheduler.start();
    try {
      const deadline = Date.now() + 60_000;
      let status = await scheduler.status();
      while (status.monitors.lastRuns.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = await scheduler.status();
      }
      expect(status.monitors.problem).toBeNull();
      expect(status.monitors.lastRuns.map((r) => [r.monitorId, r.complete, r.counts.new])).toEqual([[due.id, true, AMAZON_PAGE_1.length]]);
      // A few more looks: the search just run is no longer due, and is not run again.
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await scheduler.stop();
    }
    expect(await runsOf(due.id)).toBe(1);
    expect(await runsOf(notDue.id)).toBe(1);
    // What it found is recorded like a run from the command line: its results, its page captured, custody.
    const results = await searchResults(ws.db, { monitorId: due.id });
    expect(results.map((r) => r.listingKey).sort()).toEqual(AMAZON_PAGE_1.map((r) => r.id).sort());
    expect(results.every((r) => r.captureId !== null)).toBe(true);
    const ran = (await readCustodyLog(ws.db)).filter((e) => e.action === 'monitor.ran');
    expect(ran.map((e) => e.subject)).toEqual([notDue.id, due.id]);
    const m = (await listMonitors(ws.db)).find((x) => x.id === due.id)!;
    expect(Date.parse(m.nextDueAt) - Date.parse(m.lastRunAt!)).toBe(6 * 3600_000);
  }, 120_000);
});
