import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { findSeller } from '../../../electron/core/catalogue/seller-ref.js';
import { runRecapture, type JobResult, type RunRequest, type RunSummary } from '../../../electron/core/watch/recapture-run.js';
import { addWatch } from '../../../electron/core/watch/rules.js';
import { sellerTimeline, type TraderDetailsEvent } from '../../../electron/core/watch/timeline.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { aliexpressStore, BRIGHT_TRADER, startMarketplaceProxy, STORE_PAGES, type MarketplaceProxy } from '../../helpers/store-pages.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * A watched seller with two pages of its own (#20): its AliExpress store
 * page listing its items, and its business licence page with its trader
 * details. A due run re-captures both, and its listings, each page
 * compared with its own earlier re-capture, never with the other page;
 * the licence page's VAT number changing is a "trader details changed"
 * event.
 */

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const SHOP = 'https://www.aliexpress.com/store/1102345678';
const LICENCE = 'https://shoprenderview.aliexpress.com/credential/showcredential.htm?storeNum=1102345678';
const ITEMS = ['1005006000000001', '1005006000000002'];
const itemUrl = (id: string) => `https://www.aliexpress.com/item/${id}.html`;
const LISTING = readFileSync(new URL('../../fixtures/marketplace-pages/aliexpress-listing.html', import.meta.url), 'utf8');
const licence = (vat: string) => STORE_PAGES[LICENCE]!.replace('</table>', `<tr><th>VAT number:</th><td>${vat}</td></tr></table>`);

const pages: Record<string, string> = {
  [SHOP]: aliexpressStore('1102345678', BRIGHT_TRADER),
  [LICENCE]: licence('NL 8261.23.456.B01'),
  ...Object.fromEntries(ITEMS.map((id) => [itemUrl(id), LISTING.replaceAll('1005001234567890', id)])),
};
let proxy: MarketplaceProxy;
let ws: Workspace;
let sellerId: string;
let ruleId: string;
const firstRun = new Map<string, string>();

const run = async (request: RunRequest): Promise<RunSummary> => {
  const r = await runRecapture(ws, { ...request, trigger: 'test', browserPath: BROWSER, proxy: proxy.url, trustedSpki: [proxy.spki], concurrency: 1 });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const storefronts = (s: RunSummary): JobResult[] => s.results.filter((r) => r.kind === 'storefront').sort((a, b) => (a.url < b.url ? -1 : 1));
const comparedWith = async (captureId: string): Promise<string | undefined> =>
  (await ws.db.get<{ id: string }>('SELECT compared_with_id AS id FROM recaptures WHERE capture_id = ?', [captureId]))?.id;

beforeAll(async () => {
  proxy = await startMarketplaceProxy(pages);
  ws = await newWorkspace(undefined, 'suite');
  const r = await captureUrls(ws, { urls: [SHOP, LICENCE], browserPath: BROWSER, proxy: proxy.url, trustedSpki: [proxy.spki] });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.value.map((c) => c.page.outcome)).toEqual(['complete', 'complete']);
  sellerId = (await findSeller(ws.db, 'aliexpress:1102345678'))!.id;
  ruleId = (await addWatch(ws.db, { kind: 'seller', targetId: sellerId, intervalSeconds: 86_400 })).id;
}, 120_000);
afterAll(async () => {
  await ws?.close();
  await proxy?.close();
});

describe("a watched seller's pages, each re-captured and compared with itself", { timeout: 300_000 }, () => {
  it('a due run re-captures the store page and the licence page, and the listings the store page shows', async () => {
    const s = await run({ mode: 'due' });
    expect(s.rulesDue).toBe(1);
    expect(storefronts(s).map((r) => [r.url, r.classification])).toEqual([
      [LICENCE, 'first'],
      [SHOP, 'first'],
    ]);
    for (const r of storefronts(s)) firstRun.set(r.url, r.captureId!);
    const listings = s.results.filter((r) => r.kind === 'listing');
    expect(listings.map((r) => r.url).sort()).toEqual(ITEMS.map(itemUrl));
    expect(listings.every((r) => r.status === 'done')).toBe(true);
  });

  it("run again with the licence page's VAT number changed: each page unchanged against its own last re-capture, and the trader details change is an event", async () => {
    pages[LICENCE] = licence('NL 8599.11.222.B01');
    const s = await run({ mode: 'rule', ruleId });
    const [licencePage, shopPage] = storefronts(s);
    // The shop page's two items against the shop page's two items, the licence page's none against its none: never one page against the other.
    expect([licencePage!.url, licencePage!.classification, shopPage!.url, shopPage!.classification]).toEqual([LICENCE, 'unchanged', SHOP, 'unchanged']);
    expect(await comparedWith(licencePage!.captureId!)).toBe(firstRun.get(LICENCE));
    expect(await comparedWith(shopPage!.captureId!)).toBe(firstRun.get(SHOP));

    const events = (await sellerTimeline(ws.db, ws.store, sellerId)).events.filter((e): e is TraderDetailsEvent => e.kind === 'trader-details');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ captureId: licencePage!.captureId, previousCaptureId: firstRun.get(LICENCE), url: LICENCE });
    expect(events[0]!.changes).toEqual([{ field: 'vat', before: 'NL 8261.23.456.B01', after: 'NL 8599.11.222.B01' }]);

    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });
});
