import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAmazonOffers } from '../../../electron/core/fakes/readers/amazon-offers.js';
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

describe('the all-offers panel (AOD)', () => {
  it('gives one offer per seller, with price, condition, seller id and ships from', () => {
    const offer = (seller: string, id: string, price: string, from: string) => `<div id="aod-offer">
  <div id="aod-offer-heading"><h5>New</h5></div>
  <span class="a-price"><span class="a-offscreen">${price}</span></span>
  <div id="aod-offer-shipsFrom"><span class="a-color-tertiary">Ships from</span><span class="a-size-small a-color-base">${from}</span></div>
  <div id="aod-offer-soldBy"><a class="a-size-small a-link-normal" href="/gp/aag/main?ie=UTF8&seller=${id}&asin=B0NORDKAP1">${seller}</a></div>
  <div id="aod-offer-seller-rating"><span>(12 total ratings)</span></div>
</div>`;
    const html = `<div id="aod-container">${offer('Nordkap', 'A1NORDKAPOFFICIAL', '49,90 €', 'Amazon')}${offer('Cheap Bottles', 'A9FAKE', '11,99 €', 'China')}</div>`;
    expect(readAmazonOffers(html, 'https://www.amazon.de/dp/B0NORDKAP1').map((o) => [o.sellerName, o.sellerId, o.price, o.currency, o.condition, o.shipsFrom, o.feedbackCount])).toEqual([
      ['Nordkap', 'A1NORDKAPOFFICIAL', '49.90', 'EUR', 'New', 'Amazon', 12],
      ['Cheap Bottles', 'A9FAKE', '11.99', 'EUR', 'New', 'China', 12],
    ]);
    expect(readAmazonOffers('<p>no offers</p>', 'https://www.amazon.de/dp/X')).toEqual([]);
  });
});
