import type { CheerioAPI } from 'cheerio';
import { firstText, inlineScripts } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { priceFromText } from '../price-fields.js';
import { scriptId, scriptString } from '../script-data.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { ListingFields } from '../types.js';
import type { Marketplace, MarketplaceExtraction } from './marketplace.js';
import { listingsFromLinks } from './storefront-links.js';

const HOST = /(?:^|\.)aliexpress\.(?:com|us|ru)$/;
const ITEM_IN_PATH = /\/(?:item|i)\/(?:[^/]+\/)?(\d{6,20})\.html/;
const STORE_IN_PATH = /\/store\/(?:[a-z-]+\/)?(\d{3,15})(?=[/.?#]|$)/;
const itemOf = (url: URL): string | null => ITEM_IN_PATH.exec(url.pathname)?.[1] ?? null;

/** Title, price and store as the item page has shown them: the 2019-2022 layout and the current one. */
const TITLE = ['h1[data-pl="product-title"]', '.product-title-text', '[class*="title--wrap"] h1', '.product-title h1'];
const PRICE = [
  '.product-price-current',
  '[class*="price--currentPriceText"]',
  '[class*="price-default--current"]',
  '.uniform-banner-box-price',
  '.product-price-value',
  '[class*="price--current"]',
];
const STORE_NAME = ['[class*="store-header--storeName"]', '[data-pl="store-name"]', '.shop-name a', '.store-name a', '.store-name', '[class*="store-info--name"]'];

export const aliexpress: Marketplace = {
  id: 'aliexpress',
  name: 'AliExpress',

  recognise(url, $) {
    if (HOST.test(url.hostname.toLowerCase())) return source('url', `host ${url.hostname.toLowerCase()}`);
    if ($('meta[property="al:android:package"][content="com.alibaba.aliexpresshd"]').length) return source('meta', 'al:android:package');
    return null;
  },

  marketplaceKey: () => 'aliexpress',

  extract($, url, generic) {
    return readStorefront($, url) ?? { fields: readListing($, url, generic), storefront: null };
  },
};

function readListing($: CheerioAPI, url: URL, generic: GenericExtraction): ListingFields {
  const fields: ListingFields = {};
  const scripts = inlineScripts($);

  const id = itemOf(url);
  if (id) fields.listingId = found(id, 'url', '/item/{id}.html');
  else {
    const canonical = generic.canonical ? itemOf(new URL(generic.canonical)) : null;
    const script = scriptId(scripts, ['productId'], /^\d{6,20}$/);
    if (canonical) fields.listingId = found(canonical, 'canonical', generic.canonical!);
    else if (script) fields.listingId = found(script.value, 'script', script.key);
  }

  const title = firstText($, TITLE);
  const subject = cleanText(scriptString(scripts, ['subject'])?.value);
  const ogTitle = cleanText($('meta[property="og:title"]').attr('content'));
  if (title) fields.title = found(title.value, 'selector', title.selector);
  else if (subject) fields.title = found(subject, 'script', 'titleModule.subject');
  // og:title ends in " - AliExpress" and a category number, which are not the listing's title.
  else if (ogTitle) fields.title = found(ogTitle.replace(/\s*[-|]\s*AliExpress(?:\s+\d+)?\s*$/i, ''), 'meta', 'og:title');

  const price = firstText($, PRICE);
  const scripted = scriptString(scripts, ['formatedActivityPrice', 'formatedPrice', 'formatedAmount']);
  const priced = (price && priceFromText(price.value, null, 'selector', price.selector)) || (scripted && priceFromText(scripted.value, null, 'script', `priceModule.${scripted.key}`));
  if (priced) {
    fields.price = priced.price;
    if (priced.currency) fields.currency = priced.currency;
  }

  const storeLink = $('a[href*="/store/"]')
    .toArray()
    .map((el) => absoluteUrl($(el).attr('href'), url))
    .find((href): href is string => !!href && STORE_IN_PATH.test(new URL(href).pathname) && /aliexpress\./.test(new URL(href).hostname));
  const storeNum = scriptId(scripts, ['storeNum', 'storeNumber', 'storeId'], /^\d{3,15}$/);
  if (storeNum) fields.sellerId = found(storeNum.value, 'script', `storeModule.${storeNum.key}`);
  else if (storeLink) fields.sellerId = found(STORE_IN_PATH.exec(new URL(storeLink).pathname)![1]!, 'selector', 'a[href*="/store/"]');

  const storeName = firstText($, STORE_NAME);
  const scriptedName = cleanText(scriptString(scripts, ['storeName'])?.value);
  if (storeName) fields.sellerName = found(storeName.value, 'selector', storeName.selector);
  else if (scriptedName) fields.sellerName = found(scriptedName, 'script', 'storeModule.storeName');

  if (fields.sellerId) {
    // The store's own link when it is on the page; else its address, built from the store number.
    const linked = storeLink && STORE_IN_PATH.exec(new URL(storeLink).pathname)?.[1] === fields.sellerId.value;
    fields.sellerUrl = linked ? found(storeLink, 'selector', 'a[href*="/store/"]') : found(`https://www.aliexpress.com/store/${fields.sellerId.value}`, fields.sellerId.source.kind, fields.sellerId.source.detail);
  }
  return fields;
}

/** The store's business licence: shoprenderview.aliexpress.com/credential/showcredential.htm?storeNum=ID. */
const CREDENTIAL_PATH = /\/credential\/showcredential\.htm$/i;

/** A store's pages: /store/ID, /store/ID/pages/all-items.html, /store/all-wholesale-products/ID.html, and its business licence. */
function readStorefront($: CheerioAPI, url: URL): MarketplaceExtraction | null {
  const credential = CREDENTIAL_PATH.test(url.pathname) ? url.searchParams.get('storeNum') : null;
  const store = STORE_IN_PATH.exec(url.pathname)?.[1] ?? (credential && /^\d{3,15}$/.test(credential) ? credential : undefined);
  if (!store) return null;
  const by = credential ? 'showcredential.htm?storeNum={id}' : '/store/{id}';
  const fields: ListingFields = {
    sellerId: found(store, 'url', by),
    sellerUrl: found(`https://www.aliexpress.com/store/${store}`, 'url', by),
  };
  const name = firstText($, [...STORE_NAME, '.shop-name', '[class*="shop-name"]']);
  const scripted = cleanText(scriptString(inlineScripts($), ['storeName'])?.value);
  if (name) fields.sellerName = found(name.value, 'selector', name.selector);
  else if (scripted) fields.sellerName = found(scripted, 'script', 'storeName');
  return { fields, storefront: listingsFromLinks($, 'a[href*="/item/"]', itemOf, url), kind: 'storefront' };
}
