import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBrand } from '../../../electron/core/fakes/brands.js';
import { addMonitor, searchResults, type Monitor } from '../../../electron/core/fakes/monitors.js';
import { runMonitors } from '../../../electron/core/fakes/monitor-run.js';
import { custodyLines } from '../../../electron/core/dossier/custody-lines.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { AMAZON_PAGE_1, AMAZON_PAGE_2, startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const ALL = [...AMAZON_PAGE_1, ...AMAZON_PAGE_2];

let shop: SearchShop;
let ws: Workspace;
let monitor: Monitor;

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  // Every result scores 0 or more: all five qualify for a capture in full.
  monitor = await addMonitor(ws.db, { url: shop.amazonUrl, brandId: brand.value.id, intervalSeconds: 3600, pages: 2, captureAbove: 0 });
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const listingsEntries = async () =>
  (await readCustodyLog(ws.db, { subject: monitor.id })).filter((e) => e.action === 'monitor.listings');

describe('a watched search cancelled while it captures the results over its threshold in full', { timeout: 240_000 }, () => {
  it('is recorded as cancelled with what was captured, given up and not reached; its result pages stay as read; the next run captures the rest', async () => {
    // Listing pages whose picture takes a minute: the first listing captured in full stays busy settling.
    shop.listingDelayMs = 60_000;
    const cancel = new AbortController();
    const poll = setInterval(() => {
      if (shop.listingHits.length > 0) {
        clearInterval(poll);
        cancel.abort();
      }
    }, 50);
    let first;
    try {
      first = await runMonitors(ws, { monitorIds: [monitor.id], browserPath: BROWSER, concurrency: 1, bounds: { settleMs: 3000, quietMs: 300 }, signal: cancel.signal });
    } finally {
      clearInterval(poll);
      shop.listingDelayMs = 0;
    }
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const [s] = first.value;
    // The result pages were captured and read before the cancel: the run saw every result, and is complete as to what it read.
    expect(s!.pages.map((p) => [p.outcome, p.cancelled, p.results])).toEqual([
      ['complete', false, AMAZON_PAGE_1.length],
      ['complete', false, AMAZON_PAGE_2.length],
    ]);
    expect(s!.counts).toEqual({ new: ALL.length, present: 0, gone: 0 });
    // ...but cancelled: one listing under way given up, the other four not reached, none captured.
    expect(s!.cancelled).toBe(true);
    expect(s!.listings).toEqual({ above: ALL.length, captured: 0, cancelled: 1, notReached: ALL.length - 1 });
    expect(s!.captured).toEqual([]);
    expect(shop.listingHits).toHaveLength(1);

    // No result is gone: each is new, as the result pages showed it.
    expect((await searchResults(ws.db, { monitorId: monitor.id })).map((r) => r.state)).toEqual(ALL.map(() => 'new'));
    // Custody: the run as read, then the cancelled listings step naming what is left for the next run.
    const ran = (await readCustodyLog(ws.db, { subject: monitor.id })).filter((e) => e.action === 'monitor.ran');
    expect(ran.map((e) => (JSON.parse(e.details) as { complete: boolean; gone: number }).gone)).toEqual([0]);
    const [step] = await listingsEntries();
    const d = JSON.parse(step!.details) as { runId: string; cancelled: boolean; captured: unknown[]; given: { resultId: string; captureId: string | null }[]; notReached: string[] };
    expect([d.runId, d.cancelled, d.captured.length, d.given.length, d.notReached.length]).toEqual([s!.runId, true, 0, 1, ALL.length - 1]);
    const words = (await custodyLines(ws.db, [step!])).map((l) => l.words);
    expect(words[0]!.en).toMatch(/0 captured in full, 1 given up when cancelled, 4 not reached; run cancelled/);
    expect(words[0]!.fr).toMatch(/0 capturés en entier, 1 abandonnés à l’annulation, 4 non atteints/);
    // The listing given up, when something of it could be sealed, is sealed partial, cancelled.
    if (d.given[0]!.captureId) {
      const row = await ws.db.get<{ sha: string }>('SELECT manifest_sha256 AS sha FROM captures WHERE id = ?', [d.given[0]!.captureId]);
      const manifest = JSON.parse((await ws.store.read(row!.sha)).toString('utf8')) as { provenance: { partialReasons?: { reason: string }[] } };
      expect(manifest.provenance.partialReasons?.map((r) => r.reason)).toContain('cancelled');
    }
    expect((await verifyWorkspace(ws)).problems).toEqual([]);

    // One listing not reached is taken down before the next run: it is rightly gone then, and not captured.
    const down = ALL.find((r) => r.id === 'B0OTHER001')!;
    expect(shop.listingHits[0]).not.toContain(down.id);
    shop.takenDown.add(down.id);
    const hitsBefore = shop.listingHits.length;
    const second = await runMonitors(ws, { monitorIds: [monitor.id], browserPath: BROWSER, concurrency: 1, bounds: { settleMs: 3000, quietMs: 300 } });
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    const [t] = second.value;
    expect([t!.cancelled, t!.complete]).toEqual([false, true]);
    expect(t!.counts).toEqual({ new: 0, present: ALL.length - 1, gone: 1 });
    // Nothing new, yet the four left (the one given up, three not reached and still shown) are captured in full now.
    expect(t!.listings).toEqual({ above: ALL.length - 1, captured: ALL.length - 1, cancelled: 0, notReached: 0 });
    const capturedIds = shop.listingHits.slice(hitsBefore).map((p) => p.split('/').pop()).sort();
    expect(capturedIds).toEqual(ALL.filter((r) => r.id !== down.id).map((r) => r.id).sort());
    expect(t!.captured.every((c) => c.outcome === 'complete')).toBe(true);
    const states = new Map((await searchResults(ws.db, { monitorId: monitor.id })).map((r) => [r.listingKey, r.state]));
    expect(ALL.map((r) => states.get(r.id))).toEqual(ALL.map((r) => (r.id === down.id ? 'gone' : 'present')));
    const steps = await listingsEntries();
    expect(steps).toHaveLength(2);
    expect((JSON.parse(steps[1]!.details) as { cancelled: boolean; captured: unknown[] }).captured).toHaveLength(ALL.length - 1);

    // A third run has nothing left to capture: no listing page is asked for, and no new custody entry for the step.
    const hitsThen = shop.listingHits.length;
    const third = await runMonitors(ws, { monitorIds: [monitor.id], browserPath: BROWSER, concurrency: 1, bounds: { settleMs: 3000, quietMs: 300 } });
    if (!third.ok) throw new Error(JSON.stringify(third.error));
    expect(third.value[0]!.listings).toEqual({ above: 0, captured: 0, cancelled: 0, notReached: 0 });
    expect(shop.listingHits.length).toBe(hitsThen);
    expect(await listingsEntries()).toHaveLength(2);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);

    // The cancelled step's entry edited to hide the listings left: exhibit verify finds it.
    await ws.db.run('DROP TRIGGER custody_log_no_update');
    await ws.db.run(`UPDATE custody_log SET details = REPLACE(details, '"cancelled":true', '"cancelled":false') WHERE seq = ?`, [step!.seq]);
    const problems = (await verifyWorkspace(ws)).problems;
    expect(problems).toContainEqual(expect.objectContaining({ where: `custody entry #${step!.seq}`, message: expect.stringMatching(/^altered/) as unknown }));
  });
});
