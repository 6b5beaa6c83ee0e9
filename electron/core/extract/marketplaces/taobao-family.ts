import type { CheerioAPI } from 'cheerio';
import { firstText, inlineScripts, textOf } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { priceFromText, type CurrencyDefault } from '../price-fields.js';
import { scriptId, scriptString } from '../script-data.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { ListingFields, ValueSource } from '../types.js';
import type { MarketplaceExtraction } from './marketplace.js';
import { listingsFromLinks } from './storefront-links.js';

/**
 * Taobao and Tmall share Alibaba's item page machinery (item.htm?id=, g_config,
 * shopNNN.taobao.com links) but are separate marketplaces with separate keys:
 * what they share lives here, what differs in taobao.ts and tmall.ts.
 */
export interface FamilyLayout {
  title: readonly string[];
  price: readonly string[];
  shopName: readonly string[];
}

export const CNY = (site: string): CurrencyDefault => ({ code: 'CNY', source: source('url', `currency of ${site}`) });

/** The listing id: `id=` on item.htm (Taobao, Tmall, Tmall HK, world.taobao.com). */
export function itemIdOf(url: URL): string | null {
  if (!/\/item\.htm$|\/item\/\d+\.htm$/.test(url.pathname)) return null;
  const id = url.searchParams.get('id') ?? /\/item\/(\d+)\.htm$/.exec(url.pathname)?.[1] ?? null;
  return id && /^\d{5,20}$/.test(id) ? id : null;
}

const SHOP_HOST = /^shop(\d{4,15})\.(?:world\.)?taobao\.com$/i;

/** The current (2023-) React layout's class names carry a hash suffix: match them by prefix. */
export const REACT_TITLE = ['[class*="ItemHeader--mainTitle"]', '[class*="mainTitle--"]'];
export const REACT_PRICE = ['[class*="highlightPrice--"] [class*="text--"]', '[class*="Price--priceText"]', '[class*="priceText--"]'];
export const REACT_SHOP = ['[class*="ShopHeader--title"]', '[class*="shopName--"]'];

export function readFamilyListing($: CheerioAPI, url: URL, generic: GenericExtraction, layout: FamilyLayout, currency: CurrencyDefault): ListingFields {
  const fields: ListingFields = {};
  const scripts = inlineScripts($);

  const id = itemIdOf(url);
  const canonical = generic.canonical ? itemIdOf(new URL(generic.canonical)) : null;
  const scriptedId = scriptId(scripts, ['itemId', 'item_id'], /^\d{5,20}$/);
  if (id) fields.listingId = found(id, 'url', 'item.htm?id={item}');
  else if (canonical) fields.listingId = found(canonical, 'canonical', generic.canonical!);
  else if (scriptedId) fields.listingId = found(scriptedId.value, 'script', scriptedId.key);

  // Taobao keeps the full title in data-title; the visible text may be cut.
  const dataTitle = cleanText($('.tb-main-title[data-title]').first().attr('data-title'));
  const title = firstText($, layout.title);
  const scriptedTitle = cleanText(scriptString(scripts, ['title'])?.value);
  if (dataTitle) fields.title = found(dataTitle, 'selector', '.tb-main-title[data-title]');
  else if (title) fields.title = found(title.value, 'selector', title.selector);
  else if (scriptedTitle) fields.title = found(scriptedTitle, 'script', 'title');

  for (const selector of layout.price) {
    const priced = priceFromText(textOf($(selector).first()), currency, 'selector', selector);
    if (priced) {
      fields.price = priced.price;
      fields.currency = priced.currency ?? { value: currency.code, source: currency.source };
      break;
    }
  }
  if (!fields.price) {
    const scripted = scriptString(scripts, ['reservePrice', 'defaultItemPrice']) ?? scriptId(scripts, ['reservePrice', 'defaultItemPrice'], /^\d+(\.\d+)?$/);
    const priced = scripted ? priceFromText(scripted.value, currency, 'script', scripted.key) : null;
    if (priced) {
      fields.price = priced.price;
      fields.currency = priced.currency ?? { value: currency.code, source: currency.source };
    }
  }

  const brand = attribute($, /^(品牌|brand)$/i);
  const scriptedBrand = cleanText(scriptString(scripts, ['brand'])?.value);
  if (brand) fields.brand = found(brand, 'selector', '#J_AttrUL li / .attributes-list li (品牌)');
  else if (scriptedBrand) fields.brand = found(scriptedBrand, 'script', 'brand');

  Object.assign(fields, readShop($, url, layout, scripts));
  return fields;
}

