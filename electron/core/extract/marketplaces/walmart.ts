import type { CheerioAPI } from 'cheerio';
import { availabilityFromSchema } from '../availability.js';
import { firstText } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { machinePrice, priceFromText, type CurrencyDefault } from '../price-fields.js';
import { asString, at, findObject, parseJson } from '../script-data.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { ListingFields } from '../types.js';
import type { Marketplace, MarketplaceExtraction } from './marketplace.js';
import { listingsFromLinks } from './storefront-links.js';

const HOST = /(?:^|\.)walmart\.(com|ca)$/;
/** /ip/Title-Slug/123456789 and /ip/123456789 */
const ITEM_IN_PATH = /\/ip\/(?:[^/?#]+\/)?(\d{5,15})(?=[/?#]|$)/;
const itemOf = (url: URL): string | null => ITEM_IN_PATH.exec(url.pathname)?.[1] ?? null;

const siteOf = (url: URL): 'com' | 'ca' | null => (HOST.exec(url.hostname.toLowerCase())?.[1] as 'com' | 'ca' | undefined) ?? null;

/** "Sold and shipped by X", "Sold by X", "Vendu et expédié par X" (walmart.ca). */
const SOLD_BY = /(?:sold and shipped by|sold by|vendu et expédié par|vendu par)\s+(.+?)(?:\s+(?:and|et)\s+(?:shipped|fulfilled|expédié)\b.*)?$/i;

export const walmart: Marketplace = {
  id: 'walmart',
  name: 'Walmart',

  recognise(url) {
    const site = siteOf(url);
    return site ? source('url', `host walmart.${site}`) : null;
  },

  marketplaceKey: (url) => `walmart.${siteOf(url) ?? 'com'}`,

  defaultCurrency(url) {
    const site = siteOf(url) ?? 'com';
    return { code: site === 'ca' ? 'CAD' : 'USD', source: source('url', `currency of walmart.${site}`) };
  },

  extract($, url, generic) {
    return readStorefront($, url) ?? { fields: readListing($, url, generic, this.defaultCurrency!(url)), storefront: null };
  },
};

function readListing($: CheerioAPI, url: URL, generic: GenericExtraction, currency: CurrencyDefault | null): ListingFields {
  const fields: ListingFields = {};
  const fromUrl = itemOf(url);
  const fromCanonical = generic.canonical ? itemOf(new URL(generic.canonical)) : null;
  if (fromUrl) fields.listingId = found(fromUrl, 'url', '/ip/{slug}/{id}');
  else if (fromCanonical) fields.listingId = found(fromCanonical, 'canonical', generic.canonical!);
  const id = fromUrl ?? fromCanonical;

  // The page state Next.js embeds: the product whose usItemId is this item (carousels hold other products).
  const data = parseJson($('script#__NEXT_DATA__').first().text());
  const product = data ? findObject(data, (o) => asString(o.usItemId) !== null && (!id || asString(o.usItemId) === id) && ('sellerId' in o || 'sellerName' in o || 'priceInfo' in o)) : null;
  if (product) {
    const p = (path: string) => `__NEXT_DATA__ product.${path}`;
    if (!fields.listingId) {
      const usItemId = asString(product.usItemId);
      if (usItemId) fields.listingId = found(usItemId, 'script', p('usItemId'));
    }
    const name = cleanText(asString(product.name));
    if (name) fields.title = found(name, 'script', p('name'));
    const brand = cleanText(asString(product.brand));
    if (brand) fields.brand = found(brand, 'script', p('brand'));
    const sellerId = asString(product.sellerId);
    if (sellerId) fields.sellerId = found(sellerId, 'script', p('sellerId'));
    const sellerName = cleanText(asString(product.sellerDisplayName) ?? asString(product.sellerName));
    if (sellerName) fields.sellerName = found(sellerName, 'script', p(product.sellerDisplayName ? 'sellerDisplayName' : 'sellerName'));
    const unit = at(product, 'priceInfo.currentPrice.currencyUnit');
    const priced = machinePrice(at(product, 'priceInfo.currentPrice.price'), unit === undefined ? null : found(unit, 'script', p('priceInfo.currentPrice.currencyUnit')), currency, 'script', p('priceInfo.currentPrice.price'));
    if (priced) {
      fields.price = priced.price;
      if (priced.currency) fields.currency = priced.currency;
    }
    const availability = asString(product.availabilityStatus);
    const a = availability ? availabilityFromSchema(availability.replace(/_/g, '')) : null;
    if (a) fields.availability = found(a, 'script', p('availabilityStatus'));
  }

  if (!fields.title) {
    const title = firstText($, ['h1[itemprop="name"]', 'h1#main-title', 'h1']);
    if (title) fields.title = found(title.value, 'selector', title.selector);
  }
  if (!fields.price) {
    const price = firstText($, ['[data-testid="price-wrap"] [itemprop="price"]', '[itemprop="price"]', '[data-automation-id="product-price"]']);
    const priced = price ? priceFromText(price.value, currency, 'selector', price.selector) : null;
    if (priced) {
      fields.price = priced.price;
      if (priced.currency) fields.currency = priced.currency;
    }
  }
  if (!fields.sellerName) {
    const sold = firstText($, ['[data-testid="product-seller-info"]', '.seller-info', '[data-automation-id="seller-info"]']);
    const m = sold ? SOLD_BY.exec(sold.value) : null;
    const link = firstText($, ['a[data-testid="seller-name-link"]', '[data-testid="product-seller-info"] a']);
    if (link) fields.sellerName = found(link.value, 'selector', link.selector);
    else if (sold && m) fields.sellerName = found(cleanText(m[1])!, 'selector', sold.selector);
  }
  const sellerLink = absoluteUrl($('a[data-testid="seller-name-link"], a[href*="/seller/"]').first().attr('href'), url);
  if (sellerLink) {
    fields.sellerUrl = found(sellerLink, 'selector', 'a[href*="/seller/"]');
    const fromLink = /\/seller\/(\d{1,20})/.exec(new URL(sellerLink).pathname)?.[1];
    if (fromLink && !fields.sellerId) fields.sellerId = found(fromLink, 'selector', 'a[href*="/seller/{id}"]');
  }
  return fields;
}

/** A seller's page: /seller/ID. */
function readStorefront($: CheerioAPI, url: URL): MarketplaceExtraction | null {
  const seller = /^\/seller\/(\d{1,20})/.exec(url.pathname)?.[1];
  if (!seller) return null;
  const fields: ListingFields = { sellerId: found(seller, 'url', '/seller/{id}'), sellerUrl: found(`${url.origin}/seller/${seller}`, 'url', '/seller/{id}') };
  const name = firstText($, ['[data-testid="seller-name"]', 'h1']);
  if (name) fields.sellerName = found(name.value, 'selector', name.selector);
  return { fields, storefront: listingsFromLinks($, 'a[href*="/ip/"]', itemOf, url), kind: 'storefront' };
}
