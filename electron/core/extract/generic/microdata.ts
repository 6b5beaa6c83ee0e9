import type { CheerioAPI } from 'cheerio';
import { availabilityFromSchema } from '../availability.js';
import { within, type Nodes } from '../dom.js';
import { found } from '../fields.js';
import { machinePrice, type CurrencyDefault } from '../price-fields.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { ListingFields } from '../types.js';

const PRODUCT = /schema\.org\/(Product|IndividualProduct|ProductModel|ProductGroup)\b/i;
/** Nested items whose properties still describe the product. */
const NESTED = new Set(['offers', 'brand', 'seller', 'manufacturer']);

/**
 * schema.org Product in microdata: the first `itemscope` typed Product, its
 * own properties and those of its offers and brand (not of, say, a related
 * product nested inside it). A `content` attribute is what the page states
 * for machines, so it is preferred over the visible text.
 */
export function readMicrodata($: CheerioAPI, pageUrl: URL | null, fallback: CurrencyDefault | null): ListingFields {
  const scope = $('[itemscope][itemtype]')
    .filter((_, el) => PRODUCT.test($(el).attr('itemtype') ?? ''))
    .first();
  if (!scope.length) return {};
  const type = PRODUCT.exec(scope.attr('itemtype') ?? '')?.[1] ?? 'Product';
  const props = collect($, scope);
  const fields: ListingFields = {};
  const get = (name: string) => props.find((p) => p.name === name) ?? null;

  const title = get('name');
  if (title && !title.via) {
    const value = cleanText(valueOf(title.el));
    if (value) fields.title = found(value, 'microdata', `${type}.name`);
  }
  for (const key of ['sku', 'productID']) {
    const p = get(key);
    const value = p ? cleanText(valueOf(p.el)) : null;
    if (p && value && !fields.listingId) fields.listingId = found(value, 'microdata', pathOf(type, p));
    if (p && value && key === 'sku') fields.sku = found(value, 'microdata', pathOf(type, p));
  }
  const brand = props.find((p) => p.name === 'brand' && !p.el.is('[itemscope]')) ?? props.find((p) => p.name === 'name' && p.via === 'brand');
  const brandValue = brand ? cleanText(valueOf(brand.el)) : null;
  if (brand && brandValue) fields.brand = found(brandValue, 'microdata', pathOf(type, brand));

  const image = get('image');
  const imageUrl = image ? absoluteUrl(valueOf(image.el), pageUrl) : null;
  if (image && imageUrl) fields.images = found([imageUrl], 'microdata', pathOf(type, image));

  const price = props.find((p) => p.name === 'price' || p.name === 'lowPrice');
  if (price) {
    const currency = get('priceCurrency');
    const currencyValue = currency ? found(valueOf(currency.el), 'microdata' as const, pathOf(type, currency)) : null;
    const priced = machinePrice(valueOf(price.el), currencyValue, fallback, 'microdata', pathOf(type, price));
    if (priced) {
      fields.price = priced.price;
      if (priced.currency) fields.currency = priced.currency;
    }
  }
  const availability = get('availability');
  const a = availability ? availabilityFromSchema(valueOf(availability.el)) : null;
  if (availability && a) fields.availability = found(a, 'microdata', pathOf(type, availability));

  const seller = props.find((p) => p.name === 'name' && p.via === 'seller');
  const sellerName = seller ? cleanText(valueOf(seller.el)) : null;
  if (seller && sellerName) fields.sellerName = found(sellerName, 'microdata', pathOf(type, seller));
  return fields;
}

interface Prop {
  name: string;
  el: Nodes;
  /** the nested item's property (offers, brand, seller) the property sits in, if any */
  via: string | null;
}

function collect($: CheerioAPI, scope: Nodes): Prop[] {
  const root = scope.get(0);
  const out: Prop[] = [];
  for (const node of within(scope, '[itemprop]').toArray().slice(0, 2000)) {
    const el = $(node);
    const owner = el.parent().closest('[itemscope]');
    let via: string | null = null;
    if (owner.get(0) !== root) {
      const ownerProp = (owner.attr('itemprop') ?? '').trim().split(/\s+/)[0] ?? '';
      // Only one level of nesting, and only through offers/brand/seller.
      if (!NESTED.has(ownerProp) || owner.parent().closest('[itemscope]').get(0) !== root) continue;
      via = ownerProp;
    }
    for (const name of (el.attr('itemprop') ?? '').trim().split(/\s+/)) if (name) out.push({ name, el, via });
  }
  return out;
}

function pathOf(type: string, p: Prop): string {
  return p.via ? `${type}.${p.via}.${p.name}` : `${type}.${p.name}`;
}

/** The value of an itemprop: `content` first, then the element's own value attribute, then its text. */
function valueOf(el: Nodes): string {
  const content = el.attr('content');
  if (content !== undefined) return content;
  const tag = (el.get(0) as { tagName?: string } | undefined)?.tagName?.toLowerCase() ?? '';
  const attr = { a: 'href', link: 'href', img: 'src', source: 'src', meta: 'content', data: 'value', meter: 'value', time: 'datetime', input: 'value' }[tag];
  if (attr) {
    const v = el.attr(attr) ?? (tag === 'img' ? el.attr('data-src') : undefined);
    if (v !== undefined) return v;
  }
  return el.text();
}
