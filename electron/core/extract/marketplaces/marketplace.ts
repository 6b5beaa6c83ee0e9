import type { CheerioAPI } from 'cheerio';
import type { GenericExtraction } from '../generic/index.js';
import type { CurrencyDefault } from '../price-fields.js';
import type { ListingFields, StorefrontListing, ValueSource } from '../types.js';

export interface MarketplaceExtraction {
  /** what the module read from its own layout; these win over the generic layer's where both have a value */
  fields: ListingFields;
  /** on a seller's storefront or profile page, the listings it shows; otherwise null */
  storefront: StorefrontListing[] | null;
  /** 'storefront' when the page is a seller's page; left out, the page's kind follows from its fields */
  kind?: 'listing' | 'storefront' | 'other';
}

/**
 * One marketplace's knowledge of its own pages. Modules are pure: they read
 * the parsed page and its address and never fetch anything.
 */
export interface Marketplace {
  /** the module's id, recorded as the extraction's `extractor` */
  id: string;
  name: string;
  /**
   * How this page is known to be this marketplace's: the URL's host (kind
   * 'url'), or a mark in the page (a script variable, an element). Null when
   * it is not. A host match is preferred over any page mark.
   */
  recognise(url: URL, $: CheerioAPI): ValueSource | null;
  /** e.g. 'amazon.de', 'ebay', a Shopify store's host */
  marketplaceKey(url: URL): string;
  /** the currency the site implies when a price names none (amazon.co.uk: GBP) */
  defaultCurrency?(url: URL): CurrencyDefault | null;
  extract($: CheerioAPI, url: URL, generic: GenericExtraction): MarketplaceExtraction;
}
