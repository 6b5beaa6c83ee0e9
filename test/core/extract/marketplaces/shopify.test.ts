import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../electron/core/extract/extract-page.js';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('Shopify stores', () => {
  it('recognises a store on its own domain by its marks; the product id is the listing id, the store is the seller', () => {
    const r = extractFixture('shopify-product', 'https://wickandember.example/products/cedar-smoke-soy-candle');
    expect(r).toMatchObject({ marketplace: 'wickandember.example', extractor: 'shopify', kind: 'listing' });
    expect(r.recognisedBy).toEqual({ kind: 'script', detail: 'Shopify.shop' });
    expect(valuesOf(r.fields)).toMatchObject({
      listingId: '7012345678901',
      sku: 'WE-CS-300',
      title: 'Cedar & Smoke Soy Candle 300g',
      price: '24.00',
      currency: 'GBP',
      availability: 'in-stock',
      brand: 'Wick & Ember',
      sellerName: 'Wick & Ember',
      sellerId: 'wickandember.example',
      sellerUrl: 'https://wickandember.example/',
    });
    expect(r.fields.listingId?.source).toEqual({ kind: 'script', detail: 'ShopifyAnalytics.meta.product.id' });
    expect(r.fields.sku?.source).toEqual({ kind: 'script', detail: 'ShopifyAnalytics.meta.product.variants[0].sku' });
    expectSourced(r.fields);
  });

  it('falls back to the variant id, then the handle, when the page carries no product id', () => {
    const page = '<script>Shopify.shop = "x.myshopify.com";</script><h1>Candle</h1>';
    expect(extractPage(page, 'https://www.x.example/products/fig-candle?variant=41000000000001').fields.listingId).toEqual({ value: '41000000000001', source: { kind: 'url', detail: '?variant={id}' } });
    expect(extractPage(page, 'https://www.x.example/products/fig-candle').fields.listingId).toEqual({ value: 'fig-candle', source: { kind: 'url', detail: '/products/{handle}' } });
    expect(extractPage(page, 'https://www.x.example/products/fig-candle').marketplace).toBe('x.example');
  });

  it('files a collection as the store front, by product id where the theme gives one', () => {
    const r = extractFixture('shopify-collection', 'https://wickandember.example/collections/candles');
    expect(r.kind).toBe('storefront');
    expect(valuesOf(r.fields)).toEqual({ sellerName: 'Wick & Ember', sellerId: 'wickandember.example', sellerUrl: 'https://wickandember.example/' });
    expect(r.storefront?.map((l) => l.listingId)).toEqual(['7012345678901', 'fig-leaf-candle']);
  });

  it('a host match wins over page marks: an eBay page that loads a Shopify script is eBay', () => {
    const r = extractFixture('shopify-product', 'https://www.ebay.com/itm/356789012345');
    expect(r.extractor).toBe('ebay');
  });
});
