import { describe, expect, it } from 'vitest';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('Taobao', () => {
  it('reads a Chinese item page: id from item.htm?id=, the promotional price in CNY, the shop from g_config', () => {
    const r = extractFixture('taobao-listing', 'https://item.taobao.com/item.htm?spm=a230r.1.14.1&id=654321987012&ns=1');
    expect(r).toMatchObject({ marketplace: 'taobao', extractor: 'taobao', kind: 'listing' });
    expect(valuesOf(r.fields)).toEqual({
      listingId: '654321987012',
      title: '山茶花手工香皂 天然植物精油 洁面皂 100g',
      price: '49.90',
      currency: 'CNY',
      brand: '山茶花',
      sellerName: '山茶花手工皂工坊',
      sellerId: '57123456',
      sellerUrl: 'https://shop57123456.taobao.com/',
    });
    expect(r.fields.listingId?.source).toEqual({ kind: 'url', detail: 'item.htm?id={item}' });
    expect(r.fields.sellerId?.source).toEqual({ kind: 'script', detail: 'shopId' });
    // The page prints "49.90" with no sign: the currency is the site's, and its source says so.
    expect(r.fields.currency?.source).toEqual({ kind: 'url', detail: 'currency of taobao.com' });
    expectSourced(r.fields);
  });

  it("files a shop's own pages as a storefront, its id from the shop's host", () => {
    const r = extractFixture('taobao-shop', 'https://shop57123456.taobao.com/search.htm');
    expect(r.kind).toBe('storefront');
    expect(valuesOf(r.fields)).toEqual({ sellerName: '山茶花手工皂工坊', sellerId: '57123456', sellerUrl: 'https://shop57123456.taobao.com/' });
    expect(r.storefront).toEqual([
      { listingId: '654321987012', url: 'https://item.taobao.com/item.htm?id=654321987012', title: '山茶花手工香皂 100g' },
      { listingId: '654321987013', url: 'https://item.taobao.com/item.htm?id=654321987013', title: '玫瑰精油皂 礼盒装' },
    ]);
  });
});
