import type { CheerioAPI } from 'cheerio';
import { availabilityFromSchema, availabilityFromText } from '../availability.js';
import { found } from '../fields.js';
import { machinePrice, type CurrencyDefault } from '../price-fields.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { ListingFields } from '../types.js';

export interface OpenGraph {
  fields: ListingFields;
  /** `<link rel=canonical>`, absolute: marketplaces read ids from it when the address shown lacks them */
  canonical: string | null;
  siteName: string | null;
}

/** OpenGraph and product <meta> tags (Facebook's product:* and the older og:price:*), and the canonical link. */
export function readOpenGraph($: CheerioAPI, pageUrl: URL | null, fallback: CurrencyDefault | null): OpenGraph {
  const meta = (names: string[]): { value: string; name: string } | null => {
    for (const name of names) {
      const el = $(`meta[property="${name}"], meta[name="${name}"]`).first();
      const value = cleanText(el.attr('content'));
      if (value) return { value, name };
    }
    return null;
  };
  const fields: ListingFields = {};

  const title = meta(['og:title']);
  if (title) fields.title = found(title.value, 'meta', title.name);

  const image = meta(['og:image:secure_url', 'og:image', 'og:image:url']);
  const imageUrl = image ? absoluteUrl(image.value, pageUrl) : null;
  if (image && imageUrl) fields.images = found([imageUrl], 'meta', image.name);

  const amount = meta(['product:price:amount', 'og:price:amount', 'product:sale_price:amount']);
  if (amount) {
    const currency = meta(['product:price:currency', 'og:price:currency', 'product:sale_price:currency']);
    const priced = machinePrice(amount.value, currency ? found(currency.value, 'meta', currency.name) : null, fallback, 'meta', amount.name);
    if (priced) {
      fields.price = priced.price;
      if (priced.currency) fields.currency = priced.currency;
    }
  }

  const availability = meta(['product:availability', 'og:availability']);
  const a = availability ? (availabilityFromSchema(availability.value) ?? availabilityFromText(availability.value.replace(/[_-]/g, ' '))) : null;
  if (availability && a) fields.availability = found(a, 'meta', availability.name);

  const brand = meta(['product:brand', 'og:brand']);
  if (brand) fields.brand = found(brand.value, 'meta', brand.name);

  const canonical = absoluteUrl($('link[rel~="canonical" i]').first().attr('href'), pageUrl);
  return { fields, canonical, siteName: meta(['og:site_name'])?.value ?? null };
}
