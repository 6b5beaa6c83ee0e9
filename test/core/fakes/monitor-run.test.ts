import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonText } from '../../../electron/core/fakes/reason-text.js';
import { addBrand, authoriseSeller } from '../../../electron/core/fakes/brands.js';
import { importCatalogue } from '../../../electron/core/fakes/brand-import.js';
import { addMonitor, searchResults } from '../../../electron/core/fakes/monitors.js';
import { runMonitors, type MonitorRunSummary } from '../../../electron/core/fakes/monitor-run.js';
import { decide, learnFromDecisions, triageQueue } from '../../../electron/core/fakes/triage.js';
import { watchOf } from '../../../electron/core/watch/rules.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { flaskPng } from '../../helpers/brand-images.js';
import { AMAZON_PAGE_1, AMAZON_PAGE_2, EBAY, OTHER, startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const FAST = { settleMs: 3000, quietMs: 300 };

let shop: SearchShop;
let ws: Workspace;
let first: MonitorRunSummary[];

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  const dir = tempDir();
  writeFileSync(join(dir, 'flask-front.png'), flaskPng(600, 600));
  writeFileSync(
    join(dir, 'catalogue.csv'),
    [
      'product,reference,market,retail_price,currency,images,keywords',
      ...['amazon', 'ebay', 'etsy', '127.0.0.1'].map((m) => `Nordkap Flask 500 ml,NK-500,${m},49.90,EUR,flask-front.png,nordkap|flask|gourde|trinkflasche`),
      'Nordkap Flask 1 l,NK-1000,amazon,59.90,EUR,,nordkap|1 l',
    ].join('\n'),
  );
  const imported = await importCatalogue(ws, brand.value.id, join(dir, 'catalogue.csv'));
  expect(imported).toEqual({ ok: true, value: { products: 2, images: 1 } });
  await authoriseSeller(ws.db, brand.value.id, 'ebay', 'nordkap_official');
  const b = brand.value.id;
  await addMonitor(ws.db, { url: shop.amazonUrl, brandId: b, intervalSeconds: 6 * 3600, pages: 2, captureAbove: 90 });
  for (const url of [shop.ebayUrl, shop.otherUrl]) await addMonitor(ws.db, { url, brandId: b, intervalSeconds: 6 * 3600, pages: 1, captureAbove: null });
  const run = await runMonitors(ws, { browserPath: BROWSER, concurrency: 2, bounds: FAST });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  first = run.value;
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const ALL = [...AMAZON_PAGE_1, ...AMAZON_PAGE_2, ...EBAY, ...OTHER];

describe('a watched search run', () => {
  it('captures every result page as evidence and reads each with its marketplace reader, the unknown layout with the generic one, saying so', () => {
    expect(first.map((s) => s.pages.map((p) => [p.reader, p.generic, p.results]))).toEqual([
      [['amazon-search', false, 3], ['amazon-search', false, 2]],
      [['ebay-search', false, 2]],
      [['generic-search', true, 2]],
    ]);
    expect(first.every((s) => s.complete && s.pages.every((p) => p.captureId && p.outcome === 'complete'))).toBe(true);
    expect(first.map((s) => s.counts)).toEqual([{ new: 5, present: 0, gone: 0 }, { new: 2, present: 0, gone: 0 }, { new: 2, present: 0, gone: 0 }]);
  });

  it('puts every fake above every genuine offer in the triage queue, each with its reasons', async () => {
    const queue = await triageQueue(ws.db);
    const fakes = new Set(ALL.filter((r) => r.fake).map((r) => r.id));
    const order = queue.map((q) => fakes.has(q.listingKey));
    expect(order).toEqual([...Array(fakes.size).fill(true), ...Array(ALL.length - fakes.size).fill(false)]);
    const byId = new Map(queue.map((q) => [q.listingKey, q]));
    const reasons = (id: string) => byId.get(id)!.reasons.map((r) => reasonText('en', r));
    expect(reasons('B0FAKE0001')).toEqual([
      '11.99 EUR is 24% of the retail price of Nordkap Flask 500 ml (NK-500) in amazon, 49.90 EUR',
      'replica words: "replica", "1:1", "mirror quality"',
      expect.stringMatching(/^the image matches the catalogue image flask-front\.png \(NK-500\): \d of 64 bits differ$/),
    ]);
    expect(reasons('B0FAKE0002')).toContainEqual(expect.stringMatching(/flask-front\.png \(NK-500\), mirrored/));
    expect(reasons('B0FAKE0002')).toContainEqual('replica words: "nachbildung"');
    expect(reasons('222222222222')).toContainEqual('"Nordkap" in the title, sold by bestbottles_cn (ebay:bestbottles_cn), not an authorised seller');
    expect(reasons('222222222222')).toContainEqual('3 feedback ratings');
    expect(reasons('7001')).toContainEqual('replica words: "高仿", "一比一"');
    expect(reasons('111111111111')).toEqual([]);
    expect(byId.get('222222222222')).toMatchObject({ sellerName: 'bestbottles_cn', price: '9.99', currency: 'EUR', thumbnail: shop.url('/img/official.png') });
  });

  it('captures in full the new results scoring over the monitor’s threshold', () => {
    const amazon = first[0]!;
    expect(amazon.captured.map((c) => c.url).sort()).toEqual([shop.url('/amazon/dp/B0FAKE0001'), shop.url('/amazon/dp/B0FAKE0002')]);
    expect(shop.listingHits.sort()).toEqual(['/amazon/dp/B0FAKE0001', '/amazon/dp/B0FAKE0002']);
  });

  it('marks results taken down as gone on the next run, and the rest still present', async () => {
    shop.takenDown.add('222222222222');
    const again = await runMonitors(ws, { monitorIds: [first[1]!.monitorId], browserPath: BROWSER, bounds: FAST });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(again.value.map((s) => s.counts)).toEqual([{ new: 0, present: 1, gone: 1 }]);
    const states = new Map((await searchResults(ws.db)).map((r) => [r.listingKey, r.state]));
    expect(states.get('222222222222')).toBe('gone');
    expect(states.get('111111111111')).toBe('present');
    expect(states.get('B0FAKE0001')).toBe('new');
    // a page that reads no result at all marks nothing gone: more likely a layout the reader missed than every listing down
    shop.takenDown.add('111111111111');
    const empty = await runMonitors(ws, { monitorIds: [first[1]!.monitorId], browserPath: BROWSER, bounds: FAST });
    if (!empty.ok) throw new Error(JSON.stringify(empty.error));
    expect(empty.value[0]).toMatchObject({ complete: false, counts: { new: 0, present: 0, gone: 0 } });
    // a run that could not read its page marks nothing gone: a captcha or an outage is not a takedown
    await shop.close();
    const down = await runMonitors(ws, { monitorIds: [first[1]!.monitorId], browserPath: BROWSER, bounds: FAST });
    if (!down.ok) throw new Error(JSON.stringify(down.error));
    expect(down.value[0]).toMatchObject({ complete: false, counts: { new: 0, present: 0, gone: 0 } });
    expect((await searchResults(ws.db)).find((r) => r.listingKey === '111111111111')?.state).toBe('present');
  }, 120_000);

  it('records decisions in custody; "counterfeit" files the listing under its seller and puts both on watch', async () => {
    const queue = await triageQueue(ws.db, { includeDecided: true });
    const id = (key: string) => queue.find((q) => q.listingKey === key)!.id;
    const made = await decide(ws.db, id('222222222222'), 'counterfeit', 'same photo as the catalogue');
    if (!made.ok) throw new Error(made.error);
    const f = made.value.filed!;
    expect(f.sellerId).not.toBeNull();
    expect((await watchOf(ws.db, 'seller', f.sellerId!))?.active).toBe(true);
    expect((await watchOf(ws.db, 'listing', f.listingId))?.nextDueAt).toBeDefined();
    const listing = await ws.db.get<{ seller_id: string }>('SELECT seller_id FROM listings WHERE id = ?', [f.listingId]);
    expect(listing?.seller_id).toBe(f.sellerId);
    const logged = (await readCustodyLog(ws.db, { subject: id('222222222222') })).map((e) => [e.action, JSON.parse(e.details).decision]);
    expect(logged).toEqual([['triage.decided', 'counterfeit']]);
    expect(await decide(ws.db, id('7002'), 'maybe')).toEqual({ ok: false, error: 'decision "maybe": expected counterfeit, genuine, test-buy' });
    await expect(ws.db.run('UPDATE triage_decisions SET decision = ?', ['genuine'])).rejects.toThrow(/kept as made/);
    expect((await triageQueue(ws.db)).some((q) => q.listingKey === '222222222222')).toBe(false);
  });

  it('learns weights from the decisions: old beside new, with how many decisions', async () => {
    const queue = await triageQueue(ws.db, { includeDecided: true });
    const id = (key: string) => queue.find((q) => q.listingKey === key)!.id;
    for (const k of ['B0FAKE0001', 'B0FAKE0002', '7001']) expect((await decide(ws.db, id(k), 'counterfeit')).ok).toBe(true);
    for (const k of ['B0NORDKAP1', 'B0NORDKAP2', '111111111111', '7002']) expect((await decide(ws.db, id(k), 'genuine')).ok).toBe(true);
    expect((await decide(ws.db, id('B0OTHER001'), 'test-buy')).ok).toBe(true);
    const learnt = await learnFromDecisions(ws.db, true);
    if (!learnt.ok) throw new Error(learnt.error);
    expect(learnt.value).toMatchObject({ decisions: 8, counterfeit: 4, genuine: 4, testBuys: 1, saved: true });
    expect(learnt.value.before.origin).toBe('default');
    expect(learnt.value.after.signals['replica-words']).toBeGreaterThan(learnt.value.before.weights.signals['replica-words']);
    expect(learnt.value.after.bias).toBeLessThan(learnt.value.before.weights.bias);
    const actions = (await readCustodyLog(ws.db)).map((e) => e.action);
    expect(actions.filter((a) => a === 'score.weights-set')).toHaveLength(1);
    expect(actions).toEqual(expect.arrayContaining(['brand.created', 'brand.imported', 'brand.seller-authorised', 'monitor.added', 'monitor.ran']));
  });
});
