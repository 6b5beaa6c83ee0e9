import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonText } from '../../../electron/core/fakes/reason-text.js';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { importCatalogue } from '../../../electron/core/fakes/brand-import.js';
import { addBrand, authoriseSeller } from '../../../electron/core/fakes/brands.js';
import { scoreListings, type ListingScore } from '../../../electron/core/fakes/listing-score.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { exhibit } from '../../helpers/cli.js';
import { flaskPng } from '../../helpers/brand-images.js';
import { FAKE_PRODUCT, OFFERS_ASIN, PANEL_OFFERS, startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const FAST = { settleMs: 3000, quietMs: 300 };

let shop: SearchShop;
let ws: Workspace;
let scored: ListingScore[];

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  const dir = tempDir();
  writeFileSync(join(dir, 'flask-front.png'), flaskPng(600, 600));
  writeFileSync(
    join(dir, 'catalogue.csv'),
    ['product,reference,market,retail_price,currency,images,keywords', 'Nordkap Flask 500 ml,NK-500,amazon,49.90,EUR,flask-front.png,nordkap|flask'].join('\n'),
  );
  expect(await importCatalogue(ws, brand.value.id, join(dir, 'catalogue.csv'))).toEqual({ ok: true, value: { products: 1, images: 1 } });
  await authoriseSeller(ws.db, brand.value.id, 'amazon', PANEL_OFFERS[0]!.id);
  const r = await captureUrls(ws, { urls: [shop.offersDetailUrl, shop.fakeProductUrl], browserPath: BROWSER, concurrency: 2, bounds: FAST });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.value.map((c) => c.page.outcome)).toEqual(['complete', 'complete']);
  scored = await scoreListings(ws);
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const evidence = (s: ListingScore | undefined) => (s?.reasons ?? []).map((r) => [r.signal, reasonText('en', r)]);

describe('the score of captured listings', () => {
  it('scores each seller of a listing: the fake offer on a genuine page above the authorised seller, with its reasons', () => {
    const onGenuine = scored.filter((s) => s.listingKey === OFFERS_ASIN);
    expect(onGenuine.map((s) => [s.seller?.sellerKey, s.price])).toEqual([
      [PANEL_OFFERS[1]!.id, '11.99'],
      [PANEL_OFFERS[0]!.id, '49.90'],
    ]);
    expect(evidence(onGenuine[0])).toEqual([
      ['price-low', '11.99 EUR is 24% of the retail price of Nordkap Flask 500 ml (NK-500) in amazon, 49.90 EUR'],
      ['unauthorised-brand', `"Nordkap" in the title, sold by Cheap Bottles (amazon:${PANEL_OFFERS[1]!.id}), not an authorised seller`],
      ['seller-signals', '3 feedback ratings, ships from China'],
    ]);
    expect(onGenuine[1]!.reasons).toEqual([]);
    expect(onGenuine[0]!.score).toBeGreaterThan(onGenuine[1]!.score);
  });

  it("reads a fake's own page: replica words, the official image as the capture recorded it (named), the price and the unknown seller", () => {
    const fake = scored.find((s) => s.listingKey === FAKE_PRODUCT.asin)!;
    expect(scored[0]).toBe(fake);
    expect(evidence(fake)).toEqual([
      ['price-low', '12.99 EUR is 26% of the retail price of Nordkap Flask 500 ml (NK-500) in amazon, 49.90 EUR'],
      ['replica-words', 'replica words: "replica", "1:1", "mirror quality"'],
      ['official-image', expect.stringMatching(/^the image matches the catalogue image flask-front\.png \(NK-500\): \d of 64 bits differ$/)],
      ['unauthorised-brand', `"Nordkap" in the title, sold by ${FAKE_PRODUCT.seller.name} (amazon:${FAKE_PRODUCT.seller.id}), not an authorised seller`],
    ]);
    expect(fake.score).toBeGreaterThanOrEqual(90);
  });

  it('is shown by exhibit triage listings, as text and JSON', async () => {
    const text = await exhibit(['triage', 'listings', '--workspace', ws.dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`amazon:${FAKE_PRODUCT.asin}  ${FAKE_PRODUCT.title}`);
    expect(text.stdout).toContain('- an official image reused: the image matches the catalogue image flask-front.png (NK-500)');
    const json = await exhibit(['triage', 'listings', '--workspace', ws.dir, '--json']);
    expect((JSON.parse(json.stdout) as ListingScore[]).map((s) => [s.listingKey, s.seller?.sellerKey, s.score])).toEqual(scored.map((s) => [s.listingKey, s.seller?.sellerKey, s.score]));
  });
});
