import type { BlockedSign } from '../capture/blocked.js';

/**
 * What an extractor found on a page, field by field, each with where it came
 * from: a value in evidence must be traceable to the page, and the
 * investigator's corrections are recorded beside it, never over it.
 */

/** The fields of a listing page. Prices are exact decimal strings, currencies ISO 4217. */
export const LISTING_FIELDS = [
  'listingId',
  /** the seller's own product code (SKU), where the page states one: sellers reuse them across accounts */
  'sku',
  'title',
  'price',
  'currency',
  'availability',
  'brand',
  'images',
  'sellerName',
  'sellerId',
  'sellerUrl',
  'shipsFrom',
] as const;
export type ListingField = (typeof LISTING_FIELDS)[number];

/** schema.org's ItemAvailability, reduced to what an investigator reads. */
export const AVAILABILITIES = ['in-stock', 'out-of-stock', 'preorder', 'limited', 'discontinued', 'unknown'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export type SourceKind =
  /** schema.org JSON-LD; detail: the path, e.g. "Product.offers[0].price" */
  | 'json-ld'
  /** schema.org microdata; detail: the itemprop path */
  | 'microdata'
  /** OpenGraph or another <meta>; detail: the property name */
  | 'meta'
  /** <link rel=canonical>; detail: its href */
  | 'canonical'
  /** a CSS selector on the DOM; detail: the selector */
  | 'selector'
  /** a pattern on the URL; detail: the pattern's name or source */
  | 'url'
  /** data embedded in an inline script (e.g. window.runParams); detail: the variable and path */
  | 'script';

export interface ValueSource {
  kind: SourceKind;
  detail: string;
}

export interface Extracted<T> {
  value: T;
  source: ValueSource;
}

export type ListingFields = {
  [F in ListingField]?: Extracted<F extends 'images' ? string[] : F extends 'availability' ? Availability : string>;
};

export interface StorefrontListing {
  listingId: string;
  url: string;
  title?: string;
}

export interface PageExtraction {
  /** marketplace key: 'amazon.de', 'ebay', 'aliexpress', 'taobao', 'tmall', 'alibaba', 'etsy', 'walmart.com', a Shopify store's host, or for other sites their host */
  marketplace: string;
  /** which extractor recognised the page: a marketplace module's id, or 'generic' */
  extractor: string;
  /** how the marketplace was recognised (the URL's host, or a mark in the page) */
  recognisedBy: ValueSource;
  kind: 'listing' | 'storefront' | 'blocked' | 'other';
  /** set when kind is 'blocked': such a page is never filed as a listing */
  blocked: BlockedSign | null;
  fields: ListingFields;
  /** on a seller's storefront or profile page: the listings it shows */
  storefront: StorefrontListing[] | null;
}
