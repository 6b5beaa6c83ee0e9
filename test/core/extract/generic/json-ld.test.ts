import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../../../../electron/core/extract/generic/json-ld.js';
import { valuesOf } from '../fixture.js';

const read = (blocks: string[], url = 'https://shop.example/p/1') => readJsonLd(load(blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('\n')), new URL(url), null);

describe('schema.org JSON-LD', () => {
  it('reads a Product with an Offer, a seller and a brand object, each with its path', () => {
    const f = read([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: '  Field   Watch 40mm ',
        sku: 'FW-40',
        brand: { '@type': 'Brand', name: 'Tidewater' },
        image: 'https://cdn.example/fw.jpg',
        offers: { '@type': 'Offer', price: 149, priceCurrency: 'usd', availability: 'http://schema.org/InStock', seller: { '@type': 'Organization', name: 'Tidewater Co', url: '/about' } },
      }),
    ]);
    expect(valuesOf(f)).toEqual({ title: 'Field Watch 40mm', listingId: 'FW-40', sku: 'FW-40', brand: 'Tidewater', images: ['https://cdn.example/fw.jpg'], price: '149', currency: 'USD', availability: 'in-stock', sellerName: 'Tidewater Co', sellerUrl: 'https://shop.example/about' });
    expect(f.price?.source).toEqual({ kind: 'json-ld', detail: 'Product.offers.price' });
    expect(f.brand?.source).toEqual({ kind: 'json-ld', detail: 'Product.brand.name' });
    expect(f.sellerName?.source).toEqual({ kind: 'json-ld', detail: 'Product.offers.seller.name' });
  });

  it('reads an AggregateOffer by its lowest price, and several offers by the first that has a price', () => {
    expect(read([JSON.stringify({ '@type': 'Product', name: 'A', offers: { '@type': 'AggregateOffer', lowPrice: '9.50', highPrice: '12', priceCurrency: 'EUR' } })]).price).toEqual({ value: '9.50', source: { kind: 'json-ld', detail: 'Product.offers.lowPrice' } });
    const f = read([JSON.stringify({ '@type': 'Product', name: 'A', offers: [{ '@type': 'Offer' }, { '@type': 'Offer', price: '3.00', priceCurrency: 'GBP' }] })]);
    expect(f.price).toEqual({ value: '3.00', source: { kind: 'json-ld', detail: 'Product.offers[1].price' } });
    expect(f.currency?.value).toBe('GBP');
  });

  it('finds the Product in @graph, in an array, or behind a block that does not parse', () => {
    expect(read(['{ not json', JSON.stringify({ '@graph': [{ '@type': 'WebSite' }, { '@type': 'Product', name: 'In graph' }] })]).title?.value).toBe('In graph');
    expect(read([JSON.stringify([{ '@type': 'Organization' }, { '@type': ['Thing', 'Product'], name: 'In array' }])]).title?.value).toBe('In array');
    expect(read([JSON.stringify({ '@type': 'http://schema.org/Product', name: 'Full type' })]).title?.value).toBe('Full type');
  });

  it('reads images as a string, an array, or ImageObjects, made absolute', () => {
    const f = read([JSON.stringify({ '@type': 'Product', name: 'A', image: ['/a.jpg', { '@type': 'ImageObject', contentUrl: '//cdn.example/b.jpg' }, 'javascript:alert(1)', '/a.jpg'] })]);
    expect(f.images?.value).toEqual(['https://shop.example/a.jpg', 'https://cdn.example/b.jpg']);
  });

  it('maps schema.org availability in all its spellings', () => {
    const avail = (a: string) => read([JSON.stringify({ '@type': 'Product', name: 'A', offers: { price: '1', availability: a } })]).availability?.value;
    expect(avail('https://schema.org/OutOfStock')).toBe('out-of-stock');
    expect(avail('SoldOut')).toBe('out-of-stock');
    expect(avail('schema:PreOrder')).toBe('preorder');
    expect(avail('http://schema.org/LimitedAvailability')).toBe('limited');
    expect(avail('Discontinued')).toBe('discontinued');
    expect(avail('Sometimes')).toBeUndefined();
  });

  it('gives nothing for pages without a Product', () => {
    expect(read([JSON.stringify({ '@type': 'Organization', name: 'Shop' })])).toEqual({});
    expect(read([])).toEqual({});
  });
});
