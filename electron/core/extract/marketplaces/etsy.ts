import type { CheerioAPI } from 'cheerio';
import { availabilityFromText } from '../availability.js';
import { firstText, inlineScripts, within } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { priceFromText } from '../price-fields.js';
import { scriptString } from '../script-data.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { ListingFields } from '../types.js';
import type { Marketplace, MarketplaceExtraction } from './marketplace.js';
import { listingsFromLinks } from './storefront-links.js';

const HOST = /(?:^|\.)etsy\.com$/;
const LISTING_IN_PATH = /\/listing\/(\d{5,15})(?=[/?#]|$)/;
const SHOP_IN_PATH = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/shop\/([A-Za-z0-9]{2,40})(?=[/?#]|$)/;
const listingOf = (url: URL): string | null => LISTING_IN_PATH.exec(url.pathname)?.[1] ?? null;

/** The shop link beside the buy box first: a listing page also links to other shops' items. */
const SHOP_LINKS = ['#listing-page-cart a[href*="/shop/"]', '[data-buy-box-region] a[href*="/shop/"]', '.shop-name-and-title-container a[href*="/shop/"]', '#shop-info a[href*="/shop/"]', 'a[href*="/shop/"]'];
const PRICE = ['[data-buy-box-region="price"] [data-selector="price-only"] p', '[data-selector="price-only"] p', '[data-buy-box-region="price"] p.wt-text-title-larger', '[data-buy-box-region="price"] p.wt-text-title-03', '.wt-text-title-03.wt-mr-xs-2'];

export const etsy: Marketplace = {
  id: 'etsy',
  name: 'Etsy',

  recognise(url) {
    const host = url.hostname.toLowerCase();
    return HOST.test(host) ? source('url', `host ${host}`) : null;
  },

  marketplaceKey: () => 'etsy',

  extract($, url, generic) {
    return readStorefront($, url) ?? { fields: readListing($, url, generic), storefront: null };
  },
};

function readListing($: CheerioAPI, url: URL, generic: GenericExtraction): ListingFields {
  const fields: ListingFields = {};
  const id = listingOf(url);
  const canonical = generic.canonical ? listingOf(new URL(generic.canonical)) : null;
  const dataId = cleanText($('[data-listing-id]').first().attr('data-listing-id'));
  if (id) fields.listingId = found(id, 'url', '/listing/{id}');
  else if (canonical) fields.listingId = found(canonical, 'canonical', generic.canonical!);
  else if (dataId && /^\d{5,15}$/.test(dataId)) fields.listingId = found(dataId, 'selector', '[data-listing-id]');

  const title = firstText($, ['h1[data-buy-box-listing-title]', '#listing-page-cart h1', '[data-buy-box-region] h1']);
  if (title) fields.title = found(title.value, 'selector', title.selector);

  for (const selector of PRICE) {
    const el = $(selector).first().clone();
    // "Price:" and "Original price" are spoken to screen readers, not prices.
    within(el, '.wt-screen-reader-only, .screen-reader-only').remove();
    const priced = priceFromText(el.text(), null, 'selector', selector);
    if (priced) {
      fields.price = priced.price;
      if (priced.currency) fields.currency = priced.currency;
      break;
    }
  }

  const stock = firstText($, ['[data-buy-box-region="stock_indicator"]', '.wt-text-caption.wt-text-truncate--multi-line', '[data-selector="listing-page-quantity"]']);
  const a = stock ? availabilityFromText(stock.value) : null;
  if (stock && a) fields.availability = found(a, 'selector', stock.selector);

  for (const selector of SHOP_LINKS) {
    const href = absoluteUrl($(selector).first().attr('href'), url);
    const shop = href ? SHOP_IN_PATH.exec(new URL(href).pathname)?.[1] : undefined;
    if (!href || !shop) continue;
    // An Etsy shop's name is unique and is its address: it identifies the seller.
    fields.sellerId = found(shop, 'selector', `${selector}[href] /shop/{name}`);
    fields.sellerName = found(shop, 'selector', `${selector}[href] /shop/{name}`);
    fields.sellerUrl = found(`${new URL(href).origin}/shop/${shop}`, 'selector', `${selector}[href]`);
    break;
  }
  if (!fields.sellerId) {
    const scripted = scriptString(inlineScripts($), ['shop_name']);
    if (scripted && /^[A-Za-z0-9]{2,40}$/.test(scripted.value)) {
      fields.sellerId = found(scripted.value, 'script', 'Etsy.Context shop_name');
      fields.sellerName = found(scripted.value, 'script', 'Etsy.Context shop_name');
    }
  }
  return fields;
}

function readStorefront($: CheerioAPI, url: URL): MarketplaceExtraction | null {
  const shop = SHOP_IN_PATH.exec(url.pathname)?.[1];
  if (!shop) return null;
  const fields: ListingFields = {
    sellerId: found(shop, 'url', '/shop/{name}'),
    sellerName: found(shop, 'url', '/shop/{name}'),
    sellerUrl: found(`${url.origin}/shop/${shop}`, 'url', '/shop/{name}'),
  };
  const name = firstText($, ['h1.shop-name-and-title-container', '[data-region="shop-name"] h1', '.shop-name-and-title-container h1', 'h1']);
  if (name && name.value.replace(/\s/g, '').toLowerCase() === shop.toLowerCase()) fields.sellerName = found(name.value, 'selector', name.selector);
  return { fields, storefront: listingsFromLinks($, 'a[href*="/listing/"]', listingOf, url), kind: 'storefront' };
}
