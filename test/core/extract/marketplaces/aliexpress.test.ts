import { describe, expect, it } from 'vitest';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('AliExpress', () => {
  it('reads an item: id from /item/ID.html, price, the store number and name from storeModule', () => {
    const r = extractFixture('aliexpress-listing', 'https://www.aliexpress.com/item/1005001234567890.html?spm=a2g0o');
    expect(r).toMatchObject({ marketplace: 'aliexpress', extractor: 'aliexpress', kind: 'listing' });
    expect(valuesOf(r.fields)).toMatchObject({
      listingId: '1005001234567890',
      title: 'Silicone Phone Case for Model X Pro, Shockproof & Slim',
      price: '3.47',
      currency: 'USD',
      sellerId: '1102345678',
      sellerName: 'CaseWorld Official Store',
      sellerUrl: 'https://www.aliexpress.com/store/1102345678',
    });
    expect(r.fields.sellerId?.source).toEqual({ kind: 'script', detail: 'storeModule.storeNum' });
    expect(r.fields.title?.source).toEqual({ kind: 'script', detail: 'titleModule.subject' });
    expectSourced(r.fields);
  });

  it('is recognised on national subdomains', () => {
    expect(extractFixture('aliexpress-listing', 'https://de.aliexpress.com/item/1005001234567890.html').marketplace).toBe('aliexpress');
  });

  it('files a store page as a storefront', () => {
    const r = extractFixture('aliexpress-store', 'https://www.aliexpress.com/store/1102345678');
    expect(r.kind).toBe('storefront');
    expect(valuesOf(r.fields)).toEqual({ sellerName: 'CaseWorld Official Store', sellerId: '1102345678', sellerUrl: 'https://www.aliexpress.com/store/1102345678' });
    expect(r.storefront?.map((l) => l.listingId)).toEqual(['1005001234567890', '1005001234567891']);
  });
});
