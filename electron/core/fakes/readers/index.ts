import { load } from 'cheerio/slim';
import { parseUrl } from '../../extract/text.js';
import { amazonSearch } from './amazon.js';
import { ebaySearch } from './ebay.js';
import { genericSearch } from './generic.js';
import { aliexpressSearch, etsySearch, walmartSearch } from './others.js';
import type { SearchReader, SearchReading } from './types.js';

export type { SearchReader, SearchReading, SearchResult } from './types.js';

/** Marketplace readers, most specific first; the generic one reads what none of them knows. */
export const SEARCH_READERS: readonly SearchReader[] = [amazonSearch, ebaySearch, etsySearch, aliexpressSearch, walmartSearch];

export function readerFor(url: URL, $?: ReturnType<typeof load>): SearchReader {
  const byHost = SEARCH_READERS.find((r) => r.recognise(url, load('')));
  if (byHost) return byHost;
  if ($) return SEARCH_READERS.find((r) => r.recognise(url, $)) ?? genericSearch;
  return genericSearch;
}

/**
 * The results a search page shows, in page order. Pure, and it never throws:
 * a page the readers cannot make sense of gives no results, and its capture
 * is kept all the same.
 */
export function readSearchPage(html: string, pageUrl: string): SearchReading {
  const url = parseUrl(pageUrl) ?? new URL('about:blank');
  const $ = load(typeof html === 'string' ? html : '');
  const reader = readerFor(url, $);
  let results: SearchReading['results'] = [];
  try {
    results = reader.read($, url).map((r, i) => ({ position: i + 1, ...r }));
  } catch {
    results = [];
  }
  return { marketplace: reader.marketplace(url), reader: reader.id, generic: reader === genericSearch, results };
}
