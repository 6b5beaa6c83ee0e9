import { load as loadPerSpec, type CheerioAPI } from 'cheerio';
import { load } from 'cheerio/slim';
import { detectBlocked } from '../capture/blocked.js';
import { mergePriced, source } from './fields.js';
import { extractGeneric } from './generic/index.js';
import { MARKETPLACES, type Marketplace } from './marketplaces/index.js';
import { nestsTooDeep } from './nesting.js';
import { visiblePage } from './page-text.js';
import { bareHost, parseUrl } from './text.js';
import { traderPage } from './trader-page.js';
import { LISTING_FIELDS, type ListingFields, type PageExtraction, type ValueSource } from './types.js';

/**
 * Recorded with every extraction, so a value can be traced to the rules that
 * read it; raise it whenever a change could make the same page read
 * differently.
 */
export const EXTRACTOR_VERSION = '2';

/**
 * What a saved page says about the listing on it. Pure and synchronous, and
 * it never throws: a page is evidence whatever it holds, so a page that
 * defeats the parser is filed as 'other' with no fields.
 *
 * Order: a captcha or login wall first (never filed as a listing); then
 * which marketplace it is (by the URL's host, else by marks in the page);
 * then what standard markup states (JSON-LD, microdata, OpenGraph); then the
 * marketplace's own layout, whose values win where it has them.
 */
export function extractPage(html: string, url: string): PageExtraction {
  return readPage(html, url).extraction;
}

/** extractPage, and the visible text it read on the way (for a page saved elsewhere, which has no text.txt of its own). */
export function readPage(html: string, url: string): { extraction: PageExtraction; text: string } {
  const pageUrl = typeof url === 'string' ? parseUrl(url) : null;
  const seen = { text: '' };
  try {
    return { extraction: extract(typeof html === 'string' ? html : '', typeof url === 'string' ? url : '', pageUrl, seen), text: seen.text };
  } catch {
    // Only a bug in a rule can land here; the page is still filed, as read by none of them.
    return { extraction: { ...unknownSite(pageUrl), kind: 'other', blocked: null, fields: {}, storefront: null }, text: seen.text };
  }
}

function extract(html: string, url: string, parsed: URL | null, seen: { text: string }): PageExtraction {
  if (nestsTooDeep(html)) return tooDeep(html, url, parsed);
  const $ = parse(html);
  const page = visiblePage($);
  seen.text = page.text;
  const blocked = detectBlocked({ url, ...page, html });

  const pageUrl = parsed ?? new URL('about:blank');
  const { module, named } = identify(pageUrl, parsed !== null, $);
  if (blocked) return { ...named, kind: 'blocked', blocked, fields: {}, storefront: null };

  const generic = extractGeneric($, parsed, module?.defaultCurrency?.(pageUrl) ?? null);
  if (!module || module.id === 'shopify') {
    // A shop's own trader page (Impressum, Legal notice…) is its seller profile.
    const trader = parsed && kindOf(generic.fields) === 'other' ? traderPage($, parsed) : null;
    if (trader) return { ...named, kind: 'storefront', blocked: null, fields: ordered(trader), storefront: [] };
  }
  if (!module) return { ...named, kind: kindOf(generic.fields), blocked: null, fields: ordered(generic.fields), storefront: null };

  const own = module.extract($, pageUrl, generic);
  if (own.kind === 'storefront') {
    const fields = pick(mergePriced(own.fields, generic.fields), ['sellerName', 'sellerId', 'sellerUrl']);
    return { ...named, kind: 'storefront', blocked: null, fields, storefront: own.storefront ?? [] };
  }
  const fields = ordered(mergePriced(own.fields, generic.fields));
  return { ...named, kind: own.kind ?? kindOf(fields), blocked: null, fields, storefront: null };
}

/**
 * A page no browser would have built (see nesting.ts) is not parsed: it is
 * still checked for a wall by its address and markup, and only its address
 * says which marketplace it is.
 */
function tooDeep(html: string, url: string, parsed: URL | null): PageExtraction {
  const title = /<title[^>]*>([^<]{0,500})/i.exec(html.slice(0, 100_000))?.[1] ?? '';
  const blocked = detectBlocked({ url, title, text: '', html });
  const { named } = identify(parsed ?? new URL('about:blank'), parsed !== null, load(''));
  return { ...named, kind: blocked ? 'blocked' : 'other', blocked, fields: {}, storefront: null };
}

type Named = Pick<PageExtraction, 'marketplace' | 'extractor' | 'recognisedBy'>;

function identify(url: URL, readable: boolean, $: CheerioAPI): { module: Marketplace | null; named: Named } {
  const found = recognise(url, $);
  if (found) return { module: found.module, named: { marketplace: found.module.marketplaceKey(url), extractor: found.module.id, recognisedBy: found.by } };
  return { module: null, named: unknownSite(readable ? url : null) };
}

/** A site no module knows is named by its host. */
function unknownSite(url: URL | null): Named {
  const host = url ? bareHost(url) : '';
  return { marketplace: host || 'unknown', extractor: 'generic', recognisedBy: source('url', url ? `host ${host}` : 'unreadable address') };
}

/** A host match wins over a mark in the page: a page on ebay.com that loads a Shopify script is eBay's. */
function recognise(url: URL, $: CheerioAPI): { module: Marketplace; by: ValueSource } | null {
  let byMark: { module: Marketplace; by: ValueSource } | null = null;
  for (const module of MARKETPLACES) {
    const by = module.recognise(url, $);
    if (!by) continue;
    if (by.kind === 'url') return { module, by };
    byMark ??= { module, by };
  }
  return byMark;
}

function kindOf(fields: ListingFields): PageExtraction['kind'] {
  return fields.listingId || (fields.title && fields.price) ? 'listing' : 'other';
}

function pick(fields: ListingFields, keys: (keyof ListingFields)[]): ListingFields {
  return ordered(Object.fromEntries(keys.filter((k) => fields[k]).map((k) => [k, fields[k]])) as ListingFields);
}

/** Fields in LISTING_FIELDS order, so the same page always serialises the same way. */
function ordered(fields: ListingFields): ListingFields {
  return Object.fromEntries(LISTING_FIELDS.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]])) as ListingFields;
}

/** Past this many top-level nodes, a page is parsed the slow, standard way (see parse). */
const MAX_TOP_LEVEL_NODES = 256;

/**
 * htmlparser2 reads real pages about eight times faster than parse5, which
 * matters when every capture is read as it is stored. It builds no implied
 * html and body elements, though, and cheerio's selectors turn quadratic
 * over thousands of top-level nodes; a page like that (no browser would
 * serialise one) goes to parse5, which nests them as a browser does.
 */
function parse(html: string): CheerioAPI {
  const $ = load(html);
  const top = $.root()[0]?.children.length ?? 0;
  return top > MAX_TOP_LEVEL_NODES ? loadPerSpec(html) : $;
}
