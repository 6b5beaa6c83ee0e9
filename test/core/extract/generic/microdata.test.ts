import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { readMicrodata } from '../../../../electron/core/extract/generic/microdata.js';
import { valuesOf } from '../fixture.js';

const read = (html: string) => readMicrodata(load(html), new URL('https://shop.example/p/1'), null);

describe('schema.org microdata', () => {
  it("reads a Product's own properties and its offer's, content attributes before text, and not a nested product's", () => {
    const f = read(`
      <div itemscope itemtype="https://schema.org/Product">
        <h1 itemprop="name">Gusseisenpfanne 28 cm</h1>
        <span itemprop="productID" content="EW-28">Art.-Nr. EW 28</span>
        <span itemprop="brand">Eisenwerk</span>
        <img itemprop="image" src="/p.jpg">
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
          <span itemprop="price" content="89.90">89,90 €</span><meta itemprop="priceCurrency" content="EUR">
          <link itemprop="availability" href="https://schema.org/InStock">
        </div>
        <div itemprop="isRelatedTo" itemscope itemtype="https://schema.org/Product"><span itemprop="name">Other</span>
          <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="1.00"></span></div></div>
      </div>`);
    expect(valuesOf(f)).toEqual({ title: 'Gusseisenpfanne 28 cm', listingId: 'EW-28', brand: 'Eisenwerk', images: ['https://shop.example/p.jpg'], price: '89.90', currency: 'EUR', availability: 'in-stock' });
    expect(f.price?.source).toEqual({ kind: 'microdata', detail: 'Product.offers.price' });
    expect(f.listingId?.source).toEqual({ kind: 'microdata', detail: 'Product.productID' });
  });

  it('reads a price without content by its text, in its local form', () => {
    const f = read('<div itemscope itemtype="http://schema.org/Product"><span itemprop="name">A</span><span itemprop="price">1.234,50 €</span></div>');
    expect(f.price?.value).toBe('1234.50');
    expect(f.currency?.value).toBe('EUR');
  });

  it('ignores items that are not products', () => {
    expect(read('<div itemscope itemtype="http://schema.org/Offer"><span itemprop="price" content="5"></span></div>')).toEqual({});
  });
});
