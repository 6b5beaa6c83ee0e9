import type { CheerioAPI } from 'cheerio';
import { inlineScripts, textOf } from '../dom.js';
import { found, source } from '../fields.js';
import type { GenericExtraction } from '../generic/index.js';
import { asString, at, jsonAfter, parseJson, scriptString } from '../script-data.js';
import { absoluteUrl, bareHost, cleanText } from '../text.js';
import type { ListingFields, StorefrontListing } from '../types.js';
import type { Marketplace } from './marketplace.js';

/** /products/HANDLE, also under a collection: /collections/NAME/products/HANDLE */
const HANDLE_IN_PATH = /\/products\/([^/?#.]+)/;
const COLLECTION = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/collections\/[^/]+\/?$/i;

/**
 * A Shopify store is its own seller, on its own host, so it is recognised by
 * the marks the platform leaves in every page rather than by a host.
 */
export const shopify: Marketplace = {
  id: 'shopify',
  name: 'Shopify store',

  recognise(url, $) {
    const host = url.hostname.toLowerCase();
    if (host.endsWith('.myshopify.com')) return source('url', `host ${host}`);
    const scripts = inlineScripts($);
    if (scripts.some((s) => /\bShopify\.shop\s*=/.test(s))) return source('script', 'Shopify.shop');
    if (scripts.some((s) => /\bShopifyAnalytics\.meta\b/.test(s))) return source('script', 'ShopifyAnalytics.meta');
    if ($('script[src*="cdn.shopify.com"], link[href*="cdn.shopify.com"]').length) return source('selector', '[src|href*="cdn.shopify.com"]');
    if ($('meta[name="shopify-digital-wallet"], meta[name="shopify-checkout-api-token"]').length) return source('selector', 'meta[name^="shopify-"]');
    return null;
  },

  marketplaceKey: (url) => bareHost(url) || 'shopify',

  extract($, url, generic) {
    const seller = readSeller($, url, generic);
    if (COLLECTION.test(url.pathname)) return { fields: seller, storefront: readCollection($, url), kind: 'storefront' };
    return { fields: { ...readProduct($, url), ...seller }, storefront: null };
  },
};

/** ShopifyAnalytics' `var meta = {"product":{"id":…,"vendor":…}}`, else a theme's product JSON. */
function productData($: CheerioAPI): { id: string; vendor: string | null; sku: string | null; source: string } | null {
  const meta = jsonAfter(inlineScripts($), /\bvar\s+meta\s*=/);
  const id = meta ? asString(at(meta.value, 'product.id')) : null;
  // The store's own code for the product: its first (or only) variant's SKU.
  const sku = meta ? asString(at(meta.value, 'product.variants.0.sku')) : null;
  if (meta && id) return { id, vendor: asString(at(meta.value, 'product.vendor')), sku: sku ? cleanText(sku) : null, source: 'ShopifyAnalytics.meta.product.id' };
  for (const el of $('script[type="application/json"][data-product-json], script[type="application/json"][id^="ProductJson"]').toArray().slice(0, 5)) {
    const data = parseJson($(el).text());
    const themeId = asString(at(data, 'id')) ?? asString(at(data, 'product.id'));
    const themeSku = asString(at(data, 'variants.0.sku')) ?? asString(at(data, 'product.variants.0.sku'));
    if (themeId && /^\d+$/.test(themeId)) return { id: themeId, vendor: asString(at(data, 'vendor')) ?? asString(at(data, 'product.vendor')), sku: themeSku ? cleanText(themeSku) : null, source: 'product JSON (data-product-json) .id' };
  }
  return null;
}

function readProduct($: CheerioAPI, url: URL): ListingFields {
  const fields: ListingFields = {};
  const handle = HANDLE_IN_PATH.exec(url.pathname)?.[1];
  const product = productData($);
  if (product) fields.listingId = found(product.id, 'script', product.source);
  else {
    const variant = url.searchParams.get('variant') ?? cleanText($('form[action*="/cart/add"] [name="id"]').first().attr('value'));
    if (variant && /^\d+$/.test(variant)) fields.listingId = found(variant, url.searchParams.get('variant') ? 'url' : 'selector', url.searchParams.get('variant') ? '?variant={id}' : 'form[action*="/cart/add"] [name="id"]');
    else if (handle) fields.listingId = found(decodeURIComponent(handle), 'url', '/products/{handle}');
  }
  if (product?.sku) fields.sku = found(product.sku, 'script', product.source.replace(/\.id$/, '.variants[0].sku'));
  if (product?.vendor) fields.brand = found(cleanText(product.vendor) ?? product.vendor, 'script', 'ShopifyAnalytics.meta.product.vendor');
  return fields;
}

/** The store is the seller: its host identifies it, og:site_name (or Shopify.shop) names it. */
function readSeller($: CheerioAPI, url: URL, generic: GenericExtraction): ListingFields {
  const host = bareHost(url);
  const fields: ListingFields = {};
  if (host) {
    fields.sellerId = found(host, 'url', 'host');
    fields.sellerUrl = found(`${url.origin}/`, 'url', 'host');
  }
  const shop = scriptString(inlineScripts($), ['Shopify.shop']);
  if (generic.siteName) fields.sellerName = found(generic.siteName, 'meta', 'og:site_name');
  else if (shop) fields.sellerName = found(shop.value, 'script', 'Shopify.shop');
  return fields;
}

/** A collection page: the products it shows, by product id where the theme marks cards with one, else by handle. */
function readCollection($: CheerioAPI, url: URL): StorefrontListing[] {
  const out = new Map<string, StorefrontListing>();
  for (const el of $('a[href*="/products/"]').toArray().slice(0, 3000)) {
    const a = $(el);
    const href = absoluteUrl(a.attr('href'), url);
    const handle = href ? HANDLE_IN_PATH.exec(new URL(href).pathname)?.[1] : undefined;
    if (!href || !handle) continue;
    const cardId = cleanText(a.closest('[data-product-id]').attr('data-product-id'));
    const id = cardId && /^\d+$/.test(cardId) ? cardId : decodeURIComponent(handle);
    const title = cleanText(a.attr('title')) ?? textOf(a);
    const known = out.get(id);
    if (!known) out.set(id, title ? { listingId: id, url: href.replace(/[?#].*$/, ''), title } : { listingId: id, url: href.replace(/[?#].*$/, '') });
    else if (!known.title && title) known.title = title;
  }
  return [...out.values()];
}
