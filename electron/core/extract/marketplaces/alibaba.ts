import type { CheerioAPI } from 'cheerio';
import { availabilityFromText } from '../availability.js';
import { firstText, inlineScripts, textOf, within } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { priceFromText, type CurrencyDefault, type PriceFound } from '../price-fields.js';
import { parseJson, scriptId, scriptString } from '../script-data.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { ListingFields } from '../types.js';
import type { Marketplace, MarketplaceExtraction } from './marketplace.js';
import { listingsFromLinks } from './storefront-links.js';

const HOST = /(?:^|\.)alibaba\.com$/;
/** A supplier's minisite: NAME.en.alibaba.com (or NAME.alibaba.com); not Alibaba's own service hosts. */
const COMPANY_HOST = /^([a-z0-9][a-z0-9-]{1,62})\.(?:[a-z]{2}\.)?alibaba\.com$/;
const SERVICE = new Set(['www', 'm', 'offer', 'message', 'login', 'passport', 'sale', 'sourcing', 'my', 'biz', 'onetalk', 'trade', 'service', 'activities', 'air', 'img', 's', 'is', 'assets', 'data', 'cart', 'en', 'french', 'german', 'spanish', 'italian', 'portuguese', 'russian', 'japanese', 'korean', 'arabic', 'turkish', 'vietnamese', 'thai', 'indonesian', 'dutch', 'hebrew', 'hindi']);
/** /product-detail/Title-Words_62320522213.html on www; /product/62320522213-123/title.html on a minisite. */
const PRODUCT_IN_PATH = /\/product-detail\/(?:[^/]*_)?(\d{6,20})\.html|\/product\/(\d{6,20})[-/]/;
const productOf = (url: URL): string | null => {
  const m = PRODUCT_IN_PATH.exec(url.pathname);
  return m ? (m[1] ?? m[2] ?? null) : null;
};

function companyOf(host: string): string | null {
  const m = COMPANY_HOST.exec(host.toLowerCase());
  return m && !SERVICE.has(m[1]!) ? m[1]! : null;
}

const USD = { code: 'USD', source: source('url', 'currency of alibaba.com') };

/** Price blocks across Alibaba's layouts; tiers and ranges are all read, and the lowest is kept. */
const PRICE_GROUPS = [
  '.ma-ref-price, .ma-spec-price, .ma-ladder-price .priceVal',
  '.price-list .price-item .price, .price-range .price, [class*="price-item"] [class*="price"]',
  '.product-price .price, .module_price .price, .promotion-price, .pre-inquiry-price',
];

const COMPANY_LINKS = ['a.company-name', '.company-name a', '.company-name-container a', '[class*="company-name"] a', '.module_company a', '.supplier-name a'];

export const alibaba: Marketplace = {
  id: 'alibaba',
  name: 'Alibaba.com',

  recognise(url) {
    const host = url.hostname.toLowerCase();
    return HOST.test(host) ? source('url', `host ${host}`) : null;
  },

  marketplaceKey: () => 'alibaba',

  defaultCurrency: () => USD,

  extract($, url, generic) {
    const company = companyOf(url.hostname);
    if (company && !productOf(url)) return readStorefront($, url, company);
    return { fields: readListing($, url, generic, USD), storefront: null };
  },
};

function readListing($: CheerioAPI, url: URL, generic: GenericExtraction, currency: CurrencyDefault): ListingFields {
  const fields: ListingFields = {};
  const scripts = inlineScripts($);
  const id = productOf(url);
  const canonical = generic.canonical ? productOf(new URL(generic.canonical)) : null;
  if (id) fields.listingId = found(id, 'url', '/product-detail/..._{id}.html');
  else if (canonical) fields.listingId = found(canonical, 'canonical', generic.canonical!);
  else {
    const scripted = scriptId(scripts, ['productId'], /^\d{6,20}$/);
    if (scripted) fields.listingId = found(scripted.value, 'script', scripted.key);
  }

  const title = firstText($, ['h1.ma-title', '.product-title h1', '[class*="product-title"] h1', '.module-pdp-title h1', 'h1']);
  if (title) fields.title = found(title.value, 'selector', title.selector);

  const brand = attribute($, scripts, /^brand( name)?$/i);
  if (brand) fields.brand = brand;

  // Ready-to-ship products carry an "In Stock" badge above the title.
  const stock = firstText($, ['.ready-to-ship-icon .icon-ins', '[class*="ready-to-ship"] [class*="stock"]', '.product-stock']);
  const a = stock ? availabilityFromText(stock.value) : null;
  if (stock && a) fields.availability = found(a, 'selector', stock.selector);

  const priced = lowestPrice($, currency);
  if (priced) {
    fields.price = priced.price;
    if (priced.currency) fields.currency = priced.currency;
  }

  // The supplier: its minisite's subdomain identifies it in every address it uses.
  for (const selector of COMPANY_LINKS) {
    const a = $(selector).filter('[href]').first();
    const href = absoluteUrl(a.attr('href'), url);
    const company = href ? companyOf(new URL(href).hostname) : null;
    if (!href || !company) continue;
    fields.sellerId = found(company, 'selector', `${selector}[href] (company subdomain)`);
    fields.sellerUrl = found(new URL(href).origin + '/', 'selector', `${selector}[href]`);
    const name = cleanText(a.attr('title')) ?? textOf(a);
    if (name) fields.sellerName = found(name, 'selector', selector);
    break;
  }
  if (!fields.sellerId && companyOf(url.hostname)) fields.sellerId = found(companyOf(url.hostname)!, 'url', '{company}.en.alibaba.com');
  if (!fields.sellerId) {
    const companyId = companyIdOf($, scripts);
    if (companyId) fields.sellerId = companyId;
  }
  if (!fields.sellerName) {
    const name = firstText($, ['.company-name', '[class*="company-name"]', '.supplier-name']) ;
    const scripted = cleanText(scriptString(scripts, ['companyName', 'supplierName'])?.value);
    if (name) fields.sellerName = found(name.value, 'selector', name.selector);
    else if (scripted) fields.sellerName = found(scripted, 'script', 'companyName');
  }
  return fields;
}

