import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../electron/core/extract/extract-page.js';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('Walmart', () => {
  it("reads a listing from __NEXT_DATA__: this item's seller, not a carousel product's", () => {
    const r = extractFixture('walmart-listing', 'https://www.walmart.com/ip/TrailMate-2-Person-Dome-Tent-Green/987654321');
    expect(r).toMatchObject({ marketplace: 'walmart.com', extractor: 'walmart', kind: 'listing' });
    expect(valuesOf(r.fields)).toMatchObject({
      listingId: '987654321',
      price: '59.97',
      currency: 'USD',
      availability: 'in-stock',
      brand: 'TrailMate',
      sellerName: 'Outdoor Depot',
      sellerId: 'F0000000000000000000000000ABCDEF',
    });
    expect(r.fields.sellerId?.source).toEqual({ kind: 'script', detail: '__NEXT_DATA__ product.sellerId' });
    expectSourced(r.fields);
  });

  it('falls back to the "Sold and shipped by" text, and to CAD on walmart.ca', () => {
    const r = extractPage('<h1>Tent</h1><span itemprop="price">$59.97</span><div data-testid="product-seller-info">Sold and shipped by Outdoor Depot</div>', 'https://www.walmart.ca/ip/tent/6000201234567');
    expect(r.marketplace).toBe('walmart.ca');
    expect(valuesOf(r.fields)).toMatchObject({ listingId: '6000201234567', price: '59.97', currency: 'CAD', sellerName: 'Outdoor Depot' });
  });

  it("files a seller's page as a storefront", () => {
    const r = extractFixture('walmart-seller', 'https://www.walmart.com/seller/101234567');
    expect(r.kind).toBe('storefront');
    expect(valuesOf(r.fields)).toEqual({ sellerName: 'Outdoor Depot', sellerId: '101234567', sellerUrl: 'https://www.walmart.com/seller/101234567' });
    expect(r.storefront?.map((l) => l.listingId)).toEqual(['987654321', '987654322']);
  });
});
