import { describe, expect, it } from 'vitest';
import { classifyListing, classifyStorefront } from '../../../electron/core/watch/classify.js';
import { parseInterval, describeInterval } from '../../../electron/core/watch/interval.js';
import { detectRemovalNotice } from '../../../electron/core/extract/removed-notice.js';
import { listingExtraction } from '../../helpers/catalogue.js';
import type { CorrectableField, FieldValue } from '../../../electron/core/catalogue/fields.js';

const before = new Map<CorrectableField, FieldValue>([
  ['listingId', '123'],
  ['title', 'Bag'],
  ['price', '89.99'],
  ['currency', 'USD'],
  ['sellerId', 'luxury_deals_88'],
  ['images', ['https://i.example/a.jpg?token=1']],
]);
const page = (o: Parameters<typeof listingExtraction>[0] = {}) => listingExtraction({ listingId: '123', title: 'Bag', price: '89.99', currency: 'USD', sellerId: 'luxury_deals_88', ...o });
const base = { outcome: 'complete', httpStatus: 200, text: 'Bag', listingKey: '123', before };

describe('classifying a re-capture', () => {
  it('unchanged, changed field by field, first', () => {
    const same = page();
    same.fields.images = { value: ['https://i.example/a.jpg?token=2'], source: { kind: 'selector', detail: 'img' } };
    expect(classifyListing({ ...base, extraction: same })).toMatchObject({ classification: 'unchanged', changes: [] });
    expect(classifyListing({ ...base, extraction: page({ price: '59.00', sellerId: 'new_seller' }) }).changes).toEqual([
      { field: 'price', before: '89.99 USD', after: '59.00 USD' },
      { field: 'seller', before: 'luxury_deals_88', after: 'new_seller' },
      { field: 'images', before: ['https://i.example/a.jpg'], after: null },
    ]);
    expect(classifyListing({ ...base, before: null, extraction: page() }).classification).toBe('first');
  });

  it('removed only on evidence: a 404 or 410, or the marketplace notice; a captcha or a network failure never', () => {
    expect(classifyListing({ ...base, outcome: 'not-found', httpStatus: 404, extraction: null })).toMatchObject({ classification: 'removed', detail: { reason: 'status' } });
    expect(classifyListing({ ...base, outcome: 'gone', httpStatus: 410, extraction: null }).classification).toBe('removed');
    expect(classifyListing({ ...base, extraction: page({ kind: 'other' }), text: 'This listing was ended by the seller because the item is no longer available.' })).toMatchObject({
      classification: 'removed',
      detail: { reason: 'notice', matched: 'This listing was ended' },
    });
    expect(classifyListing({ ...base, outcome: 'blocked', extraction: null })).toMatchObject({ classification: 'blocked', retry: 'blocked' });
    expect(classifyListing({ ...base, outcome: 'complete', extraction: page({ kind: 'blocked' }) })).toMatchObject({ classification: 'blocked' });
    expect(classifyListing({ ...base, outcome: 'complete', httpStatus: 429, extraction: null }).classification).toBe('blocked');
    expect(classifyListing({ ...base, outcome: 'connection-refused', httpStatus: null, extraction: null })).toMatchObject({ classification: 'error', retry: 'network' });
    expect(classifyListing({ ...base, outcome: 'server-error', httpStatus: 503, extraction: null })).toMatchObject({ classification: 'error', retry: 'network' });
    expect(classifyListing({ ...base, outcome: 'tls-error', httpStatus: null, extraction: null })).toMatchObject({ classification: 'error', retry: null });
  });

  it('a removal notice is read from the top of the page only, in the marketplaces\u2019 languages', () => {
    expect(detectRemovalNotice({ title: '', text: 'Sorry, this item is no longer available!' })).not.toBeNull();
    expect(detectRemovalNotice({ title: '', text: '很抱歉，您查看的宝贝不存在，可能已下架或者被转移' })).not.toBeNull();
    expect(detectRemovalNotice({ title: '', text: 'Cet article n\u2019est plus disponible'.replace('\u2019', "'") })).not.toBeNull();
    expect(detectRemovalNotice({ title: 'Bag', text: `Bag 89.99 in stock ${'review text '.repeat(200)} a similar item is no longer available` })).toBeNull();
  });

  it('a plain page with no fields read is compared on its words; the seller the investigator filed it under is kept', () => {
    const plain = listingExtraction({ kind: 'other' });
    const given = { marketplace: 'ebay', sellerKey: 'luxury_deals_88' };
    const filed = new Map<CorrectableField, FieldValue>([['marketplace', 'ebay'], ['sellerId', 'luxury_deals_88']]);
    const x = { outcome: 'complete', httpStatus: 200, listingKey: 'http://shop/item', extraction: plain, before: filed, beforeKind: 'other', given };
    expect(classifyListing({ ...x, text: 'Luxe Bag US $89', beforeText: 'Luxe Bag  US $89\n' })).toMatchObject({ classification: 'unchanged', changes: [] });
    expect(classifyListing({ ...x, text: 'Luxe Bag US $59', beforeText: 'Luxe Bag US $89' }).changes).toEqual([{ field: 'text', before: 'Luxe Bag US $89', after: 'Luxe Bag US $59' }]);
  });

  it('a storefront: which listings appeared and disappeared', () => {
    const shop = (ids: string[]) => ({ ...listingExtraction({ kind: 'storefront' }), storefront: ids.map((id) => ({ listingId: id, url: `https://x/${id}` })) });
    expect(classifyStorefront({ outcome: 'complete', httpStatus: 200, text: '', extraction: shop(['a', 'b']), before: null })).toMatchObject({ classification: 'first', detail: { listings: ['a', 'b'] } });
    expect(classifyStorefront({ outcome: 'complete', httpStatus: 200, text: '', extraction: shop(['b', 'c']), before: ['a', 'b'] })).toMatchObject({
      classification: 'changed',
      detail: { appeared: ['c'], disappeared: ['a'] },
    });
  });

  it('intervals as people write them', () => {
    expect([parseInterval('daily'), parseInterval('weekly'), parseInterval('12h'), parseInterval(' 3D ')]).toEqual([86_400, 604_800, 43_200, 259_200].map((value) => ({ ok: true, value })));
    expect(parseInterval('30s').ok).toBe(false);
    expect(parseInterval('0h').ok).toBe(false);
    expect([describeInterval(86_400), describeInterval(43_200), describeInterval(90 * 60)]).toEqual(['daily', 'every 12 h', 'every 90 m']);
  });
});