/**
 * The product's attributes ("Brand Name", "Model Number"): a list on the
 * page, and the same pairs in the page's script data. The JSON-LD brand on
 * Alibaba pages is a placeholder, so these win.
 */
function attribute($: CheerioAPI, scripts: string[], label: RegExp): ListingFields['brand'] {
  for (const el of $('.do-entry-item, .attribute-item, [class*="attribute-item"], .module_attribute tr').toArray().slice(0, 200)) {
    const name = textOf(within($(el), '.attr-name, .do-entry-item-key, [class*="left"], td').first())?.replace(/:$/, '');
    const value = textOf(within($(el), '.attr-value, .do-entry-item-val, [class*="right"], td').last());
    if (name && value && label.test(name)) return found(value, 'selector', '.do-entry-item / .attribute-item (Brand Name)');
  }
  const pair = /"attrName"\s*:\s*"([^"\\]{1,60})"\s*,\s*"attrValue"\s*:\s*"((?:[^"\\]|\\.){1,200})"/g;
  for (const script of scripts) {
    pair.lastIndex = 0;
    for (let m = pair.exec(script), n = 0; m && n < 500; m = pair.exec(script), n++) {
      if (label.test(m[1]!.trim())) {
        const value = cleanText(parseJson(`"${m[2]}"`) as string | null);
        if (value) return found(value, 'script', `attrName "${m[1]}" attrValue`);
      }
    }
  }
  return undefined;
}

/** A range or tiers ("US$1.20 - 3.50", "US$2.10 / 100-499 pieces") are kept honest: the lowest price shown. */
function lowestPrice($: CheerioAPI, currency: CurrencyDefault): PriceFound | null {
  for (const group of PRICE_GROUPS) {
    let best: PriceFound | null = null;
    for (const el of $(group).toArray().slice(0, 50)) {
      const selector = group.split(', ').find((s) => $(el).is(s)) ?? group;
      const p = priceFromText(textOf($(el)), currency, 'selector', selector);
      if (p && (!best || Number(p.price.value) < Number(best.price.value))) best = p;
    }
    if (best) return best;
  }
  return null;
}

function companyIdOf($: CheerioAPI, scripts: string[]): ListingFields['sellerId'] {
  const exdata = parseJson($('meta[name="aplus-exdata"]').attr('content') ?? '');
  const fromMeta = exdata && typeof exdata === 'object' && !Array.isArray(exdata) ? (exdata as Record<string, unknown>).companyId : undefined;
  if ((typeof fromMeta === 'string' || typeof fromMeta === 'number') && /^\d{3,20}$/.test(String(fromMeta))) return found(String(fromMeta), 'meta', 'aplus-exdata companyId');
  const scripted = scriptId(scripts, ['companyId'], /^\d{3,20}$/);
  return scripted ? found(scripted.value, 'script', scripted.key) : undefined;
}

/** A supplier's minisite (NAME.en.alibaba.com, its product list pages). */
function readStorefront($: CheerioAPI, url: URL, company: string): MarketplaceExtraction {
  const fields: ListingFields = {
    sellerId: found(company, 'url', '{company}.en.alibaba.com'),
    sellerUrl: found(`${url.origin}/`, 'url', 'page address'),
  };
  const name = firstText($, ['.company-name', '[class*="company-name"]', '.cp-name', 'h1']);
  const scripted = cleanText(scriptString(inlineScripts($), ['companyName'])?.value);
  if (name) fields.sellerName = found(name.value, 'selector', name.selector);
  else if (scripted) fields.sellerName = found(scripted, 'script', 'companyName');
  return { fields, storefront: listingsFromLinks($, 'a[href*="/product"]', productOf, url), kind: 'storefront' };
}
