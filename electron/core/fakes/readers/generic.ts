import type { CheerioAPI } from 'cheerio';
import { textOf } from '../../extract/dom.js';
import { bareHost, cleanText } from '../../extract/text.js';
import { imageOf, LIMIT, priced, url, withPage } from './common.js';
import type { SearchReader, SearchResult } from './types.js';

/** Path shapes of a product page on most shops: /product/…, /item/123, /listing/123, /dp/…, /p/…, /products/slug. */
const PRODUCT_PATH = /\/(?:dp|itm|item|items|listing|listings|product|products|p|ip|offer|offers)\/([^/?#]+)/i;
const PRICE = /(?:[€£$¥₹]|\b(?:EUR|USD|GBP|CHF|CNY)\b)\s?\d[\d.,\s]*|\d[\d.,\s]*\s?(?:[€£$¥₹]|\b(?:EUR|USD|GBP|CHF|CNY)\b)/;

/**
 * For a search page no marketplace reader knows: every link to a product
 * page of the same site, with the nearest enclosing block that carries a
 * price taken as its card. Coarser than a marketplace's own reader, and the
 * reading says it was used.
 */
export const genericSearch: SearchReader = {
  id: 'generic-search',
  recognise: () => true,
  marketplace: (u) => bareHost(u) || 'unknown',
  pageUrl: (u, n) => withPage(u, 'page', n),
  read($: CheerioAPI, base: URL) {
    const out = new Map<string, Omit<SearchResult, 'position'>>();
    for (const el of $('a[href]').toArray()) {
      if (out.size >= LIMIT) break;
      const a = $(el);
      const href = url(a.attr('href'), base);
      if (!href) continue;
      const target = new URL(href);
      if (target.host !== base.host) continue;
      const id = PRODUCT_PATH.exec(target.pathname)?.[1];
      if (!id || out.has(id)) continue;
      let card = a.parent();
      for (let up = 0; up < 5 && card.length && !PRICE.test(card.text()); up++) card = card.parent();
      const priceText = card.length ? (PRICE.exec(cleanText(card.text()) ?? '')?.[0]?.trim() ?? null) : null;
      const title = cleanText(a.attr('title')) ?? textOf(a) ?? cleanText(a.find('img').attr('alt'));
      out.set(id, {
        listingId: decodeURIComponent(id).replace(/\.html?$/, ''),
        url: href,
        title: title && title.length <= 400 ? title : null,
        ...priced(priceText, null),
        sellerName: null,
        sellerId: null,
        thumbnail: card.length ? imageOf($, card, base) : null,
        sponsored: false,
      });
    }
    return [...out.values()];
  },
};
