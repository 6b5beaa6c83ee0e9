import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBrand } from '../../../electron/core/fakes/brands.js';
import { addMonitor, listMonitors, searchResults, type Monitor } from '../../../electron/core/fakes/monitors.js';
import { runMonitors } from '../../../electron/core/fakes/monitor-run.js';
import { custodyLines } from '../../../electron/core/dossier/custody-lines.js';
import { RecaptureScheduler, type RecaptureStatus } from '../../../electron/core/watch/scheduler.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { AMAZON_PAGE_1, AMAZON_PAGE_2, startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
/** the run must be over this soon after the cancel; left alone, its pages wait 30 s for their thumbnails, then a second search runs */
const CANCEL_BOUND_MS = 25_000;

let shop: SearchShop;
let ws: Workspace;
let amazon: Monitor;
let ebay: Monitor;

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  // Seen once already, so a cancelled run that took its unread pages for the truth would mark every result gone.
  amazon = await addMonitor(ws.db, { url: shop.amazonUrl, brandId: brand.value.id, intervalSeconds: 1, pages: 3, captureAbove: null });
  const first = await runMonitors(ws, { monitorIds: [amazon.id], browserPath: BROWSER, bounds: { settleMs: 3000, quietMs: 300 } });
  if (!first.ok || !first.value[0]?.complete) throw new Error('the first run did not complete');
  // Due again a second after that run; hourly from now on.
  amazon = await addMonitor(ws.db, { url: shop.amazonUrl, brandId: brand.value.id, intervalSeconds: 3600, pages: 3, captureAbove: null });
  await new Promise((r) => setTimeout(r, 1500));
  // Due after it: the search the cancelled run must not start.
  ebay = await addMonitor(ws.db, { url: shop.ebayUrl, brandId: brand.value.id, intervalSeconds: 3600, pages: 1, captureAbove: null });
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const until = async (scheduler: RecaptureScheduler, what: (s: RecaptureStatus) => boolean, ms: number): Promise<RecaptureStatus> => {
  const deadline = Date.now() + ms;
  let s = await scheduler.status();
  while (!what(s)) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${JSON.stringify(s.monitors)}`);
    await new Promise((r) => setTimeout(r, 100));
    s = await scheduler.status();
  }
  return s;
};

describe('cancelling a background watched-search run through the scheduler', () => {
  it('shows the search under way, gives up its pages within seconds, records it cancelled, marks nothing gone and starts no other search', async () => {
    expect((await listMonitors(ws.db, { due: new Date().toISOString() })).map((m) => m.id)).toEqual([amazon.id, ebay.id]);
    // Thumbnails that take 30 s: the result pages stay busy settling.
    shop.imageDelayMs = 30_000;
    const imagesBefore = shop.imageHits.length;
    const scheduler = new RecaptureScheduler(ws, { everyMs: 200, trigger: 'app', browserPath: BROWSER });
    let run: RecaptureStatus['monitors']['lastRuns'][number] | undefined;
    scheduler.start();
    try {
      // Under way: the browser has a result page and asks for its thumbnails.
      const going = await until(scheduler, (s) => s.monitors.run?.current?.monitorId === amazon.id && shop.imageHits.length > imagesBefore, 60_000);
      expect(going.monitors.running).toBe(true);
      expect(going.monitors.run!.current).toMatchObject({ url: shop.amazonUrl, brand: 'Nordkap', search: 1, searches: 2, phase: 'pages', done: 0, total: 3 });
      expect(going.monitors.run!.cancelling).toBe(false);
      expect(going.running).toBeNull();

      const cancelledAt = Date.now();
      expect(scheduler.cancel()).toBe(true);
      expect((await scheduler.status()).monitors.run?.cancelling).toBe(true);
      const ended = await until(scheduler, (s) => !s.monitors.running, CANCEL_BOUND_MS);
      expect(Date.now() - cancelledAt).toBeLessThan(CANCEL_BOUND_MS);

      expect(ended.monitors.lastCancelled).toBe(true);
      expect(ended.monitors.problem).toBeNull();
      expect(ended.monitors.lastRuns).toHaveLength(1);
      run = ended.monitors.lastRuns[0];
      expect([run!.monitorId, run!.cancelled, run!.complete]).toEqual([amazon.id, true, false]);
      // Pages 1 and 2 were under way (two at a time): sealed partial, cancelled, not read; page 3 was never started.
      expect(run!.pages.map((p) => [p.page, p.outcome, p.cancelled, p.results, p.captureId === null])).toEqual([
        [1, 'partial', true, 0, false],
        [2, 'partial', true, 0, false],
        [3, 'cancelled', true, 0, true],
      ]);
      for (const p of run!.pages.slice(0, 2)) {
        const row = await ws.db.get<{ sha: string }>('SELECT manifest_sha256 AS sha FROM captures WHERE id = ?', [p.captureId!]);
        const manifest = JSON.parse((await ws.store.read(row!.sha)).toString('utf8')) as { provenance: { partialReasons?: { reason: string }[] } };
        expect(manifest.provenance.partialReasons?.map((r) => r.reason)).toContain('cancelled');
      }
      expect(run!.counts).toEqual({ new: 0, present: 0, gone: 0 });
      expect(ended.monitors.heldUntil).not.toBeNull();

      // A few more looks: held back by the cancel, the search due after it does not start.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await scheduler.status()).monitors.running).toBe(false);
    } finally {
      shop.imageDelayMs = 0;
      await scheduler.stop();
    }

    const runs = async (id: string) => (await ws.db.all<{ id: string }>('SELECT id FROM monitor_runs WHERE monitor_id = ?', [id])).length;
    expect(await runs(amazon.id)).toBe(2);
    expect(await runs(ebay.id)).toBe(0);
    // Every result seen before is still there: none read as gone.
    const results = await searchResults(ws.db, { monitorId: amazon.id });
    expect(results.map((r) => r.state).sort()).toEqual([...AMAZON_PAGE_1, ...AMAZON_PAGE_2].map(() => 'new'));
    // Recorded in custody as cancelled; due again at its next interval.
    const ran = (await readCustodyLog(ws.db)).filter((e) => e.action === 'monitor.ran' && e.subject === amazon.id);
    const details = ran.map((e) => JSON.parse(e.details) as { cancelled: boolean; complete: boolean; gone: number });
    expect(details.map((d) => [d.cancelled, d.complete, d.gone])).toEqual([
      [false, true, 0],
      [true, false, 0],
    ]);
    // In words, as the dossier and the custody screen say it.
    const words = (await custodyLines(ws.db, ran)).map((l) => l.words);
    expect(words[0]!.en).not.toContain('cancelled');
    expect(words[1]!.en).toMatch(/^Watched search run: .*, 0 results \(0 new, 0 gone\), cancelled \(nothing marked gone\)$/);
    expect(words[1]!.fr).toMatch(/, annulée \(rien n’est marqué disparu\)$/);
    const m = (await listMonitors(ws.db)).find((x) => x.id === amazon.id)!;
    expect(Date.parse(m.nextDueAt) - Date.parse(m.lastRunAt!)).toBe(3600_000);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);

    // Passed off afterwards as a complete run that found the listings gone: exhibit verify says so.
    const cancelledRun = run!.runId;
    await ws.db.run("UPDATE monitor_runs SET complete = 1 WHERE id = ?", [cancelledRun]);
    await ws.db.run("UPDATE search_results SET state = 'gone' WHERE monitor_id = ?", [amazon.id]);
    const problems = (await verifyWorkspace(ws)).problems.map((p) => `${p.where}: ${p.message}`);
    expect(problems).toContain(`monitor run ${cancelledRun}: its counts, readers, completeness or captured pages differ from what the custody log records: edited without a record`);
    expect(problems.filter((p) => p.includes('its state "gone" differs from the custody log\'s "new"'))).toHaveLength(results.length);
  }, 240_000);
});