/** Attribute lists read "品牌: X" (with a full-width or plain colon). */
function attribute($: CheerioAPI, label: RegExp): string | null {
  for (const li of $('#J_AttrUL li, .attributes-list li, #J_BrandAttr, [class*="Attrs--attr"]').toArray().slice(0, 200)) {
    const m = /^([^:：]{1,20})[:：]\s*(.+)$/.exec(textOf($(li)) ?? '');
    if (m && label.test(m[1]!.trim())) return cleanText(m[2]);
  }
  return null;
}

/**
 * The shop: its id (shopId in g_config or TShop.Setup, or shopNNN.taobao.com
 * in its links) is the seller id, because it is what the shop's own pages
 * show in their address; the seller's user id is used only when no shop id
 * is on the page. The shop's name is its displayed name.
 */
function readShop($: CheerioAPI, url: URL, layout: FamilyLayout, scripts: string[]): ListingFields {
  const fields: ListingFields = {};
  const shopLink = $('a[href]')
    .toArray()
    .slice(0, 3000)
    .map((el) => absoluteUrl($(el).attr('href'), url))
    .find((href): href is string => !!href && SHOP_HOST.test(new URL(href).hostname));
  const scriptedShop = scriptId(scripts, ['shopId', 'rstShopId', 'shop_id'], /^\d{4,15}$/);
  const scriptedSeller = scriptId(scripts, ['sellerId', 'userId', 'seller_id', 'user_id'], /^\d{4,15}$/);
  let id: { value: string; source: ValueSource } | null = null;
  if (scriptedShop) id = { value: scriptedShop.value, source: source('script', scriptedShop.key) };
  else if (shopLink) id = { value: SHOP_HOST.exec(new URL(shopLink).hostname)![1]!, source: source('selector', 'a[href*="//shop{id}.taobao.com"]') };
  else if (scriptedSeller) id = { value: scriptedSeller.value, source: source('script', scriptedSeller.key) };
  if (id) fields.sellerId = id;

  const name = firstText($, layout.shopName);
  const scriptedName = cleanText(scriptString(scripts, ['shopName', 'sellerNick', 'nick'])?.value);
  if (name) fields.sellerName = found(name.value, 'selector', name.selector);
  else if (scriptedName) fields.sellerName = found(scriptedName, 'script', 'shopName');

  const namedLink = layout.shopName.map((selector) => ({ selector, href: absoluteUrl($(selector).filter('a[href]').first().attr('href'), url) })).find((l) => l.href);
  if (namedLink?.href) fields.sellerUrl = found(namedLink.href.replace(/[?#].*$/, ''), 'selector', `${namedLink.selector}[href]`);
  else if (shopLink) fields.sellerUrl = found(shopLink.replace(/[?#].*$/, ''), 'selector', 'a[href*="//shop{id}.taobao.com"]');
  else if (scriptedShop) fields.sellerUrl = found(`https://shop${scriptedShop.value}.taobao.com/`, 'script', scriptedShop.key);
  return fields;
}

/**
 * A shop's own pages (shopNNN.taobao.com, NAME.tmall.com and their
 * search.htm): the seller and the items it shows.
 */
export function readFamilyStorefront($: CheerioAPI, url: URL, shopNames: readonly string[], shopIdFromHost: string | null): MarketplaceExtraction {
  const scripts = inlineScripts($);
  const fields: ListingFields = { sellerUrl: found(`${url.origin}/`, 'url', 'page address') };
  const scripted = scriptId(scripts, ['shopId', 'rstShopId'], /^\d{4,15}$/);
  // The shop pages' tracking tag: "pageId=…;shopId=…;userid=…".
  const tagged = /(?:^|;)\s*shopId=(\d{4,15})\s*(?:;|$)/.exec($('meta[name="microscope-data"]').attr('content') ?? '')?.[1];
  if (shopIdFromHost) fields.sellerId = found(shopIdFromHost, 'url', 'shop{id}.taobao.com');
  else if (scripted) fields.sellerId = found(scripted.value, 'script', scripted.key);
  else if (tagged) fields.sellerId = found(tagged, 'meta', 'microscope-data shopId');
  const name = firstText($, shopNames);
  const scriptedName = cleanText(scriptString(scripts, ['shopName'])?.value);
  if (name) fields.sellerName = found(name.value, 'selector', name.selector);
  else if (scriptedName) fields.sellerName = found(scriptedName, 'script', 'shopName');
  const storefront = listingsFromLinks($, 'a[href*="item.htm"]', itemIdOf, url);
  return { fields, storefront, kind: 'storefront' };
}

export function shopIdOfHost(url: URL): string | null {
  return SHOP_HOST.exec(url.hostname)?.[1] ?? null;
}

