import type { CheerioAPI } from 'cheerio';
import { availabilityFromSchema } from '../availability.js';
import { found } from '../fields.js';
import { machinePrice, type CurrencyDefault } from '../price-fields.js';
import { asString, parseJson } from '../script-data.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { Extracted, ListingFields } from '../types.js';

type Obj = Record<string, unknown>;

const PRODUCT_TYPES = new Set(['product', 'productgroup', 'individualproduct', 'productmodel', 'vehicle', 'car']);

/**
 * schema.org Product in JSON-LD: every `application/ld+json` block, arrays
 * and @graph flattened, a block that does not parse skipped. The first
 * Product found is the page's; its fields are read with their JSON path.
 */
export function readJsonLd($: CheerioAPI, pageUrl: URL | null, fallback: CurrencyDefault | null): ListingFields {
  const product = findProduct($);
  if (!product) return {};
  const { node, name } = product;
  const fields: ListingFields = {};
  const path = (p: string) => `${name}.${p}`;

  const title = cleanText(asString(node.name));
  if (title) fields.title = found(title, 'json-ld', path('name'));

  for (const key of ['sku', 'productID', 'productGroupID'] as const) {
    const id = cleanText(asString(node[key]));
    if (id && !fields.listingId) fields.listingId = found(id, 'json-ld', path(key));
    if (id && key === 'sku') fields.sku = found(id, 'json-ld', path(key));
  }

  const brand = brandOf(node.brand);
  if (brand) fields.brand = found(brand.value, 'json-ld', path(`brand${brand.path}`));

  const images = imagesOf(node.image, pageUrl);
  if (images.length) fields.images = found(images, 'json-ld', path('image'));

  const offer = offerOf(node);
  if (offer) {
    const o = offer.node;
    const op = (p: string) => path(`${offer.path}.${p}`);
    const currency = firstPresent(o, ['priceCurrency'], op);
    for (const key of ['price', 'lowPrice', 'highPrice'] as const) {
      const priced = machinePrice(o[key], currency, fallback, 'json-ld', op(key));
      if (priced) {
        fields.price = priced.price;
        if (priced.currency) fields.currency = priced.currency;
        break;
      }
    }
    if (!fields.price) {
      const spec = first(o.priceSpecification);
      if (spec) {
        const specCurrency = firstPresent(spec, ['priceCurrency'], (p) => op(`priceSpecification.${p}`)) ?? currency;
        const priced = machinePrice(spec.price, specCurrency, fallback, 'json-ld', op('priceSpecification.price'));
        if (priced) {
          fields.price = priced.price;
          if (priced.currency) fields.currency = priced.currency;
        }
      }
    }
    const availability = availabilityFromSchema(o.availability);
    if (availability) fields.availability = found(availability, 'json-ld', op('availability'));
    const seller = first(o.seller);
    if (seller) {
      const sellerName = cleanText(asString(seller.name));
      if (sellerName) fields.sellerName = found(sellerName, 'json-ld', op('seller.name'));
      const sellerUrl = absoluteUrl(asString(seller.url), pageUrl);
      if (sellerUrl) fields.sellerUrl = found(sellerUrl, 'json-ld', op('seller.url'));
    }
  }
  return fields;
}

function findProduct($: CheerioAPI): { node: Obj; name: string } | null {
  for (const el of $('script[type="application/ld+json" i]').toArray().slice(0, 50)) {
    const data = parseJson(stripWrapping($(el).text()));
    const hit = search(data, 0);
    if (hit) return hit;
  }
  return null;
}

/** Some sites wrap the JSON in an HTML comment or CDATA; anything worse is skipped. */
function stripWrapping(s: string): string {
  return s.replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[)/, '').replace(/(-->|\/\/\s*\]\]>)\s*$/, '');
}

/** Product nodes can sit at the root, in an array, in @graph, or as a page's mainEntity. */
function search(v: unknown, depth: number): { node: Obj; name: string } | null {
  if (depth > 6 || !v || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (const item of v.slice(0, 200)) {
      const hit = search(item, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  const o = v as Obj;
  const type = typesOf(o).find((t) => PRODUCT_TYPES.has(t.toLowerCase()));
  if (type) return { node: o, name: type };
  for (const key of ['@graph', 'mainEntity', 'itemOffered', 'about']) {
    if (Object.hasOwn(o, key)) {
      const hit = search(o[key], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

function typesOf(o: Obj): string[] {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//i, '').replace(/^schema:/i, ''));
}

function first(v: unknown): Obj | null {
  const x = Array.isArray(v) ? v[0] : v;
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : null;
}

function firstPresent(o: Obj, keys: string[], path: (p: string) => string): Extracted<unknown> | null {
  for (const key of keys) if (o[key] !== undefined && o[key] !== null) return found(o[key], 'json-ld', path(key));
  return null;
}

/** The offer that carries a price: the first such in `offers`, else (ProductGroup) in the first variant's. */
function offerOf(node: Obj): { node: Obj; path: string } | null {
  const direct = pickOffer(node.offers, 'offers');
  if (direct) return direct;
  const variant = first(node.hasVariant);
  if (variant) return pickOffer(variant.offers, 'hasVariant[0].offers');
  return null;
}

function pickOffer(offers: unknown, path: string): { node: Obj; path: string } | null {
  if (Array.isArray(offers)) {
    const list = offers.slice(0, 100);
    const i = list.findIndex((o) => o && typeof o === 'object' && ['price', 'lowPrice', 'priceSpecification'].some((k) => Object.hasOwn(o as Obj, k)));
    const at = i >= 0 ? i : 0;
    const o = first(list[at]);
    return o ? { node: o, path: `${path}[${at}]` } : null;
  }
  const o = first(offers);
  if (!o) return null;
  // An AggregateOffer may list its offers; its own lowPrice is read first.
  if (!['price', 'lowPrice', 'priceSpecification'].some((k) => Object.hasOwn(o, k)) && Object.hasOwn(o, 'offers')) return pickOffer(o.offers, `${path}.offers`);
  return { node: o, path };
}

function brandOf(v: unknown): { value: string; path: string } | null {
  const b = Array.isArray(v) ? v[0] : v;
  const s = cleanText(asString(b));
  if (s) return { value: s, path: '' };
  if (b && typeof b === 'object') {
    const name = cleanText(asString((b as Obj).name));
    if (name) return { value: name, path: '.name' };
  }
  return null;
}

function imagesOf(v: unknown, pageUrl: URL | null): string[] {
  const list = Array.isArray(v) ? v.slice(0, 50) : [v];
  const out: string[] = [];
  for (const item of list) {
    const raw = typeof item === 'string' ? item : item && typeof item === 'object' ? asString((item as Obj).url) ?? asString((item as Obj).contentUrl) : null;
    const url = absoluteUrl(raw, pageUrl);
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}
