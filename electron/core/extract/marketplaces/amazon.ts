import type { CheerioAPI } from 'cheerio';
import { firstText, textOf, within } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { priceFromText, type CurrencyDefault } from '../price-fields.js';
import { availabilityFromText } from '../availability.js';
import { absoluteUrl, cleanText, queryParam } from '../text.js';
import type { ListingFields, StorefrontListing } from '../types.js';
import { mainOffer, readSeller } from './amazon-buybox.js';
import type { Marketplace, MarketplaceExtraction } from './marketplace.js';

/** Every national site, with the currency its prices are in when they print only a "$" or no sign. */
const SITES: Record<string, string> = {
  com: 'USD',
  'co.uk': 'GBP',
  de: 'EUR',
  fr: 'EUR',
  it: 'EUR',
  es: 'EUR',
  nl: 'EUR',
  'com.be': 'EUR',
  ie: 'EUR',
  se: 'SEK',
  pl: 'PLN',
  ca: 'CAD',
  'com.mx': 'MXN',
  'com.br': 'BRL',
  'com.au': 'AUD',
  'co.jp': 'JPY',
  in: 'INR',
  sg: 'SGD',
  ae: 'AED',
  sa: 'SAR',
  'com.tr': 'TRY',
  eg: 'EGP',
};

function siteOf(url: URL): string | null {
  const m = /(?:^|\.)amazon\.([a-z.]+)$/.exec(url.hostname.toLowerCase());
  return m && Object.hasOwn(SITES, m[1]!) ? m[1]! : null;
}

