import type { CheerioAPI } from 'cheerio';
import { availabilityFromText } from '../availability.js';
import { firstText, textOf, within } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { machinePrice, priceFromText, type CurrencyDefault } from '../price-fields.js';
import { absoluteUrl, cleanText, queryParam } from '../text.js';
import type { ListingFields } from '../types.js';
import type { Marketplace, MarketplaceExtraction } from './marketplace.js';
import { listingsFromLinks } from './storefront-links.js';

/** eBay's national sites and the currency a bare amount on them is in; a listing usually names its own. */
const SITES: Record<string, string> = {
  com: 'USD',
  'co.uk': 'GBP',
  de: 'EUR',
  fr: 'EUR',
  it: 'EUR',
  es: 'EUR',
  at: 'EUR',
  be: 'EUR',
  nl: 'EUR',
  ie: 'EUR',
  ca: 'CAD',
  'com.au': 'AUD',
  ch: 'CHF',
  pl: 'PLN',
  'com.sg': 'SGD',
  'com.my': 'MYR',
  ph: 'PHP',
  'com.hk': 'HKD',
};

function siteOf(url: URL): string | null {
  const m = /(?:^|\.)ebay\.([a-z.]+)$/.exec(url.hostname.toLowerCase());
  return m && Object.hasOwn(SITES, m[1]!) ? m[1]! : null;
}

