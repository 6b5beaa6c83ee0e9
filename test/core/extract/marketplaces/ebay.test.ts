import { describe, expect, it } from 'vitest';
import { expectSourced, extractFixture, valuesOf } from '../fixture.js';

describe('eBay', () => {
  it('reads a listing in the current layout: item number, US $ price, the seller user id (not the store name)', () => {
    const r = extractFixture('ebay-listing', 'https://www.ebay.com/itm/Vintage-Brass-Ship-Compass/356789012345?hash=x');
    expect(r).toMatchObject({ marketplace: 'ebay', extractor: 'ebay', kind: 'listing' });
    expect(valuesOf(r.fields)).toMatchObject({
      listingId: '356789012345',
      title: 'Vintage Brass Ship Compass 3" Nautical Maritime',
      price: '89.99',
      currency: 'USD',
      availability: 'in-stock',
      brand: 'Harbour Instruments',
      sellerName: 'Harbour Antiques',
      sellerId: 'harbourantiques_uk',
      sellerUrl: 'https://www.ebay.com/usr/harbourantiques_uk',
      shipsFrom: 'Portsmouth, United Kingdom',
    });
    expect(r.fields.listingId?.source).toEqual({ kind: 'url', detail: '/itm/{item}' });
    expect(r.fields.price?.source).toEqual({ kind: 'selector', detail: '.x-price-primary' });
    expectSourced(r.fields);
  });

  it('reads the older layout: the title without its hidden "Details about", the price from its content attribute', () => {
    const r = extractFixture('ebay-legacy-listing', 'https://www.ebay.fr/itm/293000000001');
    expect(valuesOf(r.fields)).toMatchObject({ listingId: '293000000001', title: 'Lot de 4 piles bouton CR2032 3V lithium', price: '5.95', currency: 'EUR', sellerId: 'pilesetcie', sellerName: 'pilesetcie', shipsFrom: 'Lyon, France' });
    expect(r.fields.price?.source).toEqual({ kind: 'selector', detail: '#prcIsum[content]' });
  });

  it('finds the item number on the page when the address has none', () => {
    const r = extractFixture('ebay-listing', 'https://www.ebay.com/p/123?iid=1');
    expect(r.fields.listingId).toEqual({ value: '356789012345', source: { kind: 'canonical', detail: 'https://www.ebay.com/itm/Vintage-Brass-Ship-Compass/356789012345' } });
  });

  it('files a store as a storefront with its owner and the item numbers it shows', () => {
    const r = extractFixture('ebay-store', 'https://www.ebay.com/str/harbourantiques');
    expect(r.kind).toBe('storefront');
    expect(valuesOf(r.fields)).toEqual({ sellerName: 'Harbour Antiques', sellerId: 'harbourantiques_uk', sellerUrl: 'https://www.ebay.com/str/harbourantiques' });
    expect(r.storefront?.map((l) => l.listingId)).toEqual(['356789012345', '356789012346']);
  });

  it('takes the seller from the address on /usr/ and _ssn= pages', () => {
    expect(extractFixture('ebay-store', 'https://www.ebay.co.uk/usr/harbourantiques_uk').fields.sellerId).toEqual({ value: 'harbourantiques_uk', source: { kind: 'url', detail: '/usr/{user}' } });
    expect(extractFixture('ebay-store', 'https://www.ebay.com/sch/i.html?_ssn=harbourantiques_uk&_sop=10').fields.sellerId?.value).toBe('harbourantiques_uk');
  });
});
