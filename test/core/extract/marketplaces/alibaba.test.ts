import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../electron/core/extract/extract-page.js';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('Alibaba.com', () => {
  it('reads a product: id from the address, the lowest tier price, the supplier by its minisite, the brand over the JSON-LD placeholder', () => {
    const r = extractFixture('alibaba-listing', 'https://www.alibaba.com/product-detail/Stainless-Steel-Garlic-Press_1600123456789.html?spm=a2700');
    expect(r).toMatchObject({ marketplace: 'alibaba', extractor: 'alibaba', kind: 'listing' });
    expect(valuesOf(r.fields)).toMatchObject({
      listingId: '1600123456789',
      title: 'Stainless Steel Garlic Press Kitchen Tool',
      price: '0.98',
      currency: 'USD',
      availability: 'in-stock',
      brand: 'KitchPro',
      sellerName: 'Yiwu KitchPro Housewares Co., Ltd.',
      sellerId: 'kitchpro',
      sellerUrl: 'https://kitchpro.en.alibaba.com/',
    });
    expect(r.fields.sellerId?.source.detail).toContain('company subdomain');
    expectSourced(r.fields);
  });

  it("falls back to the page's companyId when there is no supplier link", () => {
    const r = extractPage(`<meta name="aplus-exdata" content='{"productId":"1600123456789","companyId":"998877665"}'><h1>Press</h1>`, 'https://www.alibaba.com/product-detail/Press_1600123456789.html');
    expect(r.fields.sellerId).toEqual({ value: '998877665', source: { kind: 'meta', detail: 'aplus-exdata companyId' } });
  });

  it("files a supplier's minisite as a storefront", () => {
    const r = extractFixture('alibaba-supplier', 'https://kitchpro.en.alibaba.com/productlist.html');
    expect(r.kind).toBe('storefront');
    expect(r.fields.sellerId).toEqual({ value: 'kitchpro', source: { kind: 'url', detail: '{company}.en.alibaba.com' } });
    expect(r.fields.sellerName?.value).toBe('Yiwu KitchPro Housewares Co., Ltd.');
    expect(r.storefront?.map((l) => l.listingId)).toEqual(['1600123456789', '1600123456790']);
  });
});
