import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSearchPage } from '../../../electron/core/fakes/readers/index.js';
import { ETSY, OTHER, startSearchShop, type SearchShop } from '../../helpers/search-shop.js';

/* The test shop's search layouts read without a browser (the monitor run test reads them through Chromium). */
let shop: SearchShop;
beforeAll(async () => {
  shop = await startSearchShop();
});
afterAll(() => shop.close());

const read = async (url: string) => readSearchPage(await (await fetch(url)).text(), url);

describe('search readers on the test shop', () => {
  it('reads Etsy cards with the shop that sells each', async () => {
    const r = await read(shop.etsyUrl);
    expect(r).toMatchObject({ reader: 'etsy-search', generic: false, marketplace: 'etsy' });
    expect(r.results.map((x) => [x.listingId, x.title, x.price, x.currency, x.sellerId, x.sellerName])).toEqual(ETSY.map((e) => [e.id, e.title, e.price, 'EUR', e.seller!.id, e.seller!.name]));
    expect(r.results[1]!.url).toBe(shop.url('/etsy/listing/900002'));
  });

  it('falls back to the generic reader on a layout no reader knows, and says so', async () => {
    const r = await read(shop.otherUrl);
    expect(r).toMatchObject({ reader: 'generic-search', generic: true, marketplace: '127.0.0.1' });
    expect(r.results.map((x) => [x.listingId, x.title, x.price, x.currency, x.thumbnail])).toEqual([
      [OTHER[0]!.id, OTHER[0]!.title, '8.50', 'EUR', shop.url('/img/official.png')],
      [OTHER[1]!.id, OTHER[1]!.title, '24.00', 'EUR', shop.url('/img/other.png')],
    ]);
  });

  it('drops a result taken down, and reads a page with no results as none', async () => {
    shop.takenDown.add('900001');
    expect((await read(shop.etsyUrl)).results.map((x) => x.listingId)).toEqual(['900002']);
    expect(readSearchPage('<html><body><p>No results</p></body></html>', 'https://shop.example/search?q=x')).toEqual({ marketplace: 'shop.example', reader: 'generic-search', generic: true, results: [] });
  });
});
