import { describe, expect, it } from 'vitest';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('Etsy', () => {
  it('reads a listing: id from /listing/ID/, the price without its screen-reader label, the shop beside the buy box', () => {
    const r = extractFixture('etsy-listing', 'https://www.etsy.com/uk/listing/1234567890/hand-stamped-silver-moon-necklace');
    expect(r).toMatchObject({ marketplace: 'etsy', extractor: 'etsy', kind: 'listing' });
    expect(valuesOf(r.fields)).toMatchObject({
      listingId: '1234567890',
      title: 'Hand-stamped Silver Moon Necklace',
      price: '28.00',
      currency: 'GBP',
      availability: 'limited',
      sellerName: 'LunaForgeStudio',
      sellerId: 'LunaForgeStudio',
      sellerUrl: 'https://www.etsy.com/shop/LunaForgeStudio',
    });
    expect(r.fields.sellerId?.source.detail).toContain('#listing-page-cart');
    expectSourced(r.fields);
  });

  it('files a shop as a storefront with its listing ids', () => {
    const r = extractFixture('etsy-shop', 'https://www.etsy.com/uk/shop/LunaForgeStudio');
    expect(r.kind).toBe('storefront');
    expect(valuesOf(r.fields)).toEqual({ sellerName: 'LunaForgeStudio', sellerId: 'LunaForgeStudio', sellerUrl: 'https://www.etsy.com/shop/LunaForgeStudio' });
    expect(r.storefront?.map((l) => [l.listingId, l.title])).toEqual([
      ['1234567890', 'Hand-stamped Silver Moon Necklace'],
      ['1234567891', 'Star Stud Earrings'],
    ]);
  });
});
