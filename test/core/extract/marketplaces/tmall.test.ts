import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../electron/core/extract/extract-page.js';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('Tmall', () => {
  it('reads a Chinese item page: the promotional price (not the list range), the shop from TShop.Setup', () => {
    const r = extractFixture('tmall-listing', 'https://detail.tmall.com/item.htm?id=612345678901&skuId=1');
    expect(r).toMatchObject({ marketplace: 'tmall', extractor: 'tmall', kind: 'listing' });
    expect(valuesOf(r.fields)).toEqual({
      listingId: '612345678901',
      title: '北極星 保温杯 男女 316不锈钢 500ml',
      price: '199.00',
      currency: 'CNY',
      brand: '北極星',
      sellerName: '北極星官方旗舰店',
      sellerId: '101234567',
      sellerUrl: 'https://beijixing.tmall.com/',
    });
    expect(r.fields.sellerId?.source).toEqual({ kind: 'script', detail: 'rstShopId' });
    expectSourced(r.fields);
  });

  it('reads a price range by its lower bound', () => {
    const r = extractPage('<div id="J_StrPriceModBox"><span class="tm-price">299.00-399.00</span></div>', 'https://detail.tmall.com/item.htm?id=612345678901');
    expect(r.fields.price?.value).toBe('299.00');
    expect(r.fields.currency?.value).toBe('CNY');
  });

  it('reads ￥ and 元 prices', () => {
    expect(extractPage('<span class="tm-price">￥199</span>', 'https://detail.tmall.com/item.htm?id=1234567').fields.price?.value).toBe('199');
    expect(extractPage('<span class="tm-price">199元</span>', 'https://detail.tmall.com/item.htm?id=1234567').fields.currency?.value).toBe('CNY');
  });
});
