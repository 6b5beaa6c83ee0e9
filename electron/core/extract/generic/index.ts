import type { CheerioAPI } from 'cheerio';
import { mergePriced } from '../fields.js';
import type { CurrencyDefault } from '../price-fields.js';
import type { ListingFields } from '../types.js';
import { readJsonLd } from './json-ld.js';
import { readMicrodata } from './microdata.js';
import { readOpenGraph } from './opengraph.js';

/** What any page states about itself in standard markup, before a marketplace module reads its own layout. */
export interface GenericExtraction {
  fields: ListingFields;
  canonical: string | null;
  siteName: string | null;
}

/** JSON-LD first (the most explicit), then microdata, then OpenGraph, field by field. */
export function extractGeneric($: CheerioAPI, pageUrl: URL | null, fallback: CurrencyDefault | null): GenericExtraction {
  const og = readOpenGraph($, pageUrl, fallback);
  const fields = mergePriced(readJsonLd($, pageUrl, fallback), readMicrodata($, pageUrl, fallback), og.fields);
  return { fields, canonical: og.canonical, siteName: og.siteName };
}
