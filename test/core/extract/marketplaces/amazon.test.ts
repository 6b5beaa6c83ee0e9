import { describe, expect, it } from 'vitest';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('Amazon', () => {
  it('reads a German listing: 1.234,56 €, the seller of the new offer (not the used one), the brand from the byline', () => {
    const r = extractFixture('amazon-de-listing', 'https://www.amazon.de/Nordkap-Thermoskanne/dp/B0TEST1DE1/ref=sr_1_1');
    expect(r).toMatchObject({ marketplace: 'amazon.de', extractor: 'amazon', kind: 'listing', blocked: null, storefront: null });
    expect(r.recognisedBy).toEqual({ kind: 'url', detail: 'host amazon.de' });
    expect(valuesOf(r.fields)).toEqual({
      listingId: 'B0TEST1DE1',
      title: 'Nordkap Thermoskanne 1 L Edelstahl, doppelwandig',
      price: '1234.56',
      currency: 'EUR',
      availability: 'in-stock',
      brand: 'Nordkap',
      images: ['https://m.media-amazon.invalid/images/I/thermo._AC_SL1500_.jpg'],
      sellerName: 'Nordlicht Handel GmbH',
      sellerId: 'A1EXHIBITNORD1',
      sellerUrl: 'https://www.amazon.de/gp/help/seller/at-a-glance.html/ref=dp_merchant_link?ie=UTF8&seller=A1EXHIBITNORD1&isAmazonFulfilled=1',
      shipsFrom: 'Amazon',
    });
    expect(r.fields.listingId?.source).toEqual({ kind: 'url', detail: '/dp/{ASIN}' });
    // The price paid, not the struck-through list price beside it.
    expect(r.fields.price?.source).toEqual({ kind: 'selector', detail: '#corePriceDisplay_desktop_feature_div .priceToPay .a-offscreen' });
    expect(r.fields.sellerId?.source.kind).toBe('selector');
    expect(r.fields.sellerId?.source.detail).toContain('seller=');
    expectSourced(r.fields);
  });

  it('reads a French listing in the older layout: price block, tabular buy box, ASIN from /gp/product/', () => {
    const r = extractFixture('amazon-fr-listing', 'https://www.amazon.fr/gp/product/B0TEST2FR2?psc=1');
    expect(r.marketplace).toBe('amazon.fr');
    expect(valuesOf(r.fields)).toMatchObject({
      listingId: 'B0TEST2FR2',
      price: '8.71',
      currency: 'EUR',
      availability: 'in-stock',
      brand: 'LumiTrek',
      sellerName: 'LumiTrek Officiel',
      sellerId: 'A3EXHIBITLUMI3',
      shipsFrom: 'Amazon',
    });
    expect(r.fields.listingId?.source).toEqual({ kind: 'url', detail: '/gp/product/{ASIN}' });
    expectSourced(r.fields);
  });

  it('reads the newer offer-display layout, with a price printed in parts', () => {
    const r = extractFixture('amazon-com-listing', 'https://www.amazon.com/dp/B0TEST3US3');
    expect(valuesOf(r.fields)).toMatchObject({ listingId: 'B0TEST3US3', price: '24.99', currency: 'USD', availability: 'limited', brand: 'Harbor Bay', sellerName: 'Harbor Bay Goods', sellerId: 'A4EXHIBITHARB4', shipsFrom: 'Amazon' });
  });

  it('takes the ASIN from the page when the address has none', () => {
    const r = extractFixture('amazon-fr-listing', 'https://www.amazon.fr/some-search-redirect');
    expect(r.fields.listingId).toEqual({ value: 'B0TEST2FR2', source: { kind: 'selector', detail: 'input[name="ASIN"][value]' } });
  });

  it('files a seller storefront (/s?me=) as a storefront listing the ASINs it shows, once each', () => {
    const r = extractFixture('amazon-storefront', 'https://www.amazon.co.uk/s?me=A1EXHIBITNORD1&marketplaceID=A1F83G8C2ARO7P');
    expect(r.kind).toBe('storefront');
    expect(r.marketplace).toBe('amazon.co.uk');
    expect(valuesOf(r.fields)).toEqual({ sellerName: 'Nordlicht Handel', sellerId: 'A1EXHIBITNORD1', sellerUrl: 'https://www.amazon.co.uk/s?me=A1EXHIBITNORD1&marketplaceID=A1F83G8C2ARO7P' });
    expect(r.fields.sellerId?.source).toEqual({ kind: 'url', detail: '/s?me={seller}' });
    expect(r.storefront?.map((l) => l.listingId)).toEqual(['B0TEST1DE1', 'B0TEST9UK9']);
    expect(r.storefront?.[0]).toEqual({ listingId: 'B0TEST1DE1', url: 'https://www.amazon.co.uk/Nordkap-Thermoskanne/dp/B0TEST1DE1/ref=sr_1_1?me=A1EXHIBITNORD1', title: 'Nordkap Thermoskanne 1 L' });
  });

  it('reads the profile page a listing\u2019s "Sold by" links to as the seller\u2019s storefront', () => {
    const r = extractFixture('amazon-storefront', 'https://www.amazon.de/gp/help/seller/at-a-glance.html/ref=dp_merchant_link?ie=UTF8&seller=A1EXHIBITNORD1');
    expect(r.kind).toBe('storefront');
    expect(r.fields.sellerId?.value).toBe('A1EXHIBITNORD1');
  });

  it('never files a robot check as a listing, even when it carries an ASIN', () => {
    const r = extractFixture('amazon-captcha', 'https://www.amazon.com/dp/B0TEST3US3');
    expect(r.kind).toBe('blocked');
    expect(r.blocked?.kind).toBe('text');
    expect(r.fields).toEqual({});
    expect(r.fields.listingId).toBeUndefined();
    expect(r.marketplace).toBe('amazon.com');
  });

  it.each([
    ['https://www.amazon.co.uk/dp/B0TEST1DE1', 'amazon.co.uk'],
    ['https://www.amazon.com.be/dp/B0TEST1DE1', 'amazon.com.be'],
    ['https://amazon.co.jp/gp/aw/d/B0TEST1DE1', 'amazon.co.jp'],
    ['https://www.amazon.com.tr/-/en/dp/B0TEST1DE1', 'amazon.com.tr'],
    ['https://www.amazon.eg/dp/B0TEST1DE1', 'amazon.eg'],
  ])('knows the national site %s', (url, key) => {
    const r = extractFixture('amazon-fr-listing', url);
    expect(r.marketplace).toBe(key);
    expect(r.fields.listingId?.value).toBe('B0TEST1DE1');
  });

  it('reads a bare "$" on amazon.ca as Canadian dollars, and says so', () => {
    const r = extractFixture('amazon-com-listing', 'https://www.amazon.ca/dp/B0TEST3US3');
    expect(r.fields.currency?.value).toBe('CAD');
    expect(r.fields.currency?.source.detail).toContain("site's currency");
  });
});
