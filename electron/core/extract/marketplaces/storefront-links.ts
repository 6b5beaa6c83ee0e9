import type { CheerioAPI } from 'cheerio';
import { textOf } from '../dom.js';
import { absoluteUrl, cleanText } from '../text.js';
import type { StorefrontListing } from '../types.js';

const LIMIT = 1000;

/**
 * The listings a storefront shows, read from its links: each link whose
 * address yields a listing id, once per id, in page order, titled by the
 * link's title attribute or its text.
 */
export function listingsFromLinks($: CheerioAPI, selector: string, idOf: (url: URL) => string | null, pageUrl: URL): StorefrontListing[] {
  const out = new Map<string, StorefrontListing>();
  for (const el of $(selector).toArray()) {
    if (out.size >= LIMIT) break;
    const a = $(el);
    const href = absoluteUrl(a.attr('href'), pageUrl);
    if (!href) continue;
    const id = idOf(new URL(href));
    if (!id) continue;
    const title = cleanText(a.attr('title')) ?? textOf(a);
    const known = out.get(id);
    if (!known) out.set(id, title && title.length <= 300 ? { listingId: id, url: href, title } : { listingId: id, url: href });
    else if (!known.title && title && title.length <= 300) known.title = title;
  }
  return [...out.values()];
}