const ASIN = /^[A-Z0-9]{10}$/;
/** /dp/ASIN, /slug/dp/ASIN, /-/de/dp/ASIN, /gp/product/ASIN, /gp/aw/d/ASIN, /exec/obidos/ASIN/ASIN */
const ASIN_IN_PATH = /\/(?:dp|gp\/product|gp\/offer-listing|gp\/aw\/d|o\/ASIN|exec\/obidos\/ASIN|product)\/([A-Z0-9]{10})(?=[/?#]|$)/i;

/** The buy box's price, in the layouts Amazon has used: apex and core price (2021-), the older price blocks, the buy box. */
const PRICE_SELECTORS = [
  '#corePriceDisplay_desktop_feature_div .priceToPay .a-offscreen',
  '#apex_desktop .apexPriceToPay .a-offscreen',
  // A struck-through list price (.a-text-price) is not what the buyer pays.
  '#corePriceDisplay_desktop_feature_div .a-price:not(.a-text-price) .a-offscreen',
  '#corePrice_feature_div .a-price:not(.a-text-price) .a-offscreen',
  '#corePrice_desktop .a-price:not(.a-text-price) .a-offscreen',
  '#apex_desktop .a-price:not(.a-text-price) .a-offscreen',
  '#priceblock_dealprice',
  '#priceblock_saleprice',
  '#priceblock_ourprice',
  '#price_inside_buybox',
  '#newBuyBoxPrice',
  '#tp_price_block_total_price_ww .a-offscreen',
  '#buybox .a-price:not(.a-text-price) .a-offscreen',
  '#kindle-price',
];

/** "Visit the X Store" and its translations, "Brand: X" and its translations, as #bylineInfo says them. */
const BYLINE: RegExp[] = [
  /^Visit the (.+?) Store$/i,
  /^Besuchen Sie den (.+?)-Store$/i,
  /^Visita lo Store di (.+)$/i,
  /^Visiter la boutique (.+)$/i,
  /^Visita la tienda de (.+)$/i,
  /^Bezoek de (.+?)-winkel$/i,
  /^Besök (.+?)-butiken$/i,
  /^Odwiedź sklep (.+)$/i,
  /^Visite a loja (.+)$/i,
  /^(.+?)のストアを表示$/,
  /^(?:Brand|Marke|Marque|Marca|Merk|Märke|Marka|ブランド)\s*:\s*(.+)$/i,
];

const BRAND_LABEL = /^(?:brand|marke|marque|marca|merk|märke|marka|ブランド|brand name|markenname)$/i;

export const amazon: Marketplace = {
  id: 'amazon',
  name: 'Amazon',

  recognise(url, $) {
    const site = siteOf(url);
    if (site) return source('url', `host amazon.${site}`);
    if ($('input#ASIN, input[name="ASIN"]').length && $('#productTitle, #dp-container, #dp').length) return source('selector', '#ASIN');
    if (/\bue_id\s*=\s*['"]/.test($('script:not([src])').slice(0, 40).text()) && $('#nav-logo, #navbar').length) return source('script', 'ue_id');
    return null;
  },

  marketplaceKey(url) {
    const site = siteOf(url);
    return site ? `amazon.${site}` : 'amazon';
  },

  defaultCurrency(url) {
    const site = siteOf(url);
    return site ? { code: SITES[site]!, source: source('url', `currency of amazon.${site}`) } : null;
  },

  extract($, url, generic) {
    const currency = this.defaultCurrency?.(url) ?? null;
    const storefront = readStorefront($, url);
    if (storefront) return storefront;
    return { fields: readListing($, url, currency, generic), storefront: null };
  },
};

function readListing($: CheerioAPI, url: URL, currency: CurrencyDefault | null, generic: GenericExtraction): ListingFields {
  const fields: ListingFields = {};

  const fromUrl = ASIN_IN_PATH.exec(url.pathname);
  if (fromUrl) fields.listingId = found(fromUrl[1]!.toUpperCase(), 'url', fromUrl[0].replace(fromUrl[1]!, '{ASIN}'));
  else {
    const canonical = generic.canonical ? ASIN_IN_PATH.exec(new URL(generic.canonical).pathname) : null;
    if (canonical) fields.listingId = found(canonical[1]!.toUpperCase(), 'canonical', generic.canonical!);
    else {
      for (const sel of ['input#ASIN', 'input[name="ASIN"]', 'input[name="ASIN.0"]']) {
        const v = cleanText($(sel).first().attr('value'))?.toUpperCase();
        if (v && ASIN.test(v)) {
          fields.listingId = found(v, 'selector', `${sel}[value]`);
          break;
        }
      }
      const dp = cleanText($('#dp[data-asin], #ppd [data-asin], #dp-container [data-asin]').first().attr('data-asin'))?.toUpperCase();
      if (!fields.listingId && dp && ASIN.test(dp)) fields.listingId = found(dp, 'selector', '[data-asin]');
    }
  }

  const title = firstText($, ['#productTitle', '#title', '#btAsinTitle', '#ebooksProductTitle']);
  if (title) fields.title = found(title.value, 'selector', title.selector);

  for (const selector of PRICE_SELECTORS) {
    const el = mainOffer($, selector).first();
    if (!el.length) continue;
    const priced = priceFromText(textOf(el) ?? splitPrice($, el), currency, 'selector', selector);
    if (priced) {
      fields.price = priced.price;
      if (priced.currency) fields.currency = priced.currency;
      break;
    }
  }

  const availability = firstText($, ['#availability', '#outOfStock', '#availabilityInsideBuyBox_feature_div']);
  const a = availability ? availabilityFromText(availability.value) : null;
  if (availability && a) fields.availability = found(a, 'selector', availability.selector);

  const brand = readBrand($);
  if (brand) fields.brand = brand;

  const image = absoluteUrl($('#landingImage').attr('data-old-hires') || $('#landingImage, #imgBlkFront, #main-image').first().attr('src'), url);
  if (image && !image.startsWith('data:')) fields.images = found([image], 'selector', '#landingImage');

  Object.assign(fields, readSeller($, url));
  return fields;
}

/** Newer price blocks print the price in parts: symbol, whole, fraction. */
function splitPrice($: CheerioAPI, el: ReturnType<CheerioAPI>): string | null {
  const price = el.closest('.a-price');
  if (!price.length) return null;
  const whole = textOf(within(price, '.a-price-whole'));
  if (!whole) return null;
  const fraction = textOf(within(price, '.a-price-fraction')) ?? '';
  const symbol = textOf(within(price, '.a-price-symbol')) ?? '';
  const decimal = whole.endsWith(',') || whole.endsWith('.') ? '' : fraction ? '.' : '';
  return `${symbol}${whole}${decimal}${fraction}`;
}

function readBrand($: CheerioAPI): ListingFields['brand'] {
  const byline = textOf($('#bylineInfo'))?.slice(0, 300);
  if (byline) {
    for (const r of BYLINE) {
      const m = r.exec(byline);
      const brand = m ? cleanText(m[1]) : null;
      if (brand) return found(brand, 'selector', '#bylineInfo');
    }
  }
  // The product details tables: overview, technical details, detail bullets.
  for (const row of $('#productOverview_feature_div tr, #productDetails_techSpec_section_1 tr, #productDetails_detailBullets_sections1 tr, #prodDetails tr').toArray().slice(0, 200)) {
    const cells = within($(row), 'th, td');
    if (cells.length < 2) continue;
    const label = textOf(cells.first());
    if (label && BRAND_LABEL.test(label.replace(/[\s:‏‎]+$/g, ''))) {
      const value = textOf(cells.last());
      if (value) return found(value, 'selector', '#productOverview_feature_div / #prodDetails tr (Brand)');
    }
  }
  for (const li of $('#detailBullets_feature_div li').toArray().slice(0, 100)) {
    const m = /^(?:Brand|Marke|Marque|Marca|Merk)\s*:\s*(.+)$/i.exec(textOf($(li)) ?? '');
    if (m) return found(cleanText(m[1])!, 'selector', '#detailBullets_feature_div li (Brand)');
  }
  return undefined;
}

/** A seller's storefront (/s?me=MERCHANT, the search filtered to one seller) or profile (/sp?seller=MERCHANT, /gp/help/seller/at-a-glance.html?seller=MERCHANT). */
function readStorefront($: CheerioAPI, url: URL): MarketplaceExtraction | null {
  const isSearch = url.pathname === '/s' || url.pathname.startsWith('/s/');
  // /gp/help/seller/at-a-glance.html is the profile address a listing's "Sold by" links to: re-capturing a seller starts there.
  const isProfile = url.pathname === '/sp' || url.pathname.startsWith('/sp/') || url.pathname.startsWith('/gp/aag/') || url.pathname.startsWith('/gp/help/seller/');
  const param = isSearch ? queryParam(url.href, ['me']) : isProfile ? queryParam(url.href, ['seller', 'merchantID', 'me']) : null;
  if (!param) return null;
  const fields: ListingFields = {
    sellerId: found(param.value, 'url', `${url.pathname}?${param.name}={seller}`),
    sellerUrl: found(url.href, 'url', 'page address'),
  };
  const name = firstText($, ['#seller-name', '#sellerName', '#sellerName-rd', '.s-desktop-toolbar .a-color-state', '#storefront-name', 'h1']);
  if (name) fields.sellerName = found(name.value.replace(/^"|"$/g, ''), 'selector', name.selector);
  const listings: StorefrontListing[] = [];
  const seen = new Set<string>();
  for (const el of $('[data-asin]').toArray()) {
    const asin = ($(el).attr('data-asin') ?? '').trim().toUpperCase();
    if (!ASIN.test(asin) || seen.has(asin)) continue;
    seen.add(asin);
    const card = $(el);
    const title = textOf(within(card, 'h2').first()) ?? cleanText(within(card, 'img').first().attr('alt'));
    const href = absoluteUrl(within(card, 'a[href*="/dp/"]').first().attr('href'), url) ?? absoluteUrl(`/dp/${asin}`, url) ?? `https://${url.host}/dp/${asin}`;
    listings.push(title ? { listingId: asin, url: href, title } : { listingId: asin, url: href });
  }
  return { fields, storefront: listings, kind: 'storefront' };
}