/** /itm/123456789012 and /itm/title-slug/123456789012 */
const ITEM_IN_PATH = /\/itm\/(?:[^/?#]+\/)?(\d{9,15})(?=[/?#]|$)/;
const itemOf = (url: URL): string | null => ITEM_IN_PATH.exec(url.pathname)?.[1] ?? null;

const PRICE_SELECTORS = ['.x-price-primary', '#prcIsum', '#prcIsum_bidPrice', '#mm-saleDscPrc', '.display-price', '[itemprop="price"]'];

export const ebay: Marketplace = {
  id: 'ebay',
  name: 'eBay',

  recognise(url, $) {
    const site = siteOf(url);
    if (site) return source('url', `host ebay.${site}`);
    if ($('meta[property="og:site_name"][content="eBay" i]').length) return source('meta', 'og:site_name');
    return null;
  },

  marketplaceKey: () => 'ebay',

  defaultCurrency(url) {
    const site = siteOf(url);
    return site ? { code: SITES[site]!, source: source('url', `currency of ebay.${site}`) } : null;
  },

  extract($, url, generic) {
    return readStorefront($, url) ?? { fields: readListing($, url, this.defaultCurrency?.(url) ?? null, generic), storefront: null };
  },
};

function readListing($: CheerioAPI, url: URL, currency: CurrencyDefault | null, generic: GenericExtraction): ListingFields {
  const fields: ListingFields = {};
  const id = itemOf(url);
  if (id) fields.listingId = found(id, 'url', '/itm/{item}');
  else {
    const canonical = generic.canonical ? itemOf(new URL(generic.canonical)) : null;
    if (canonical) fields.listingId = found(canonical, 'canonical', generic.canonical!);
    else {
      const onPage = firstText($, ['#descItemNumber', '.ux-layout-section__textual-display--itemId .ux-textspans--BOLD']);
      if (onPage && /^\d{9,15}$/.test(onPage.value)) fields.listingId = found(onPage.value, 'selector', onPage.selector);
    }
  }

  // The old layout's h1 starts with a hidden "Details about" span.
  const h1 = $('#itemTitle').first().clone();
  within(h1, '.g-hdn').remove();
  const oldTitle = textOf(h1);
  const title = firstText($, ['h1.x-item-title__mainTitle', '.x-item-title__mainTitle']);
  if (title) fields.title = found(title.value, 'selector', title.selector);
  else if (oldTitle) fields.title = found(oldTitle, 'selector', '#itemTitle');

  for (const selector of PRICE_SELECTORS) {
    const el = $(selector).first();
    if (!el.length) continue;
    // The price element's `content` is the amount for machines; its currency is in itemprop=priceCurrency.
    const content = el.attr('content');
    const currencyContent = cleanText($('[itemprop="priceCurrency"]').first().attr('content'));
    const text = textOf(within(el, '.ux-textspans').first()) ?? textOf(el);
    const fromText = priceFromText(text, currency, 'selector', selector);
    const priced =
      content !== undefined
        ? machinePrice(content, currencyContent ? found(currencyContent, 'selector', '[itemprop="priceCurrency"][content]') : (fromText?.currency ?? null), currency, 'selector', `${selector}[content]`)
        : fromText;
    if (priced) {
      fields.price = priced.price;
      if (priced.currency) fields.currency = priced.currency;
      break;
    }
  }

  const quantity = firstText($, ['#qtySubTxt', '.x-quantity__availability', '#d-quantity__availability']);
  const a = quantity ? availabilityFromText(quantity.value) : null;
  const ended = firstText($, ['.d-statusmessage', '#msgPanel .msgTextAlign', '.vi-notify-new-bg-dBtm']);
  if (quantity && a) fields.availability = found(a, 'selector', quantity.selector);
  else if (ended && /(listing|bidding|auction) (has |was )?ended|ended|beendet|terminée|terminata|finalizada/i.test(ended.value)) fields.availability = found('out-of-stock', 'selector', ended.selector);
  else if (!generic.fields.availability) {
    // An auction states no quantity: a live bid or buy button says it can still be bought.
    const button = ['#bidBtn_btn', '#binBtn_btn', '#isCartBtn_btn', '.x-bid-action a', '.x-bin-action a', '.x-atc-action a'].find((s) => $(s).length);
    if (button) fields.availability = found('in-stock', 'selector', button);
  }

  const brand = itemSpecific($, /^(brand|marke|marque|marca|merk)$/i);
  if (brand) fields.brand = found(brand.value, 'selector', brand.selector);

  const image = absoluteUrl($('#icImg').attr('src') ?? $('.ux-image-carousel-item img').first().attr('src') ?? $('.ux-image-carousel-item img').first().attr('data-src'), url);
  if (image) fields.images = found([image], 'selector', '#icImg, .ux-image-carousel-item img');

  Object.assign(fields, readSeller($, url));
  return fields;
}

/** Item specifics are label/value pairs; eBay has laid them out as a table and as a grid of rows. */
function itemSpecific($: CheerioAPI, label: RegExp): { value: string; selector: string } | null {
  for (const el of $('.ux-labels-values').toArray().slice(0, 100)) {
    const name = textOf(within($(el), '.ux-labels-values__labels'))?.replace(/:$/, '');
    if (name && label.test(name)) {
      const value = textOf(within($(el), '.ux-labels-values__values'));
      if (value) return { value, selector: '.ux-labels-values (item specifics)' };
    }
  }
  for (const td of $('.itemAttr td.attrLabels, #viTabs_0_is td.attrLabels').toArray().slice(0, 100)) {
    const name = textOf($(td))?.replace(/:$/, '');
    if (name && label.test(name)) {
      const value = textOf($(td).next('td'));
      if (value) return { value, selector: '.itemAttr td.attrLabels (item specifics)' };
    }
  }
  return null;
}

/**
 * The seller's user id is in the seller card's links (/usr/ID) or in the
 * "see other items" search (_ssn=ID); a store link (/str/NAME) names the
 * store, which is not the user id.
 */
function readSeller($: CheerioAPI, url: URL): ListingFields {
  const fields: ListingFields = {};
  const cards = ['.x-sellercard-atf', '.ux-seller-section', '#RightSummaryPanel .mbg', '.si-content', '#seller-info'];
  for (const card of cards) {
    for (const el of $(`${card} a[href*="/usr/"]`).toArray().slice(0, 10)) {
      const user = /\/usr\/([^/?#]+)/.exec(new URL($(el).attr('href') ?? '', 'https://ebay.invalid').pathname)?.[1];
      if (!user) continue;
      fields.sellerId = found(decodeURIComponent(user), 'selector', `${card} a[href*="/usr/"]`);
      const sellerUrl = absoluteUrl($(el).attr('href'), url);
      if (sellerUrl) fields.sellerUrl = found(sellerUrl.replace(/\?.*$/, ''), 'selector', `${card} a[href*="/usr/"]`);
      break;
    }
    if (fields.sellerId) break;
  }
  if (!fields.sellerId) {
    for (const el of $('a[href*="_ssn="], a[href*="ssn="]').toArray().slice(0, 20)) {
      const ssn = queryParam($(el).attr('href'), ['_ssn', 'ssn']);
      if (ssn) {
        fields.sellerId = found(ssn.value, 'selector', `a[href] ${ssn.name}=`);
        break;
      }
    }
  }
  const name = firstText($, ['.x-sellercard-atf__info__about-seller a span', '.x-sellercard-atf__info__about-seller', '.ux-seller-section__item--seller a', '.mbg-nw', '#mbgLink span']);
  if (name) fields.sellerName = found(name.value, 'selector', name.selector);
  if (!fields.sellerId && name && name.selector === '.mbg-nw') fields.sellerId = found(name.value, 'selector', '.mbg-nw');
  if (!fields.sellerUrl) {
    const store = absoluteUrl($('.x-sellercard-atf a[href*="/str/"], .ux-seller-section a[href*="/str/"], #storeSellerLink a, .si-content a[href*="/str/"]').first().attr('href'), url);
    if (store) fields.sellerUrl = found(store.replace(/\?.*$/, ''), 'selector', 'seller card a[href*="/str/"]');
  }
  const location = firstText($, ['[itemprop="availableAtOrFrom"]', '.ux-labels-values--itemLocation .ux-labels-values__values', '#itemLocation .iti-eu-bld-gry', '.d-shipping-minview .ux-textspans--SECONDARY']);
  // "Located in: X", "Lieu où se trouve l'objet : X": the label is not the place.
  if (location) fields.shipsFrom = found(location.value.replace(/^[^:]{1,40}:\s*/, ''), 'selector', location.selector);
  return fields;
}

/** A store (/str/NAME), a member's page (/usr/NAME) or a seller's items search (/sch/i.html?_ssn=NAME). */
function readStorefront($: CheerioAPI, url: URL): MarketplaceExtraction | null {
  const store = /^\/str\/([^/?#]+)/.exec(url.pathname)?.[1];
  const user = /^\/usr\/([^/?#]+)/.exec(url.pathname)?.[1];
  const ssn = url.pathname.startsWith('/sch/') ? queryParam(url.href, ['_ssn', 'ssn']) : null;
  if (!store && !user && !ssn) return null;
  const fields: ListingFields = { sellerUrl: found(url.href, 'url', 'page address') };
  if (user) fields.sellerId = found(decodeURIComponent(user), 'url', '/usr/{user}');
  else if (ssn) fields.sellerId = found(ssn.value, 'url', `/sch/?${ssn.name}={user}`);
  else {
    // A store page names its owner in its links to the owner's feedback or profile.
    const owner = $('a[href*="/usr/"]').toArray().map((el) => /\/usr\/([^/?#]+)/.exec($(el).attr('href') ?? '')?.[1]).find(Boolean);
    const ownerSsn = $('a[href*="_ssn="]').toArray().map((el) => queryParam($(el).attr('href'), ['_ssn'])?.value).find(Boolean);
    if (owner) fields.sellerId = found(decodeURIComponent(owner), 'selector', 'a[href*="/usr/"]');
    else if (ownerSsn) fields.sellerId = found(ownerSsn, 'selector', 'a[href*="_ssn="]');
    else fields.sellerId = found(decodeURIComponent(store!), 'url', '/str/{store}');
  }
  const name = firstText($, ['.str-seller-card__store-name', '.str-billboard__title', '.str-header__title', 'h1']);
  if (name) fields.sellerName = found(name.value, 'selector', name.selector);
  else if (store) fields.sellerName = found(decodeURIComponent(store), 'url', '/str/{store}');
  else fields.sellerName = { ...fields.sellerId! };
  return { fields, storefront: listingsFromLinks($, 'a[href*="/itm/"]', itemOf, url), kind: 'storefront' };
}
