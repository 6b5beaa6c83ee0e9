import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractPage } from '../../../electron/core/extract/extract-page.js';
import { extractFixture, valuesOf } from './fixture.js';

describe('extractPage', () => {
  it('has a version to record beside every extraction', () => {
    expect(EXTRACTOR_VERSION).toMatch(/^\S+$/);
  });

  it('reads a site no module knows through the generic layer, keyed by its host', () => {
    const r = extractFixture('generic-json-ld', 'https://www.kestrel-outdoor.example/p/alpine');
    expect(r).toMatchObject({ marketplace: 'kestrel-outdoor.example', extractor: 'generic', kind: 'listing', recognisedBy: { kind: 'url', detail: 'host kestrel-outdoor.example' } });
    expect(valuesOf(r.fields)).toEqual({
      listingId: 'KT-ALP',
      title: 'Alpine Trail Running Shoe',
      price: '1234.50',
      currency: 'SEK',
      availability: 'preorder',
      brand: 'Kestrel',
      images: ['https://www.kestrel-outdoor.example/media/alpine-1.jpg', 'https://cdn.kestrel-outdoor.example/alpine-2.jpg'],
      sellerName: 'Kestrel Outdoor AB',
      sellerUrl: 'https://www.kestrel-outdoor.example/about',
    });
    expect(r.fields.price?.source).toEqual({ kind: 'json-ld', detail: 'ProductGroup.hasVariant[0].offers.price' });
  });

  it('prefers JSON-LD, then microdata, then OpenGraph, field by field', () => {
    const html = `<head><meta property="og:title" content="OG title"><meta property="product:brand" content="OG brand"><meta property="og:price:amount" content="7"><meta property="og:price:currency" content="EUR"></head>
      <script type="application/ld+json">{"@type":"Product","name":"LD title"}</script>
      <div itemscope itemtype="http://schema.org/Product"><span itemprop="brand">MD brand</span></div>`;
    const r = extractPage(html, 'https://shop.example/p');
    expect(valuesOf(r.fields)).toEqual({ title: 'LD title', price: '7', currency: 'EUR', brand: 'MD brand' });
    expect(r.kind).toBe('listing');
  });

  it('reads microdata and OpenGraph pages', () => {
    expect(valuesOf(extractFixture('generic-microdata', 'https://eisenwerk.example/pfanne').fields)).toMatchObject({ listingId: 'EW-GP-28', title: 'Gusseisenpfanne 28 cm', price: '89.90', currency: 'EUR', availability: 'out-of-stock', brand: 'Eisenwerk' });
    const og = extractFixture('generic-opengraph', 'https://www.fernhouse.example/p/linen-throw-blanket?utm=1');
    expect(valuesOf(og.fields)).toMatchObject({ title: 'Linen Throw Blanket', price: '1.234', currency: 'KWD', brand: 'Fernhouse' });
    expect(og.kind).toBe('listing');
  });

  it('files a page with neither an id nor a title and price as other', () => {
    expect(extractPage('<html><head><title>About us</title><meta property="og:title" content="About us"></head></html>', 'https://shop.example/about').kind).toBe('other');
  });

  it('files a captcha or login wall as blocked, with no fields, whatever the page also carries', () => {
    const slider = '<html><head><title>验证</title><script type="application/ld+json">{"@type":"Product","name":"X","sku":"1"}</script></head><body><div>亲，请拖动下方滑块完成验证</div></body></html>';
    const r = extractPage(slider, 'https://item.taobao.com/item.htm?id=654321987012');
    expect(r).toMatchObject({ kind: 'blocked', marketplace: 'taobao', fields: {}, storefront: null });
    expect(r.blocked?.kind).toBe('text');
    expect(extractPage('<html><body>Sign in</body></html>', 'https://www.amazon.de/ap/signin?openid.return_to=x').kind).toBe('blocked');
  });

  it('does not read script text as visible text when looking for walls', () => {
    const r = extractPage('<html><head><title>Shop</title></head><body><script>var msg = "Enter the characters you see below";</script><h1>Lamp</h1></body></html>', 'https://shop.example/p');
    expect(r.kind).not.toBe('blocked');
  });

  it('a hostile, malformed page is filed as other with no fields, and nothing leaks into Object.prototype', () => {
    const r = extractFixture('hostile', 'https://evil.example/x');
    expect(r).toMatchObject({ kind: 'other', fields: {}, blocked: null, storefront: null, extractor: 'generic' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Each of these once took minutes (parse5 on deep nesting, css-select on wide elements): the timeout guards against their return.
  it('never throws, whatever it is given, and gives up on pathological pages quickly', { timeout: 30_000 }, () => {
    const deep = '<div>'.repeat(100_000) + 'x' + '</div>'.repeat(100_000);
    const wide = `<div itemscope itemtype="http://schema.org/Product">${'<span itemprop="name">x</span>'.repeat(100_000)}</div>${'x</p>'.repeat(50_000)}`;
    const inputs: [unknown, unknown][] = [
      ['', ''],
      ['<<<>>><!--', 'not a url'],
      ['\u0000\uffff\ud800', 'https://shop.example/'],
      [deep, 'https://shop.example/deep'],
      [wide, 'https://www.amazon.de/dp/B0TEST1DE1'],
      [wide, 'https://www.ebay.com/itm/356789012345'],
      [`<script type="application/ld+json">${'['.repeat(50_000)}</script>`, 'https://shop.example/'],
      [`<script>g_config = {shopId: '${'1'.repeat(100_000)}'}</script>`, 'https://item.taobao.com/item.htm?id=1'],
      [null, null],
      [42, {}],
    ];
    for (const [html, url] of inputs) {
      const r = extractPage(html as string, url as string);
      expect(['other', 'listing']).toContain(r.kind);
      expect(r.blocked).toBeNull();
      expect(typeof r.marketplace).toBe('string');
    }
  });

  it('names an unreadable address as such', () => {
    const r = extractPage('<h1>x</h1>', 'not a url');
    expect(r.marketplace).toBe('unknown');
    expect(r.recognisedBy).toEqual({ kind: 'url', detail: 'unreadable address' });
  });

  it('keeps fields in a stable order, so the same page serialises the same way', () => {
    const a = extractFixture('amazon-de-listing', 'https://www.amazon.de/dp/B0TEST1DE1');
    expect(Object.keys(a.fields)).toEqual(['listingId', 'title', 'price', 'currency', 'availability', 'brand', 'images', 'sellerName', 'sellerId', 'sellerUrl', 'shipsFrom']);
    expect(JSON.stringify(extractFixture('amazon-de-listing', 'https://www.amazon.de/dp/B0TEST1DE1'))).toBe(JSON.stringify(a));
  });
});
